import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { createServer } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { makeLambdaInvoker } from '../src/lambda-invoker.js'
import { loopbackClient, startLoopbackLambda } from './support/loopback-lambda.js'
import type { LoopbackLambda } from './support/loopback-lambda.js'

// The real SDK stack (serializer, signer, Node HTTP handler, deserializer)
// against a fake Lambda on 127.0.0.1. Clients keep the SDK's default retries
// (3 attempts) on purpose: the invoker must still send each call once.

let lambda: LoopbackLambda
beforeAll(async () => {
  lambda = await startLoopbackLambda()
})
afterAll(async () => {
  await lambda.close()
})

const freePortWithNobodyListening = async (): Promise<number> => {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

describe('makeLambdaInvoker over HTTP', () => {
  it('speaks the Invoke REST API: path, qualifier, headers, payload bytes, response headers', async () => {
    const invoker = makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) })
    const payload = '{"b":1,"a":"Zoë 🚀"}'
    const out = await invoker.invoke({ functionName: 'echo-basic', qualifier: '7', payload, logType: 'Tail', clientContext: 'eyJ4IjoxfQ==' })
    expect(out).toEqual(
      E.right({
        statusCode: 200,
        payload,
        executedVersion: '7',
        logResult: Buffer.from('START echo-basic\nEND\n').toString('base64'),
      }),
    )
    const got = lambda.received.find((r) => r.functionName === 'echo-basic')!
    expect(got.qualifier).toBe('7')
    expect(got.body.equals(Buffer.from(payload, 'utf8'))).toBe(true)
    expect(got.headers['x-amz-invocation-type']).toBe('RequestResponse')
    expect(got.headers['x-amz-client-context']).toBe('eyJ4IjoxfQ==')
  })

  it('passes a function error through as a response', async () => {
    const out = await makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }).invoke({ functionName: 'fails-1', payload: '{}' })
    expect(out).toEqual(E.right({ statusCode: 200, payload: '{"errorMessage":"boom","errorType":"Error"}', functionError: 'Unhandled', executedVersion: '$LATEST' }))
  })

  it.each([
    ['throttled-1', 'NotRun', 'TooManyRequestsException', 429],
    ['pending-1', 'NotRun', 'ResourceConflictException', 409],
    ['missing-1', 'Rejected', 'ResourceNotFoundException', 404],
    ['internal-1', 'Unknown', 'ServiceException', 500],
  ] as const)('%s → %s (%s), sent once despite the client’s retries', async (functionName, tag, code, statusCode) => {
    const out = await makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }).invoke({ functionName, payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: tag, code, statusCode, requestId: `loopback-${code}` } })
    expect(lambda.count(functionName)).toBe(1)
  })

  it('keeps the Retry-After of a 429', async () => {
    const out = await makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }).invoke({ functionName: 'throttled-retry-after', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'NotRun', retryAfterMs: 3000 } })
  })

  it('a connection reset after the body was read → Unknown, sent once', async () => {
    const out = await makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }).invoke({ functionName: 'resets-1', payload: '{"big":"' + 'x'.repeat(100_000) + '"}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Unknown', code: 'ECONNRESET' } })
    expect(lambda.count('resets-1')).toBe(1)
  })

  it('a response that never comes → Unknown after the invoker’s timeout, sent once', async () => {
    const started = Date.now()
    const out = await makeLambdaInvoker({ client: loopbackClient(lambda.endpoint), timeoutMs: 300 }).invoke({ functionName: 'hangs-1', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Unknown', code: 'Timeout' } })
    if (E.isLeft(out)) expect(out.left.message).toContain('300 ms')
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(lambda.count('hangs-1')).toBe(1)
  })

  it('an abort after the request reached Lambda → Unknown, sent once', async () => {
    const controller = new AbortController()
    const arrived = lambda.arrival('hangs-2')
    const pending = makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }).invoke({ functionName: 'hangs-2', payload: '{}' }, { signal: controller.signal })
    await arrived
    controller.abort()
    expect(await pending).toMatchObject({ _tag: 'Left', left: { _tag: 'Unknown', code: 'Aborted' } })
    expect(lambda.count('hangs-2')).toBe(1)
  })

  it('an abort while credentials are still being resolved → NotRun, nothing sent', async () => {
    const controller = new AbortController()
    let asked!: () => void
    const credentialsAsked = new Promise<void>((r) => (asked = r))
    const client = loopbackClient(lambda.endpoint, {
      credentials: () =>
        new Promise((resolve) => {
          asked()
          controller.signal.addEventListener('abort', () => setTimeout(() => resolve({ accessKeyId: 'late', secretAccessKey: 'late' }), 10))
        }),
    })
    const pending = makeLambdaInvoker({ client }).invoke({ functionName: 'echo-abort-early', payload: '{}' }, { signal: controller.signal })
    await credentialsAsked
    controller.abort()
    expect(await pending).toMatchObject({ _tag: 'Left', left: { _tag: 'NotRun', code: 'Aborted' } })
    expect(lambda.count('echo-abort-early')).toBe(0)
  })

  it('connection refused → NotRun', async () => {
    const port = await freePortWithNobodyListening()
    const out = await makeLambdaInvoker({ client: loopbackClient(`http://127.0.0.1:${port}`) }).invoke({ functionName: 'echo-nowhere', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'NotRun', code: 'ECONNREFUSED' } })
  })

  it('a client whose retry strategy retries everything still sends once', async () => {
    const token = { getRetryCount: () => 0, getRetryDelay: () => 0 }
    let retriesGranted = 0
    const client = loopbackClient(lambda.endpoint, {
      retryStrategy: {
        mode: 'greedy',
        acquireInitialRetryToken: async () => token,
        refreshRetryTokenForRetry: async () => {
          retriesGranted += 1
          return token
        },
        recordSuccess: () => {},
      },
    })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'internal-greedy', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Unknown', code: 'ServiceException', statusCode: 500 } })
    expect(retriesGranted).toBeGreaterThan(0)
    expect(lambda.count('internal-greedy')).toBe(1)
  })

  it('leaves the shared client alone for everyone else: their commands keep their retries', async () => {
    const client = loopbackClient(lambda.endpoint)
    const invoker = makeLambdaInvoker({ client })
    await invoker.invoke({ functionName: 'internal-shared-a', payload: '{}' })
    await invoker.invoke({ functionName: 'internal-shared-a', payload: '{}' })
    expect(lambda.count('internal-shared-a')).toBe(2)
    expect(client.middlewareStack.identify().filter((m) => m.startsWith('lambdaInvoker'))).toHaveLength(2)
    await expect(client.send(new InvokeCommand({ FunctionName: 'internal-shared-b', Payload: new Uint8Array() }))).rejects.toMatchObject({ name: 'ServiceException' })
    expect(lambda.count('internal-shared-b')).toBe(3)
  })

  it('for contrast: the same client used bare sends a 500 three times', async () => {
    const client = loopbackClient(lambda.endpoint)
    await expect(client.send(new InvokeCommand({ FunctionName: 'internal-bare', Payload: new Uint8Array() }))).rejects.toMatchObject({ name: 'ServiceException' })
    expect(lambda.count('internal-bare')).toBe(3)
  })
})

