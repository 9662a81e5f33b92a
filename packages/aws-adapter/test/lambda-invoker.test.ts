import {
  EC2ThrottledException,
  InvokeCommand,
  KMSAccessDeniedException,
  LambdaClient,
  RequestTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  ResourceNotReadyException,
  ServiceException,
  TooManyRequestsException,
  InvalidRequestContentException,
} from '@aws-sdk/client-lambda'
import { mockClient } from 'aws-sdk-client-mock'
import type { AwsClientStub } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-vitest/extend'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_CLIENT_CONTEXT_BYTES, MAX_PAYLOAD_BYTES } from '@lambda-invocation/core'
import type { InvokeFailure, InvokeResponse } from '@lambda-invocation/core'
import { DEFAULT_INVOKE_TIMEOUT_MS, makeLambdaInvoker } from '../src/lambda-invoker.js'

const meta = (httpStatusCode: number) => ({ httpStatusCode, requestId: `req-${httpStatusCode}`, attempts: 1, totalRetryDelay: 0 })

const client = new LambdaClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
let lambda: AwsClientStub<LambdaClient>

beforeEach(() => {
  lambda = mockClient(client)
})
afterEach(() => lambda.restore())

const bytes = (s: string) => new TextEncoder().encode(s)

const failureOf = async (error: unknown): Promise<InvokeFailure> => {
  lambda.on(InvokeCommand).rejects(error as Error)
  const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload: '{}' })
  if (E.isRight(out)) throw new Error('expected a failure')
  return out.left
}

const responseOf = async (out: Promise<E.Either<InvokeFailure, InvokeResponse>>): Promise<InvokeResponse> => {
  const r = await out
  if (E.isLeft(r)) throw new Error(`expected a response, got ${r.left.message}`)
  return r.right
}

describe('makeLambdaInvoker: the request', () => {
  it('sends name, qualifier, tenant, type, log type, client context and the payload as UTF-8 bytes', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: bytes('"ok"') as never })
    const payload = '{"name":"Zoë","emoji":"🚀"}'
    await responseOf(
      makeLambdaInvoker({ client }).invoke({
        functionName: 'arn:aws:lambda:eu-west-1:123456789012:function:fn',
        qualifier: 'live',
        tenantId: 'tenant-7',
        payload,
        invocationType: 'DryRun',
        logType: 'Tail',
        clientContext: 'eyJhIjoxfQ==',
      }),
    )
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 1)
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input
    expect(input).toMatchObject({
      FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:fn',
      Qualifier: 'live',
      TenantId: 'tenant-7',
      InvocationType: 'DryRun',
      LogType: 'Tail',
      ClientContext: 'eyJhIjoxfQ==',
    })
    expect(Buffer.from(input.Payload as Uint8Array).equals(Buffer.from(payload, 'utf8'))).toBe(true)
  })

  it('defaults to RequestResponse and leaves unset fields out', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    await responseOf(makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload: '{}' }))
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input
    expect(input.InvocationType).toBe('RequestResponse')
    expect(input).not.toHaveProperty('TenantId')
    expect(input).not.toHaveProperty('LogType')
    expect(input).not.toHaveProperty('ClientContext')
  })
})

describe('makeLambdaInvoker: the response', () => {
  it('decodes the payload as UTF-8 and passes FunctionError, ExecutedVersion and LogResult through', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: bytes('{"errorMessage":"ça a échoué"}') as never,
      FunctionError: 'Unhandled',
      ExecutedVersion: '3',
      LogResult: 'U1RBUlQ=',
    })
    const r = await responseOf(makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload: '{}' }))
    expect(r).toEqual({ statusCode: 200, payload: '{"errorMessage":"ça a échoué"}', functionError: 'Unhandled', executedVersion: '3', logResult: 'U1RBUlQ=' })
  })

  it('gives an empty payload when Lambda sends none (Event, DryRun)', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 })
    const r = await responseOf(makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload: '{}', invocationType: 'Event' }))
    expect(r).toEqual({ statusCode: 202, payload: '' })
  })
})

