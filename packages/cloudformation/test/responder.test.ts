import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { Socket } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttpResponder } from '../src/responder.js'

interface Hit {
  readonly method: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}
const hits: Hit[] = []
let script: Array<'ok' | 'hang' | number> = []
const sockets = new Set<Socket>()
const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    hits.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
    const next = script.shift() ?? 'ok'
    if (next === 'hang') return
    res.writeHead(next === 'ok' ? 200 : next, { 'content-type': 'application/xml' })
    res.end(next === 'ok' ? '' : '<Error><Code>AccessDenied</Code></Error>')
  })
})
server.on('connection', (s) => {
  sockets.add(s)
  s.on('close', () => sockets.delete(s))
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise<void>((r) => server.close(() => r()))
})

describe('makeHttpResponder', () => {
  it('PUTs the document with an empty content type and its length', async () => {
    hits.length = 0
    const body = JSON.stringify({ Status: 'SUCCESS', Reason: 'Zoë' })
    expect(await makeHttpResponder().send(`${base}/bucket/key?X-Amz-Signature=1`, body)).toEqual(E.right(undefined))
    expect(hits).toEqual([{ method: 'PUT', headers: expect.objectContaining({ 'content-type': '', 'content-length': String(Buffer.byteLength(body)) }), body }])
  })

  it('repeats after a 5xx, not after a 4xx (an expired or mis-signed URL stays so)', async () => {
    hits.length = 0
    script = [500, 503]
    expect(E.isRight(await makeHttpResponder().send(`${base}/k`, '{}'))).toBe(true)
    expect(hits).toHaveLength(3)
    hits.length = 0
    script = [403]
    expect(await makeHttpResponder().send(`${base}/k`, '{}')).toEqual(
      E.left({ _tag: 'ResponseNotDelivered', statusCode: 403, message: 'the response URL answered HTTP 403: <Error><Code>AccessDenied</Code></Error>' }),
    )
    expect(hits).toHaveLength(1)
  })

  it('gives up an attempt after its timeout, and stops when the signal aborts', async () => {
    script = ['hang', 'hang']
    const out = await makeHttpResponder({ attempts: 2, attemptTimeoutMs: 50 }).send(`${base}/k`, '{}')
    expect(E.isLeft(out) && out.left.message).toMatch(/^sending the response failed: /)
    script = ['hang']
    const aborted = new AbortController()
    setTimeout(() => aborted.abort(), 30)
    hits.length = 0
    const stopped = await makeHttpResponder({ attempts: 5 }).send(`${base}/k`, '{}', { signal: aborted.signal })
    expect(E.isLeft(stopped)).toBe(true)
    expect(hits).toHaveLength(1)
  })

  it('an unusable URL or a refused connection is a failure, never an exception', async () => {
    expect(await makeHttpResponder().send('not a url', '{}')).toEqual(E.left({ _tag: 'ResponseNotDelivered', message: 'the response URL is not a URL: not a url' }))
    const refused = await makeHttpResponder({ attempts: 1 }).send('http://127.0.0.1:1/x', '{}')
    expect(E.isLeft(refused) && refused.left.message).toMatch(/^sending the response failed: .*ECONNREFUSED/)
  })

  it('refuses bad options at once', () => {
    expect(() => makeHttpResponder({ attempts: 0 })).toThrow('makeHttpResponder: attempts must be a whole number ≥ 1, got 0')
    expect(() => makeHttpResponder({ attemptTimeoutMs: 1.5 })).toThrow('makeHttpResponder: attemptTimeoutMs must be a whole number of milliseconds ≥ 1, got 1.5')
  })
})
