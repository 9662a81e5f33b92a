/**
 * The built binary with its state in moto's S3 (the AWS adapter's moto, see
 * its test support): a fresh bucket per test file, the environment that
 * points the SDK at moto, and the records read back.
 */
import { spawn } from 'node:child_process'
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { createBucket, motoEndpoint, motoS3Client, MOTO_REGION, uniqueName } from '../../../aws-adapter/test/support/moto.js'
import { BIN } from './harness.js'

/** A new bucket on moto; its name. */
export const motoBucket = async (base: string): Promise<string> => {
  // (The SDK's notice that its future versions need a newer Node: nothing a test can act on.)
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true'
  const bucket = uniqueName(base)
  await createBucket(motoS3Client(), bucket)
  return bucket
}

/** The environment a child needs to keep its state in moto's S3. */
export const motoEnv = (): Record<string, string> => ({
  AWS_ENDPOINT_URL_S3: motoEndpoint(),
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: MOTO_REGION,
  AWS_PROFILE: '',
  AWS_EC2_METADATA_DISABLED: 'true',
})

/** A run of the binary started in the background: its pid, its output so far, and its exit. */
export interface Started {
  readonly pid: number
  readonly out: { stdout: string; stderr: string }
  readonly exited: Promise<number | null>
}

/** Starts the binary in `cwd` with `env` added to moto's; does not wait. */
export const startOnMoto = (cwd: string, args: ReadonlyArray<string>, env: Record<string, string> = {}): Started => {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...motoEnv(), ...env } })
  const out = { stdout: '', stderr: '' }
  child.stdout.on('data', (d) => (out.stdout += d))
  child.stderr.on('data', (d) => (out.stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
  return { pid: child.pid ?? -1, out, exited }
}

/** Runs the binary to its end. */
export const runOnMoto = async (cwd: string, args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const s = startOnMoto(cwd, args, env)
  const code = await s.exited
  return { code, ...s.out }
}

/** A stored record as the S3 store writes it (its fields that tests read). */
export interface StoredRecord {
  readonly state?: { readonly id: string; readonly result: string }
  readonly intent?: { readonly lifecycle: string; readonly startedAt: string; readonly holder?: { readonly id: string; readonly host?: string; readonly pid?: number } }
}

/** The stored records under `prefix` (each object's JSON), by object key. */
export const motoRecords = async (bucket: string, prefix: string): Promise<Map<string, StoredRecord>> => {
  const s3 = motoS3Client()
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
  const out = new Map<string, StoredRecord>()
  for (const o of listed.Contents ?? []) {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }))
    out.set(o.Key!, JSON.parse(await got.Body!.transformToString()) as StoredRecord)
  }
  return out
}