describe('makeLambdaInvoker: errors that prove the function did not run (NotRun)', () => {
  it.each([
    ['429 TooManyRequestsException', new TooManyRequestsException({ $metadata: meta(429), message: 'Rate exceeded' }), 'TooManyRequestsException', 429],
    ['409 ResourceConflictException (pending)', new ResourceConflictException({ $metadata: meta(409), message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending' }), 'ResourceConflictException', 409],
    ['502 ResourceNotReadyException', new ResourceNotReadyException({ $metadata: meta(502), message: 'not ready' }), 'ResourceNotReadyException', 502],
    ['502 EC2ThrottledException', new EC2ThrottledException({ $metadata: meta(502), message: 'throttled' }), 'EC2ThrottledException', 502],
  ])('%s', async (_label, error, code, status) => {
    const f = await failureOf(error)
    expect(f).toMatchObject({ _tag: 'NotRun', functionName: 'fn', code, statusCode: status, requestId: `req-${status}` })
    expect(f.message).toContain('did not run')
  })

  it('keeps the delay a 429 asks for', async () => {
    const f = await failureOf(new TooManyRequestsException({ $metadata: meta(429), message: 'slow down', retryAfterSeconds: '2' }))
    expect(f).toMatchObject({ _tag: 'NotRun', retryAfterMs: 2000 })
  })

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('a connection that failed before sending (%s)', async (code) => {
    const f = await failureOf(Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }))
    expect(f).toMatchObject({ _tag: 'NotRun', code })
  })

  it('a refused connection reported for each address family (AggregateError)', async () => {
    const inner = [Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' }), Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' })]
    const f = await failureOf(new AggregateError(inner, ''))
    expect(f).toMatchObject({ _tag: 'NotRun', code: 'ECONNREFUSED' })
  })

  it("the HTTP handler's connection timeout", async () => {
    const f = await failureOf(Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 1000 ms.'), { name: 'TimeoutError' }))
    expect(f).toMatchObject({ _tag: 'NotRun', code: 'ConnectionTimeout' })
  })
})

describe('makeLambdaInvoker: errors that prove the call is refused (Rejected)', () => {
  it.each([
    ['404 ResourceNotFoundException', new ResourceNotFoundException({ $metadata: meta(404), message: 'Function not found: arn:aws:lambda:eu-west-1:1:function:fn' }), 404],
    ['400 InvalidRequestContentException', new InvalidRequestContentException({ $metadata: meta(400), message: 'Could not parse request body into json' }), 400],
    ['413 RequestTooLargeException', new RequestTooLargeException({ $metadata: meta(413), message: 'Request must be smaller than 6291456 bytes' }), 413],
    ['502 KMSAccessDeniedException', new KMSAccessDeniedException({ $metadata: meta(502), message: 'KMS access denied' }), 502],
  ])('%s', async (_label, error, status) => {
    const f = await failureOf(error)
    expect(f).toMatchObject({ _tag: 'Rejected', code: error.name, statusCode: status, requestId: `req-${status}` })
    expect(f.message).toContain(error.message)
  })

  it('403 AccessDeniedException (not in the Lambda model, mapped by name and status)', async () => {
    const f = await failureOf(Object.assign(new Error('User is not authorized to perform: lambda:InvokeFunction'), { name: 'AccessDeniedException', $metadata: meta(403) }))
    expect(f).toMatchObject({ _tag: 'Rejected', code: 'AccessDeniedException', statusCode: 403 })
  })

  it('an unknown 4xx by its status', async () => {
    const f = await failureOf(Object.assign(new Error('teapot'), { name: 'SomethingNew', $metadata: meta(418) }))
    expect(f).toMatchObject({ _tag: 'Rejected', code: 'SomethingNew', statusCode: 418 })
  })

  it('missing credentials (nothing could be signed, nothing sent)', async () => {
    const f = await failureOf(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }))
    expect(f).toMatchObject({ _tag: 'Rejected', code: 'CredentialsProviderError' })
  })

  it('a payload over 6 MB, before any call, with its size in the message', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    const payload = `"${'é'.repeat(MAX_PAYLOAD_BYTES / 2)}"` // two bytes per é: 2 bytes over the limit
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected', code: 'PayloadTooLarge' } })
    if (E.isLeft(out)) expect(out.left.message).toContain('6,291,458 bytes')
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0)
  })

  it('a client context over 3,583 bytes of base64 is refused before any call; at the limit it is sent', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    const invoker = makeLambdaInvoker({ client })
    const over = await invoker.invoke({ functionName: 'fn', payload: '{}', clientContext: 'A'.repeat(MAX_CLIENT_CONTEXT_BYTES + 1) })
    expect(over).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected', code: 'ClientContextTooLarge' } })
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0)
    await responseOf(invoker.invoke({ functionName: 'fn', payload: '{}', clientContext: 'A'.repeat(MAX_CLIENT_CONTEXT_BYTES) }))
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 1)
  })

  it('a payload of exactly 6 MB is sent', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    const payload = `"${'x'.repeat(MAX_PAYLOAD_BYTES - 2)}"`
    await responseOf(makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload }))
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 1)
  })
})

