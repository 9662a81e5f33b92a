/**
 * `--aws` end to end: the built binary invokes through the AWS SDK against a
 * loopback server speaking Lambda's Invoke API (the SDK's standard
 * AWS_ENDPOINT_URL_LAMBDA points it there).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { configText, folder, removeFolder, requireBuiltBinary, runBinAsync } from './harness.js'

type Reply = (req: IncomingMessage, body: string, res: ServerResponse) => void
let server: Server
let reply: Reply
const received: Array<{ url: string; body: string }> = []
let env: Record<string, string>

beforeAll(async () => {
  requireBuiltBinary()
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      received.push({ url: req.url ?? '', body })
      reply(req, body, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  env = {
    AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  }
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

let dir: string
afterEach(() => {
  removeFolder(dir)
  received.length = 0
})

const echo: Reply = (_req, body, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' })
  res.end(JSON.stringify({ echoed: JSON.parse(body) }))
}

describe('--aws', () => {
  it('invokes through the SDK once per step, with the exact payload and qualifier, and records the result', async () => {
    dir = folder({ 'lambda-invocation.json': configText({ a: { functionName: 'fn', input: { x: 1 }, lifecycleScope: 'CRUD', qualifier: 'live' } }) })
    reply = echo
    const r = await runBinAsync(dir, ['apply', '--auto-approve', '--aws', '--json', '--show-payloads'], env)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('NodeVersionSupportWarning')
    expect(received).toEqual([{ url: '/2015-03-31/functions/fn/invocations?Qualifier=live', body: '{"tf":{"action":"create","prev_input":null},"x":1}' }])
    const doc = JSON.parse(r.stdout) as { applied: Array<{ result: string }> }
    expect(doc.applied[0]!.result).toBe('{"echoed":{"tf":{"action":"create","prev_input":null},"x":1}}')
  })

  it('reports a function error with the function name, leaving no state', async () => {
    dir = folder({ 'lambda-invocation.json': configText({ a: { functionName: 'fn', input: '{}' } }) })
    reply = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
      res.end(JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: ['at x'] }))
    }
    const r = await runBinAsync(dir, ['apply', '--auto-approve', '--aws'], env)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('fn')
    expect(r.stderr).toContain('boom')
    const plan = await runBinAsync(dir, ['plan', '--json'], env)
    expect((JSON.parse(plan.stdout) as { changes: Array<{ action: string; interrupted: unknown }> }).changes).toMatchObject([{ action: 'create', interrupted: null }])
  })

  it('a connection cut after the request was sent: not retried, and the next plan shows the step as interrupted', async () => {
    dir = folder({ 'lambda-invocation.json': configText({ a: { functionName: 'fn', input: '{}' } }) })
    reply = (req) => req.socket.destroy()
    const r = await runBinAsync(dir, ['apply', '--auto-approve', '--aws'], env)
    expect(r.code).toBe(1)
    expect(received).toHaveLength(1) // the SDK's own retries would have sent it again
    const plan = await runBinAsync(dir, ['plan', '--json'], env)
    const change = (JSON.parse(plan.stdout) as { changes: Array<{ interrupted: { outcome?: string } | null }> }).changes[0]!
    expect(change.interrupted?.outcome).toBe('unknown')
    reply = echo
    const retried = await runBinAsync(dir, ['apply', '--auto-approve', '--aws', '--resolve', 'retry'], env)
    expect(retried.code, retried.stderr).toBe(0)
    expect(received).toHaveLength(2)
  })

  it('no region anywhere: refused before anything runs, naming the fix (not an interrupted step per resource)', async () => {
    dir = folder({
      'lambda-invocation.json': configText({ a: { functionName: 'fn', input: '{}' }, b: { functionName: 'fn', input: '{}', region: 'eu-west-1' } }),
    })
    reply = echo
    const noRegion = { ...env, AWS_REGION: '', AWS_DEFAULT_REGION: '', AWS_PROFILE: '', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }
    const r = await runBinAsync(dir, ['apply', '--auto-approve', '--aws'], noRegion)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Error: --aws needs an AWS region for "a": pass --region, set AWS_REGION, or give your AWS profile a region')
    expect(received).toEqual([])
    const plan = await runBinAsync(dir, ['plan', '--json'], noRegion)
    expect((JSON.parse(plan.stdout) as { changes: Array<{ interrupted: unknown }> }).changes.map((c) => c.interrupted)).toEqual([null, null])
  })
})
