import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { Socket } from 'node:net'

/** One PUT the stand-in for CloudFormation's presigned response URL received. */
export interface ReceivedResponse {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly raw: Buffer
  /** The body parsed as JSON. */
  readonly body: Record<string, unknown>
}

/** A loopback HTTP server standing in for the S3 presigned URL CloudFormation gives in `ResponseURL`. */
export interface ResponseServer {
  /** A fresh URL shaped like a presigned one; every PUT to any path is recorded. */
  url(requestId?: string): string
  readonly received: ReadonlyArray<ReceivedResponse>
  /** The answers to the next requests, in order (default 200). */
  failNext(...statuses: number[]): void
  /** Resolves with the next response to arrive (or one already there beyond `seen`). */
  next(seen?: number): Promise<ReceivedResponse>
  close(): Promise<void>
}

/** Starts the response URL stand-in on a free loopback port. */
export const startResponseServer = async (): Promise<ResponseServer> => {
  const received: ReceivedResponse[] = []
  const statuses: number[] = []
  const waiting: Array<() => void> = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const status = statuses.shift() ?? 200
      const raw = Buffer.concat(chunks)
      if (status === 200) {
        let body: Record<string, unknown> = {}
        try {
          body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
        } catch {
          body = { unparsable: raw.toString('utf8') }
        }
        received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body })
        for (const wake of waiting.splice(0)) wake()
      }
      res.writeHead(status, { 'content-length': 0 })
      res.end()
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('response server has no port')
  let n = 0
  return {
    url: (requestId) =>
      `http://127.0.0.1:${address.port}/cloudformation-custom-resource-response-useast1/arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/s/1%7CInvocation%7C${requestId ?? ++n}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=7200&X-Amz-SignedHeaders=host&X-Amz-Signature=abc`,
    received,
    failNext: (...s) => {
      statuses.push(...s)
    },
    next: (seen = received.length) =>
      new Promise<ReceivedResponse>((resolve) => {
        const check = (): void => {
          const r = received[seen]
          if (r !== undefined) resolve(r)
          else waiting.push(check)
        }
        check()
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