describe('makeLambdaInvoker over HTTP: errors the SDK raises before sending → Rejected, nothing sent', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

  it('no region anywhere (not in the client, the environment or a config file)', async () => {
    vi.stubEnv('AWS_REGION', undefined)
    vi.stubEnv('AWS_DEFAULT_REGION', undefined)
    vi.stubEnv('AWS_PROFILE', undefined)
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent')
    const client = new LambdaClient({ endpoint: lambda.endpoint, credentials })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'echo-no-region', qualifier: '$LATEST', payload: '{}' })
    expect(out).toEqual(
      E.left({
        _tag: 'Rejected',
        functionName: 'echo-no-region',
        code: 'NotSent',
        message:
          "Invoking Lambda function echo-no-region failed in the AWS SDK before the request was sent: Region is missing. Nothing was sent, so the function did not run; check the client's region, endpoint and credentials.",
      }),
    )
    expect(lambda.count('echo-no-region')).toBe(0)
  })

  it('an endpoint that cannot be resolved (FIPS with a custom endpoint)', async () => {
    const client = loopbackClient(lambda.endpoint, { useFipsEndpoint: true })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'echo-fips', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected', code: 'EndpointError' } })
    if (E.isLeft(out)) expect(out.left.message).toContain('Nothing was sent')
    expect(lambda.count('echo-fips')).toBe(0)
  })

  it('a region that is not a host name', async () => {
    const client = new LambdaClient({ region: 'us east 1', credentials })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'echo-bad-region', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected', code: 'NotSent' } })
    if (E.isLeft(out)) expect(out.left.message).toContain('us east 1')
  })

  it('credentials that cannot be loaded', async () => {
    const client = loopbackClient(lambda.endpoint, {
      credentials: () => Promise.reject(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })),
    })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'echo-no-credentials', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected', code: 'CredentialsProviderError' } })
    expect(lambda.count('echo-no-credentials')).toBe(0)
  })

  it('credentials the signer cannot use', async () => {
    const client = loopbackClient(lambda.endpoint, { credentials: async () => ({}) as never })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'echo-bad-credentials', payload: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected', code: 'NotSent' } })
    expect(lambda.count('echo-bad-credentials')).toBe(0)
  })

  it('for contrast, on the same stack: a refused connection stays NotRun, a reset after sending stays Unknown', async () => {
    const port = await freePortWithNobodyListening()
    const refused = await makeLambdaInvoker({ client: loopbackClient(`http://127.0.0.1:${port}`) }).invoke({ functionName: 'echo-closed', payload: '{}' })
    expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'NotRun', code: 'ECONNREFUSED' } })
    const reset = await makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }).invoke({ functionName: 'resets-contrast', payload: '{}' })
    expect(reset).toMatchObject({ _tag: 'Left', left: { _tag: 'Unknown' } })
    expect(lambda.count('resets-contrast')).toBe(1)
  })
})