describe('makeLambdaInvoker: errors after the request may have left (Unknown)', () => {
  it.each([
    ['500 ServiceException', new ServiceException({ $metadata: meta(500), message: 'internal' }), 'ServiceException'],
    ['503 without a known name', Object.assign(new Error('Service Unavailable'), { name: 'Unknown', $metadata: meta(503) }), 'Unknown'],
    ['502 without a known name (a proxy)', Object.assign(new Error('Bad Gateway'), { name: 'Unknown', $metadata: meta(502) }), 'Unknown'],
    ['504 gateway timeout', Object.assign(new Error('Gateway Timeout'), { name: 'Unknown', $metadata: meta(504) }), 'Unknown'],
  ])('%s', async (_label, error, code) => {
    const f = await failureOf(error)
    expect(f).toMatchObject({ _tag: 'Unknown', code })
    expect(f.message).toContain('may have run')
  })

  it.each(['ECONNRESET', 'EPIPE', 'ETIMEDOUT'])('a socket error after connecting (%s)', async (code) => {
    // The Node handler renames these to TimeoutError and keeps the code.
    const f = await failureOf(Object.assign(new Error(code === 'ECONNRESET' ? 'socket hang up' : code), { name: 'TimeoutError', code }))
    expect(f).toMatchObject({ _tag: 'Unknown', code })
  })

  it("the handler's request timeout", async () => {
    const f = await failureOf(Object.assign(new Error('a request has exceeded the configured 1000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' }))
    expect(f._tag).toBe('Unknown')
  })

  it('a 200 whose body could not be read', async () => {
    const f = await failureOf(Object.assign(new Error('aborted'), { name: 'Error', $metadata: meta(200) }))
    expect(f._tag).toBe('Unknown')
  })

  it('an SDK error under a test double: nothing proves the stack ran, so it is not taken as unsent', async () => {
    expect(await failureOf(new Error('Region is missing'))).toMatchObject({ _tag: 'Unknown', code: 'Error' })
  })

  it('anything unrecognised', async () => {
    expect((await failureOf(new Error('weird'))). _tag).toBe('Unknown')
    expect((await failureOf('a string')). _tag).toBe('Unknown')
  })
})

describe('makeLambdaInvoker: abort and timeout', () => {
  it('an abort before the call gives NotRun and sends nothing', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload: '{}' }, { signal: AbortSignal.abort() })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'NotRun', code: 'Aborted' } })
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0)
  })

  it('passes an abort signal to every send, so the timeout holds on any client', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    await responseOf(makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload: '{}' }))
    const options = (lambda.call(0).args as unknown[])[1] as { abortSignal?: { aborted: boolean; addEventListener: unknown } } | undefined
    expect(options?.abortSignal?.aborted).toBe(false)
    expect(typeof options?.abortSignal?.addEventListener).toBe('function')
  })

  it('defaults the timeout above Lambda’s 15-minute maximum', () => {
    expect(DEFAULT_INVOKE_TIMEOUT_MS).toBeGreaterThan(15 * 60 * 1000)
  })

  it.each([0, -1, 1.5, Number.NaN, 2 ** 31])('refuses timeoutMs %s at once, naming the function', (timeoutMs) => {
    expect(() => makeLambdaInvoker({ client, timeoutMs })).toThrow(/makeLambdaInvoker: timeoutMs/)
  })
})

describe('makeLambdaInvoker: regions', () => {
  it('uses the injected client for calls without a region, and for its own region', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    const invoker = makeLambdaInvoker({ client })
    await responseOf(invoker.invoke({ functionName: 'fn', payload: '{}' }))
    await responseOf(invoker.invoke({ functionName: 'fn', payload: '{}', region: 'eu-west-1' }))
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 2)
  })

  it('refuses a call for another region when no factory is given, sending nothing', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 })
    const out = await makeLambdaInvoker({ client }).invoke({ functionName: 'fn', payload: '{}', region: 'us-east-2' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected', code: 'NoClientForRegion' } })
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0)
  })

  it('makes one client per region with the factory, and caches it', async () => {
    const made: string[] = []
    const regional = new LambdaClient({ region: 'us-east-2', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
    const regionalMock = mockClient(regional)
    try {
      regionalMock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: bytes('"regional"') as never })
      lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: bytes('"default"') as never })
      const invoker = makeLambdaInvoker({
        client,
        clientForRegion: (region) => {
          made.push(region)
          return regional
        },
      })
      const a = await responseOf(invoker.invoke({ functionName: 'fn', payload: '{}', region: 'us-east-2' }))
      const b = await responseOf(invoker.invoke({ functionName: 'fn', payload: '{}', region: 'us-east-2' }))
      const c = await responseOf(invoker.invoke({ functionName: 'fn', payload: '{}' }))
      expect([a.payload, b.payload, c.payload]).toEqual(['"regional"', '"regional"', '"default"'])
      expect(made).toEqual(['us-east-2'])
    } finally {
      regionalMock.restore()
    }
  })

  it('a throwing factory gives Rejected, never an exception', async () => {
    const invoker = makeLambdaInvoker({
      client,
      clientForRegion: () => {
        throw new Error('no such region')
      },
    })
    const out = await invoker.invoke({ functionName: 'fn', payload: '{}', region: 'xx-nowhere-1' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Rejected' } })
  })
})
