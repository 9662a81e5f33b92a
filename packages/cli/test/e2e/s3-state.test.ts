/**
 * `--state-s3` end to end: the built binary keeps its state through the AWS
 * SDK in a small S3 stand-in served by this test (objects, ETags, conditional
 * writes and deletes, listing), reached through the SDK's standard
 * AWS_ENDPOINT_URL_S3.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configText, folder, LOGGING_HANDLERS, removeFolder, requireBuiltBinary, runBinAsync } from './harness.js'

const objects = new Map<string, { body: string; etag: string }>()
/** Called after each write the server takes: a test's way to act as another apply at that moment. */
let afterPut: ((id: string) => void) | undefined
let server: Server
let env: Record<string, string>

const xmlError = (code: string): string => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`
const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

beforeAll(async () => {
  requireBuiltBinary()
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const [, bucket = '', ...rest] = url.pathname.split('/')
      const key = decodeURIComponent(rest.join('/'))
      const id = `${bucket}/${key}`
      const current = objects.get(id)
      const fail = (status: number, code: string): void => {
        res.writeHead(status, { 'content-type': 'application/xml' })
        res.end(xmlError(code))
      }
      if (req.method === 'GET' && key === '') {
        const prefix = url.searchParams.get('prefix') ?? ''
        const keys = [...objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).map((k) => k.slice(bucket.length + 1)).sort()
        res.writeHead(200, { 'content-type': 'application/xml' })
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix>` +
            `<KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
            keys.map((k) => `<Contents><Key>${xmlEscape(k)}</Key><Size>1</Size></Contents>`).join('') +
            '</ListBucketResult>',
        )
      } else if (req.method === 'GET') {
        if (current === undefined) return fail(404, 'NoSuchKey')
        res.writeHead(200, { 'content-type': 'application/json', etag: current.etag })
        res.end(current.body)
      } else if (req.method === 'PUT') {
        if (req.headers['if-none-match'] === '*' && current !== undefined) return fail(412, 'PreconditionFailed')
        const ifMatch = req.headers['if-match']
        if (ifMatch !== undefined && current === undefined) return fail(404, 'NoSuchKey')
        if (ifMatch !== undefined && ifMatch !== current?.etag) return fail(412, 'PreconditionFailed')
        const etag = `"${createHash('md5').update(body).digest('hex')}"`
        objects.set(id, { body, etag })
        afterPut?.(id)
        res.writeHead(200, { etag })
        res.end()
      } else if (req.method === 'DELETE') {
        const ifMatch = req.headers['if-match']
        if (current === undefined) return fail(404, 'NoSuchKey')
        if (ifMatch !== undefined && ifMatch !== current.etag) return fail(412, 'PreconditionFailed')
        objects.delete(id)
        res.writeHead(204)
        res.end()
      } else fail(405, 'MethodNotAllowed')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  env = {
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  }
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('--state-s3', () => {
  it('applies, plans a noop, shows and destroys with the state in S3 under the prefix, writing no local state', async () => {
    const dir = folder({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ 'app/seed': { functionName: 'echo', input: { name: 'a' }, lifecycleScope: 'CRUD' } }) })
    try {
      const s3 = ['--state-s3', 's3://states/env/dev']
      const applied = await runBinAsync(dir, ['apply', '--auto-approve', ...s3], env)
      expect(applied.code, applied.stderr).toBe(0)
      expect([...objects.keys()]).toEqual(['states/env/dev/app%2Fseed.json'])
      const plan = await runBinAsync(dir, ['plan', '--detailed-exitcode', ...s3], env)
      expect(plan.code, plan.stderr).toBe(0)
      const shown = JSON.parse((await runBinAsync(dir, ['show', '--json', ...s3], env)).stdout) as { state: string; resources: Array<{ key: string }> }
      expect(shown.state).toBe('s3://states/env/dev/')
      expect(shown.resources.map((r) => r.key)).toEqual(['app/seed'])
      const destroyed = await runBinAsync(dir, ['destroy', '--auto-approve', ...s3], env)
      expect(destroyed.code, destroyed.stderr).toBe(0)
      expect(objects.size).toBe(0)
      expect(existsSync(`${dir}/lambda-invocation.state.json`)).toBe(false)
    } finally {
      removeFolder(dir)
    }
  })

  it('a change whose record another apply moved after the plan was shown: StalePlan, nothing invoked for it, its state as the other left it', async () => {
    const dir = folder({
      'handlers.mjs': LOGGING_HANDLERS,
      'lambda-invocation.json': configText({ a: { functionName: 'echo', input: { name: 'a' }, lifecycleScope: 'CRUD' }, b: { functionName: 'echo', input: { name: 'b' }, lifecycleScope: 'CRUD' } }),
    })
    const s3 = ['--state-s3', 's3://states/stale']
    const [a, b] = ['states/stale/a.json', 'states/stale/b.json']
    try {
      expect((await runBinAsync(dir, ['apply', '--auto-approve', ...s3], env)).code).toBe(0)
      writeFileSync(join(dir, 'ran.log'), '')
      writeFileSync(
        join(dir, 'lambda-invocation.json'),
        configText({ a: { functionName: 'echo', input: { name: 'a', n: 2 }, lifecycleScope: 'CRUD' }, b: { functionName: 'echo', input: { name: 'b', n: 2 }, lifecycleScope: 'CRUD' } }),
      )
      // Once this apply writes a's first step, another one changes b (its record, so its version).
      let moved: string | undefined
      afterPut = (id) => {
        if (id !== a || moved !== undefined) return
        const record = JSON.parse(objects.get(b)!.body) as { state: { result: string } }
        moved = JSON.stringify({ ...record, state: { ...record.state, result: '"by the other apply"' } })
        objects.set(b, { body: moved, etag: `"${createHash('md5').update(moved).digest('hex')}"` })
      }
      const r = await runBinAsync(dir, ['apply', '--auto-approve', '--json', '--concurrency', '1', ...s3], env)
      afterPut = undefined
      expect(r.code, r.stderr).toBe(1)
      const doc = JSON.parse(r.stdout) as { applied: Array<{ key: string }>; errors: Array<{ key: string; error: string; message: string }> }
      expect(doc.applied.map((x) => x.key)).toEqual(['a'])
      expect(doc.errors).toEqual([{ key: 'b', error: 'StalePlan', message: expect.stringContaining('is stale'), problems: [] }])
      expect(doc.errors[0]!.message).toContain('Nothing was invoked; plan again.')
      const ran = readFileSync(join(dir, 'ran.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { event: { name: string } }).event.name)
      expect(ran).toEqual(['a'])
      expect(objects.get(b)!.body).toBe(moved)
      // The next plan starts from what the other apply left.
      const plan = JSON.parse((await runBinAsync(dir, ['plan', '--json', ...s3], env)).stdout) as { changes: Array<{ key: string; action: string }> }
      expect(plan.changes.map((c) => [c.key, c.action])).toEqual([['a', 'noop'], ['b', 'update']])
    } finally {
      afterPut = undefined
      removeFolder(dir)
    }
  })

  it('no region anywhere: one message naming the fix, nothing sent', async () => {
    const dir = folder({ 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{}' } }) })
    try {
      const noRegion = { ...env, AWS_REGION: '', AWS_DEFAULT_REGION: '', AWS_PROFILE: '', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }
      const r = await runBinAsync(dir, ['plan', '--state-s3', 's3://states/none'], noRegion)
      expect(r.code).toBe(1)
      expect(r.stderr).toBe("Error: --state-s3 needs the bucket's AWS region: pass --region, set AWS_REGION, or give your AWS profile a region\n")
      expect([...objects.keys()].filter((k) => k.startsWith('states/none'))).toEqual([])
    } finally {
      removeFolder(dir)
    }
  })
})
