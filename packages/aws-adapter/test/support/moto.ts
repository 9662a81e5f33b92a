import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
export const MOTO_REGION = 'us-east-1'

/** The moto server of this run (see `global-setup.ts`). */
export const motoEndpoint = (): string => inject('motoEndpoint')

/** A name no other test file or run uses on a shared moto (lower case, so also a valid bucket name). */
export const uniqueName = (base: string): string => `${base}-${randomUUID().slice(0, 8)}`

export const motoLambdaClient = (extra: Partial<ConstructorParameters<typeof LambdaClient>[0]> = {}): LambdaClient =>
  new LambdaClient({ region: MOTO_REGION, endpoint: motoEndpoint(), credentials, ...extra })

export const motoS3Client = (): S3Client =>
  new S3Client({ region: MOTO_REGION, endpoint: motoEndpoint(), credentials, forcePathStyle: true })

export const createBucket = async (client: S3Client, bucket: string): Promise<void> => {
  await client.send(new CreateBucketCommand({ Bucket: bucket }))
}

/** Creates an IAM role Lambda may assume, through IAM's query API (there is no IAM client in this package), and gives its ARN. */
export const createRole = async (name: string): Promise<string> => {
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: name,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  })
  const r = await fetch(`${motoEndpoint()}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // moto routes by the service in the credential scope; it does not check the signature.
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${MOTO_REGION}/iam/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  })
  const text = await r.text()
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1]
  if (!r.ok || arn === undefined) throw new Error(`CreateRole on moto failed: HTTP ${r.status}: ${text.slice(0, 500)}`)
  return arn
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

const crc32 = (data: Buffer): number => {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A zip archive (stored, not compressed) of the given files, built in memory. */
export const zipBytes = (files: Record<string, string>): Uint8Array => {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

/** Creates a Python function on moto that would echo its event (moto without Docker echoes anyway). */
export const createEchoFunction = async (client: LambdaClient, name: string, roleArn: string): Promise<void> => {
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'python3.12',
      Role: roleArn,
      Handler: 'index.handler',
      Code: { ZipFile: zipBytes({ 'index.py': 'def handler(event, context):\n    return event\n' }) },
    }),
  )
}

/** Queues results moto returns, in order, for the next invocations in the region (Docker-free mode only). */
export const queueLambdaResults = async (results: ReadonlyArray<string>): Promise<void> => {
  const r = await fetch(`${motoEndpoint()}/moto-api/static/lambda-simple/response`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ results, region: MOTO_REGION }),
  })
  if (!r.ok) throw new Error(`queueing Lambda results on moto failed: HTTP ${r.status}`)
}
