import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLoopbackLambda, type LoopbackLambda } from '../../aws-adapter/test/support/loopback-lambda.js'
import { createEvent, deleteEvent } from './support/events.js'
import { startResponseServer, type ResponseServer } from './support/response-server.js'

// The bundled asset the construct deploys (dist/handler/index.js, bundled from the sources by the
// global setup), loaded as Lambda's Node.js runtime loads it: in a fresh process, as CommonJS, its
// handler called with an event and a context; the AWS SDK inside finds the Lambda stand-in through
// the standard AWS_ENDPOINT_URL_LAMBDA variable and the region through AWS_REGION, as in Lambda.

const run = promisify(execFile)
const asset = fileURLToPath(new URL('../dist/handler/index.js', import.meta.url))
const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')

let lambda: LoopbackLambda
let server: ResponseServer
beforeAll(async () => {
  lambda = await startLoopbackLambda()
  server = await startResponseServer()
})
afterAll(async () => {
  await lambda.close()
  await server.close()
})

const script = `
const { handler, onEvent } = require(process.env.ASSET)
const context = { awsRequestId: 'r', getRemainingTimeInMillis: () => 60000 }
const entry = process.env.ENTRY === 'onEvent' ? onEvent : handler
entry(JSON.parse(process.env.EVENT), context).then(
  (out) => process.stdout.write('\\nRESULT ' + JSON.stringify({ out })),
  (error) => process.stdout.write('\\nRESULT ' + JSON.stringify({ threw: String(error && error.message) })),
)`

const invokeAsset = async (event: Record<string, unknown>, entry: 'handler' | 'onEvent' = 'handler') => {
  const { stdout } = await run(process.execPath, ['-e', script], {
    env: {
      PATH: process.env['PATH'] ?? '',
      ASSET: asset,
      EVENT: JSON.stringify(event),
      ENTRY: entry,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    },
  })
  // The handler logs its one line on stdout, as in Lambda (CloudWatch); the result comes last.
  const lines = stdout.split('\n')
  const result = lines.find((l) => l.startsWith('RESULT ')) ?? 'RESULT {}'
  return { ...(JSON.parse(result.slice('RESULT '.length)) as { out?: Record<string, unknown>; threw?: string }), logs: lines.filter((l) => l.startsWith('lambda-invocation: ')) }
}

describe('the bundled handler asset', () => {
  it('answers a Create and a Delete through the AWS SDK, once each', async () => {
    const props = { FunctionName: 'echo-asset', Input: '{"b":1,"a":2}', LifecycleScope: 'CRUD' }
    const payload = '{"a":2,"b":1,"tf":{"action":"create","prev_input":null}}'
    const seen = server.received.length
    const { out, logs } = await invokeAsset(createEvent(server.url(), props))
    const got = await server.next(seen)
    const id = `echo-asset,$LATEST,${md5(payload)}`
    expect(logs).toEqual([`lambda-invocation: Create SeedDatabase → SUCCESS ${id}: create: invoked echo-asset ($LATEST) once`])
    expect(got.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Result: payload, InvocationId: id } })
    expect(out).toEqual(got.body)
    expect(got.headers['content-type']).toBe('')

    await invokeAsset(deleteEvent(server.url(), id, props))
    expect(lambda.received.filter((r) => r.functionName === 'echo-asset').map((r) => r.body.toString('utf8'))).toEqual([
      payload,
      '{"a":2,"b":1,"tf":{"action":"delete","prev_input":{"a":2,"b":1}}}',
    ])
  })

  it('exports onEvent for the Provider framework', async () => {
    const { out } = await invokeAsset(createEvent(server.url(), { FunctionName: 'echo-asset-2', Input: '{}' }), 'onEvent')
    expect(out).toEqual({ PhysicalResourceId: `echo-asset-2,$LATEST,${md5('{}')}`, Data: { Result: '{}', InvocationId: `echo-asset-2,$LATEST,${md5('{}')}` } })
    const { threw } = await invokeAsset(createEvent(server.url(), { FunctionName: 'fails-asset', Input: '{}' }), 'onEvent')
    expect(threw).toMatch(/^function fails-asset failed \(Unhandled\) while handling the create/)
  })
})
