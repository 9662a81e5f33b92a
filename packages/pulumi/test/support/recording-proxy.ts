/**
 * A loopback HTTP proxy in front of moto that records every Lambda Invoke
 * request passing through it: the bytes the AWS SDK sent, as they left the
 * provider host. Everything is forwarded to moto unchanged, and moto's answer
 * comes back unchanged.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One Invoke request that reached the proxy. */
export interface RecordedInvoke {
  readonly functionName: string
  readonly qualifier: string | undefined
  readonly invocationType: string | undefined
  /** The region of the request's SigV4 credential scope: which regional client sent it. */
  readonly region: string | undefined
  readonly payload: string
}

export interface RecordingProxy {
  readonly endpoint: string
  /** The Invoke requests so far, in order. */
  readonly invokes: () => ReadonlyArray<RecordedInvoke>
  readonly clear: () => void
  readonly close: () => Promise<void>
}

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** Starts the proxy on a free loopback port, forwarding to `target` (moto's endpoint). */
export const startRecordingProxy = async (target: string): Promise<RecordingProxy> => {
  const upstream = new URL(target)
  const recorded: RecordedInvoke[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://proxy')
      const invoke = INVOKE.exec(url.pathname)
      if (invoke !== null) {
        recorded.push({
          functionName: decodeURIComponent(invoke[1] as string),
          qualifier: url.searchParams.get('Qualifier') ?? undefined,
          invocationType: header(req.headers, 'x-amz-invocation-type'),
          region: /Credential=[^/]+\/\d+\/([^/]+)\/lambda\//.exec(header(req.headers, 'authorization') ?? '')?.[1],
          payload: body.toString('utf8'),
        })
      }
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      forward.on('error', (e) => {
        res.writeHead(502)
        res.end(String(e))
      })
      forward.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    invokes: () => [...recorded],
    clear: () => {
      recorded.length = 0
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
