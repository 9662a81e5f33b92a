import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { LambdaClient } from '@aws-sdk/client-lambda'

/**
 * What the fake Lambda does for a function, chosen by the function's name:
 * - `echo…`: answers 200 with the request payload, like a function returning its event
 *   (202 for `Event`, 204 for `DryRun`, both without a payload);
 * - `fails…`: 200 with `X-Amz-Function-Error: Unhandled` and an error payload;
 * - `throttled…` / `pending…` / `internal…` / `missing…`: Lambda's 429 / 409 / 500 / 404 error responses
 *   (a 429 carries `Retry-After: 3` when the name contains `retry-after`);
 * - `hangs…`: reads the request and never answers;
 * - `resets…`: reads the whole request, then drops the connection without a response.
 */
export type Behaviour = 'echo' | 'fails' | 'throttled' | 'pending' | 'internal' | 'missing' | 'hangs' | 'resets'

const BEHAVIOURS: ReadonlyArray<Behaviour> = ['echo', 'fails', 'throttled', 'pending', 'internal', 'missing', 'hangs', 'resets']

const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations(?:\?(.*))?$/

/** One request as the fake Lambda received it. */
export interface Received {
  readonly functionName: string
  readonly qualifier: string | null
  readonly headers: IncomingMessage['headers']
  readonly body: Buffer
}

/** A fake Lambda Invoke endpoint on 127.0.0.1 that records every request that reached it. */
export interface LoopbackLambda {
  readonly endpoint: string
  readonly received: ReadonlyArray<Received>
  /** How many requests for `functionName` reached the server. */
  count(functionName: string): number
  /** From now on, `functionName` behaves as `behaviour` whatever its name says. */
  behave(functionName: string, behaviour: Behaviour): void
  /** Resolves when the next request for `functionName` has been read in full. */
  arrival(functionName: string): Promise<void>
  close(): Promise<void>
}

const sendError = (res: ServerResponse, status: number, type: string, message: string, extra: Record<string, string> = {}): void => {
  const body = JSON.stringify({ Type: status >= 500 ? 'Service' : 'User', message })
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-requestid': `loopback-${type}`,
    'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.lambda/`,
    'content-length': Buffer.byteLength(body),
    ...extra,
  })
  res.end(body)
}

/** Starts the fake Lambda on a free loopback port. */
export const startLoopbackLambda = async (): Promise<LoopbackLambda> => {
  const received: Received[] = []
  const waiting = new Map<string, Array<() => void>>()
  const sockets = new Set<Socket>()
  const overrides = new Map<string, Behaviour>()

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const match = PATH.exec(req.url ?? '')
      if (req.method !== 'POST' || match === null) {
        sendError(res, 404, 'UnknownOperationException', `no route for ${req.method} ${req.url}`)
        return
      }
      const functionName = decodeURIComponent(match[1]!)
      const qualifier = new URLSearchParams(match[2] ?? '').get('Qualifier')
      const body = Buffer.concat(chunks)
      received.push({ functionName, qualifier, headers: req.headers, body })
      for (const wake of waiting.get(functionName) ?? []) wake()
      waiting.delete(functionName)

      if (!/^[a-zA-Z0-9_:.$-]{1,170}$/.test(functionName)) {
        sendError(res, 400, 'ValidationException', `1 validation error detected: Value '${functionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern`)
        return
      }
      const behaviour = overrides.get(functionName) ?? BEHAVIOURS.find((b) => functionName.startsWith(b)) ?? 'echo'
      switch (behaviour) {
        case 'echo':
        case 'fails': {
          const type = req.headers['x-amz-invocation-type']
          if (type === 'Event' || type === 'DryRun') {
            res.writeHead(type === 'Event' ? 202 : 204, { 'x-amzn-requestid': 'loopback-ok', 'content-length': 0 })
            res.end()
            return
          }
          const headers: Record<string, string | number> = {
            'content-type': 'application/json',
            'x-amzn-requestid': 'loopback-ok',
            'x-amz-executed-version': qualifier === null || qualifier === '$LATEST' ? '$LATEST' : qualifier,
          }
          if (req.headers['x-amz-log-type'] === 'Tail') headers['x-amz-log-result'] = Buffer.from(`START ${functionName}\nEND\n`).toString('base64')
          let payload = body
          if (behaviour === 'fails') {
            headers['x-amz-function-error'] = 'Unhandled'
            payload = Buffer.from(JSON.stringify({ errorMessage: 'boom', errorType: 'Error' }))
          }
          res.writeHead(200, { ...headers, 'content-length': payload.byteLength })
          res.end(payload)
          return
        }
        case 'throttled':
          sendError(res, 429, 'TooManyRequestsException', 'Rate Exceeded.', functionName.includes('retry-after') ? { 'retry-after': '3' } : {})
          return
        case 'pending':
          sendError(res, 409, 'ResourceConflictException', 'The operation cannot be performed at this time. The function is currently in the following state: Pending')
          return
        case 'internal':
          sendError(res, 500, 'ServiceException', 'An internal error occurred.')
          return
        case 'missing':
          sendError(res, 404, 'ResourceNotFoundException', `Function not found: arn:aws:lambda:us-east-1:123456789012:function:${functionName}`)
          return
        case 'hangs':
          return
        case 'resets':
          req.socket.destroy()
          return
      }
    })
  })
  server.keepAliveTimeout = 60_000
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('loopback server has no port')

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    received,
    count: (name) => received.filter((r) => r.functionName === name).length,
    behave: (name, behaviour) => {
      overrides.set(name, behaviour)
    },
    arrival: (name) =>
      new Promise<void>((resolve) => {
        waiting.set(name, [...(waiting.get(name) ?? []), resolve])
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A Lambda client for the loopback server, with the SDK's default retries left on. */
export const loopbackClient = (endpoint: string, extra: Partial<ConstructorParameters<typeof LambdaClient>[0]> = {}): LambdaClient =>
  new LambdaClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...extra,
  })
