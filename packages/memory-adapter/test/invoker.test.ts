import { Buffer } from 'node:buffer'
import { describeInvokerContract } from '@lambda-invocation/core/testing'
import type { InvokeFailure, InvokeResponse } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryInvoker } from '../src/invoker.js'
import type { LambdaContext } from '../src/lambda-context.js'
import { ManualClock } from '../src/manual-clock.js'
import { systemClock } from '../src/clock.js'

describeInvokerContract(
  'MemoryInvoker',
  () => ({
    invoker: new MemoryInvoker()
      .registerRaw('echo', (payload) => payload)
      .register('boom', () => {
        throw new Error('boom')
      }),
    echoFunction: 'echo',
    missingFunction: 'does-not-exist',
    failingFunction: 'boom',
  }),
  { functionError: true, invocationTypes: true },
)

const ok = (e: E.Either<InvokeFailure, InvokeResponse>): InvokeResponse => {
  if (E.isLeft(e)) throw new Error(`${e.left._tag}: ${e.left.message}`)
  return e.right
}
const failed = (e: E.Either<InvokeFailure, InvokeResponse>): InvokeFailure => {
  if (!E.isLeft(e)) throw new Error(`expected a failure, got ${e.right.payload}`)
  return e.left
}

describe('MemoryInvoker', () => {
  it('runs a handler with the parsed event and a Lambda-like context, and JSON-encodes its answer', async () => {
    const clock = new ManualClock({ start: 0 })
    let seen: LambdaContext | undefined
    const invoker = new MemoryInvoker({ clock, region: 'eu-west-1', accountId: '111122223333' }).register(
      'calc',
      (event, context) => {
        seen = context
        clock.advance(250)
        return { sum: (event as { a: number; b: number }).a + (event as { a: number; b: number }).b, left: context.getRemainingTimeInMillis() }
      },
      { timeoutMs: 1000 },
    )
    const clientContext = Buffer.from(JSON.stringify({ custom: { who: 'test' } })).toString('base64')
    const r = ok(await invoker.invoke({ functionName: 'calc', payload: '{"a":2,"b":3}', clientContext, tenantId: 't-1' }))
    expect(r).toEqual({ statusCode: 200, payload: '{"sum":5,"left":750}', executedVersion: '$LATEST' })
    expect(seen).toMatchObject({
      functionName: 'calc',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:calc',
      awsRequestId: '00000000-0000-4000-8000-000000000001',
      clientContext: { custom: { who: 'test' } },
      tenantId: 't-1',
    })
  })

  describe("the context a handler gets, as Lambda's Node.js runtime gives it", () => {
    const seeing = (options: ConstructorParameters<typeof MemoryInvoker>[0] = {}) => {
      const seen: LambdaContext[] = []
      const see = (_e: unknown, c: LambdaContext) => {
        seen.push(c)
        return c.invokedFunctionArn
      }
      const invoker = new MemoryInvoker(options)
        .register('warm', see)
        .register('warm', see, { qualifier: '7' })
        .register('warm', see, { qualifier: 'live', version: '7' })
      return { invoker, seen, last: () => seen[seen.length - 1] }
    }
    const arnOf = async (invoker: MemoryInvoker, call: { functionName: string; qualifier?: string; region?: string }) =>
      JSON.parse(ok(await invoker.invoke({ ...call, payload: '{}' })).payload) as string

    it("is in the region and account of a full ARN, qualified when the call names a qualifier, even '$LATEST'", async () => {
      const { invoker, last } = seeing()
      const arn = 'arn:aws:lambda:eu-west-1:999999999999:function:warm'
      expect(await arnOf(invoker, { functionName: arn, qualifier: '$LATEST' })).toBe(`${arn}:$LATEST`)
      expect(last()).toMatchObject({ functionName: 'warm', functionVersion: '$LATEST', logGroupName: '/aws/lambda/warm' })
      expect(await arnOf(invoker, { functionName: arn })).toBe(arn)
      expect(await arnOf(invoker, { functionName: `${arn}:$LATEST` })).toBe(`${arn}:$LATEST`)
      // The ARN's region wins over the call's.
      expect(await arnOf(invoker, { functionName: arn, region: 'ap-south-1' })).toBe(arn)
      expect(await arnOf(invoker, { functionName: 'arn:aws-cn:lambda:cn-north-1:999999999999:function:warm' })).toBe(
        'arn:aws-cn:lambda:cn-north-1:999999999999:function:warm',
      )
    })

    it('names an alias in the ARN and the version it points to in functionVersion; a version in both', async () => {
      const { invoker, last } = seeing()
      const arn = 'arn:aws:lambda:eu-west-1:999999999999:function:warm'
      expect(await arnOf(invoker, { functionName: arn, qualifier: 'live' })).toBe(`${arn}:live`)
      expect(last()?.functionVersion).toBe('7')
      expect(await arnOf(invoker, { functionName: `${arn}:live` })).toBe(`${arn}:live`)
      expect(last()?.functionVersion).toBe('7')
      expect(await arnOf(invoker, { functionName: 'warm', qualifier: '7' })).toBe('arn:aws:lambda:us-east-1:123456789012:function:warm:7')
      expect(last()?.functionVersion).toBe('7')
      const r = ok(await invoker.invoke({ functionName: `${arn}:live`, payload: '{}' }))
      expect(r.executedVersion).toBe('7')
    })

    it("takes the account of a partial ARN, and the region from the call's region, else the invoker's", async () => {
      const { invoker } = seeing({ region: 'eu-central-1', accountId: '111122223333' })
      expect(await arnOf(invoker, { functionName: '999999999999:function:warm' })).toBe('arn:aws:lambda:eu-central-1:999999999999:function:warm')
      expect(await arnOf(invoker, { functionName: '999999999999:function:warm:live', region: 'eu-west-1' })).toBe(
        'arn:aws:lambda:eu-west-1:999999999999:function:warm:live',
      )
      expect(await arnOf(invoker, { functionName: 'eu-west-3:999999999999:function:warm' })).toBe('arn:aws:lambda:eu-west-3:999999999999:function:warm')
    })

    it("takes a bare name's region from the call, else the invoker's; its account from the invoker", async () => {
      const { invoker } = seeing({ region: 'eu-central-1', accountId: '111122223333' })
      expect(await arnOf(invoker, { functionName: 'warm' })).toBe('arn:aws:lambda:eu-central-1:111122223333:function:warm')
      expect(await arnOf(invoker, { functionName: 'warm', region: 'eu-west-1', qualifier: '$LATEST' })).toBe(
        'arn:aws:lambda:eu-west-1:111122223333:function:warm:$LATEST',
      )
      expect(await arnOf(invoker, { functionName: 'warm:live', region: 'us-gov-west-1' })).toBe(
        'arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:warm:live',
      )
      expect(await arnOf(new MemoryInvoker().register('warm', (_e, c) => c.invokedFunctionArn), { functionName: 'warm' })).toBe(
        'arn:aws:lambda:us-east-1:123456789012:function:warm',
      )
    })

    it('runs the handler registered under the bare name whatever form the call uses, and the ARN is the one called', async () => {
      const forms = fc.record({
        region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-east-1'),
        accountId: fc.stringMatching(/^\d{12}$/),
        qualifier: fc.option(fc.constantFrom('$LATEST', '7', 'live'), { nil: undefined }),
        inName: fc.boolean(),
      })
      await fc.assert(
        fc.asyncProperty(forms, async ({ region, accountId, qualifier, inName }) => {
          const { invoker, seen } = seeing()
          const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
          const full = `arn:${partition}:lambda:${region}:${accountId}:function:warm`
          const suffix = qualifier === undefined ? '' : `:${qualifier}`
          const asCalled = (name: string) => (inName ? { functionName: `${name}${suffix}` } : { functionName: name, ...(qualifier === undefined ? {} : { qualifier }) })
          const arns = [
            await arnOf(invoker, asCalled(full)),
            await arnOf(invoker, { ...asCalled(`${accountId}:function:warm`), region }),
          ]
          expect(arns).toEqual([`${full}${suffix}`, `${full}${suffix}`])
          expect(new Set(seen.map((c) => c.functionVersion))).toEqual(new Set([qualifier === undefined || qualifier === '$LATEST' ? '$LATEST' : '7']))
          expect(invoker.calls.map((c) => [c.functionName, c.qualifier])).toEqual([
            ['warm', qualifier ?? '$LATEST'],
            ['warm', qualifier ?? '$LATEST'],
          ])
        }),
      )
    })

    it('says Function not found with the ARN as called and the version looked for', async () => {
      const { invoker } = seeing()
      expect(failed(await invoker.invoke({ functionName: 'arn:aws:lambda:eu-west-1:999999999999:function:cold', payload: '{}' })).message).toBe(
        'Function not found: arn:aws:lambda:eu-west-1:999999999999:function:cold:$LATEST',
      )
      expect(failed(await invoker.invoke({ functionName: 'warm', qualifier: 'beta', region: 'eu-west-1', payload: '{}' })).message).toBe(
        'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:warm:beta',
      )
    })

    it('gives memoryLimitInMB as a string, 128 unless registered otherwise', async () => {
      const seen: string[] = []
      const invoker = new MemoryInvoker()
        .register('small', (_e, c) => seen.push(c.memoryLimitInMB))
        .register('big', (_e, c) => seen.push(c.memoryLimitInMB), { memoryMB: 1024 })
      ok(await invoker.invoke({ functionName: 'small', payload: '{}' }))
      ok(await invoker.invoke({ functionName: 'big', payload: '{}' }))
      expect(seen).toEqual(['128', '1024'])
    })

    it("names the log stream as Lambda does: the environment's first day, its version, 32 hex digits; one per version", async () => {
      const clock = new ManualClock({ start: '2026-03-04T23:59:59.000Z' })
      const { invoker, seen } = seeing({ clock })
      ok(await invoker.invoke({ functionName: 'warm', payload: '{}' }))
      clock.advance(2000)
      ok(await invoker.invoke({ functionName: 'warm', payload: '{}' }))
      ok(await invoker.invoke({ functionName: 'warm', qualifier: 'live', payload: '{}' }))
      ok(await invoker.invoke({ functionName: 'warm', qualifier: '7', payload: '{}' }))
      const streams = seen.map((c) => c.logStreamName)
      expect(streams[0]).toMatch(/^2026\/03\/04\/\[\$LATEST\][0-9a-f]{32}$/)
      expect(streams[1]).toBe(streams[0])
      expect(streams[2]).toMatch(/^2026\/03\/05\/\[7\][0-9a-f]{32}$/)
      expect(streams[3]).toBe(streams[2])
      expect(streams[2]).not.toBe(streams[0])
    })

    it('gives the client context of synchronous calls only, and the tenant id when the call has one', async () => {
      const { invoker, last } = seeing()
      const clientContext = Buffer.from(JSON.stringify({ custom: { who: 'test' }, env: { locale: 'en' } })).toString('base64')
      ok(await invoker.invoke({ functionName: 'warm', payload: '{}', clientContext, tenantId: 't-1' }))
      expect(last()).toMatchObject({ clientContext: { custom: { who: 'test' }, env: { locale: 'en' } }, tenantId: 't-1' })
      ok(await invoker.invoke({ functionName: 'warm', payload: '{}', clientContext, invocationType: 'Event' }))
      expect(last()?.clientContext).toBeUndefined()
      expect(last()?.tenantId).toBeUndefined()
      ok(await invoker.invoke({ functionName: 'warm', payload: '{}' }))
      expect(last()?.clientContext).toBeUndefined()
    })

    it("counts the time left down on the invoker's clock from the function's timeout, never below 0", async () => {
      const clock = new ManualClock({ start: 0 })
      const left: number[] = []
      const invoker = new MemoryInvoker({ clock }).register(
        'slow',
        (_e, c) => {
          left.push(c.getRemainingTimeInMillis())
          clock.advance(4000)
          left.push(c.getRemainingTimeInMillis())
        },
        { timeoutMs: 3000 },
      )
      // Past its timeout the handler's answer is not taken (see the timeout tests below).
      expect(failed(await invoker.invoke({ functionName: 'slow', payload: '{}' }))._tag).toBe('Unknown')
      expect(left).toEqual([3000, 0])
    })
  })

  it('registers a qualifier the name carries, and scripts faults for a function named by its ARN', async () => {
    const invoker = new MemoryInvoker().register('fn:live', () => 'live', { version: '3' }).register('fn', () => 'latest')
    expect(ok(await invoker.invoke({ functionName: 'fn', qualifier: 'live', payload: '{}' }))).toMatchObject({ payload: '"live"', executedVersion: '3' })
    invoker.script('arn:aws:lambda:us-east-1:123456789012:function:fn', { kind: 'throttle' })
    expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{}' }))._tag).toBe('NotRun')
    expect(ok(await invoker.invoke({ functionName: 'fn', payload: '{}' })).payload).toBe('"latest"')
  })

  it('answers undefined as null, and awaits async handlers', async () => {
    const invoker = new MemoryInvoker().register('void', async () => undefined)
    expect(ok(await invoker.invoke({ functionName: 'void', payload: '{}' })).payload).toBe('null')
  })

  it("turns a thrown error into an Unhandled function error with Lambda's payload shape", async () => {
    const invoker = new MemoryInvoker().register('bad', () => {
      throw new TypeError('no such thing')
    })
    const r = ok(await invoker.invoke({ functionName: 'bad', payload: '{}' }))
    expect(r.statusCode).toBe(200)
    expect(r.functionError).toBe('Unhandled')
    const body = JSON.parse(r.payload) as { errorType: string; errorMessage: string; trace: string[] }
    expect(body.errorType).toBe('TypeError')
    expect(body.errorMessage).toBe('no such thing')
    expect(body.trace[0]).toBe('TypeError: no such thing')
  })

  it('routes by qualifier or alias, also when the qualifier is in an ARN', async () => {
    const invoker = new MemoryInvoker()
      .register('fn', () => 'latest')
      .register('fn', () => 'v7', { qualifier: '7' })
      .register('fn', (_e, c) => c.functionVersion, { qualifier: 'prod', version: '7' })
    expect(ok(await invoker.invoke({ functionName: 'fn', payload: '{}' })).payload).toBe('"latest"')
    expect(ok(await invoker.invoke({ functionName: 'fn', qualifier: '7', payload: '{}' }))).toMatchObject({ payload: '"v7"', executedVersion: '7' })
    expect(ok(await invoker.invoke({ functionName: 'fn', qualifier: 'prod', payload: '{}' }))).toMatchObject({ payload: '"7"', executedVersion: '7' })
    const viaArn = ok(await invoker.invoke({ functionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn:7', payload: '{}' }))
    expect(viaArn.payload).toBe('"v7"')
    expect(failed(await invoker.invoke({ functionName: 'fn', qualifier: 'beta', payload: '{}' }))._tag).toBe('Rejected')
  })

  it('rejects a payload that is not JSON and a client context that is not base64 JSON, without running', async () => {
    const invoker = new MemoryInvoker().register('fn', () => 1)
    expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{nope' }))).toMatchObject({ _tag: 'Rejected', statusCode: 400 })
    expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{}', clientContext: '%%%' }))._tag).toBe('Rejected')
    const notJson = Buffer.from('not json').toString('base64')
    expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{}', clientContext: notJson }))._tag).toBe('Rejected')
    expect(invoker.calls.map((c) => c.ran)).toEqual([false, false, false])
  })

  it('gives the log tail in base64 when logType is Tail', async () => {
    const invoker = new MemoryInvoker().register('fn', () => 1)
    const r = ok(await invoker.invoke({ functionName: 'fn', payload: '{}', logType: 'Tail' }))
    expect(Buffer.from(r.logResult ?? '', 'base64').toString()).toContain('START RequestId: 00000000-0000-4000-8000-000000000001')
  })

  it('records every call and answer in order, with counting request ids', async () => {
    const invoker = new MemoryInvoker().register('fn', (e) => e)
    await invoker.invoke({ functionName: 'fn', payload: '{"i":1}' })
    await invoker.invoke({ functionName: 'nope', payload: '{"i":2}' })
    await invoker.invoke({ functionName: 'fn', payload: '{"i":3}' })
    expect(invoker.calls.map((c) => [c.seq, c.requestId.slice(-3), c.functionName, c.ran, c.result._tag])).toEqual([
      [1, '001', 'fn', true, 'Right'],
      [2, '002', 'nope', false, 'Left'],
      [3, '003', 'fn', true, 'Right'],
    ])
    invoker.reset()
    expect(invoker.calls).toEqual([])
  })

  it('tells which lifecycle events a function received, with their payloads', async () => {
    const invoker = new MemoryInvoker().register('fn', () => 'ok').register('other', () => 'ok')
    await invoker.invoke({ functionName: 'fn', payload: '{"tf":{"action":"create"}}', lifecycle: 'create' })
    await invoker.invoke({ functionName: 'other', payload: '{}', lifecycle: 'create' })
    invoker.script('fn', { kind: 'throttle' })
    await invoker.invoke({ functionName: 'fn', payload: '{"tf":{"action":"update"}}', lifecycle: 'update' })
    await invoker.invoke({ functionName: 'fn', payload: '{"tf":{"action":"update"}}', lifecycle: 'update' })
    await invoker.invoke({ functionName: 'fn', payload: '{"x":1}' })
    expect(invoker.lifecycles('fn')).toEqual(['create', 'update'])
    expect(invoker.received('fn').map((r) => r.payload)).toEqual([
      '{"tf":{"action":"create"}}',
      '{"tf":{"action":"update"}}',
      '{"x":1}',
    ])
    expect(invoker.received('fn')[2]?.event).toEqual({ x: 1 })
  })

  describe('scripted faults, one per call, in order', () => {
    const counting = () => {
      const runs: unknown[] = []
      const invoker = new MemoryInvoker({ clock: new ManualClock({ start: 0 }) }).register('fn', (e) => {
        runs.push(e)
        return 'done'
      })
      return { runs, invoker }
    }

    it('throttle: NotRun (429), the function does not run, the next call goes through', async () => {
      const { runs, invoker } = counting()
      invoker.script('fn', { kind: 'throttle', retryAfterMs: 1000 })
      expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{}' }))).toMatchObject({
        _tag: 'NotRun',
        statusCode: 429,
        code: 'TooManyRequestsException',
        retryAfterMs: 1000,
      })
      expect(runs).toHaveLength(0)
      ok(await invoker.invoke({ functionName: 'fn', payload: '{}' }))
      expect(runs).toHaveLength(1)
    })

    it('notFound: Rejected (404) without running; serviceError: Unknown without running', async () => {
      const { runs, invoker } = counting()
      invoker.script('fn', { kind: 'notFound' }, { kind: 'serviceError' })
      expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{}' }))).toMatchObject({ _tag: 'Rejected', statusCode: 404 })
      expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{}' }))).toMatchObject({ _tag: 'Unknown', statusCode: 500 })
      expect(runs).toHaveLength(0)
      expect(invoker.calls.map((c) => c.ran)).toEqual([false, false])
    })

    it('functionError: a response with the function error; counted as received, the handler is not called', async () => {
      const { runs, invoker } = counting()
      invoker.script('fn', { kind: 'functionError', functionError: 'Handled', errorType: 'Oops', errorMessage: 'bad input' })
      const r = ok(await invoker.invoke({ functionName: 'fn', payload: '{}', lifecycle: 'create' }))
      expect(r.functionError).toBe('Handled')
      expect(JSON.parse(r.payload)).toEqual({ errorType: 'Oops', errorMessage: 'bad input', trace: [] })
      expect(runs).toHaveLength(0)
      expect(invoker.lifecycles('fn')).toEqual(['create'])
    })

    it('timeoutAfterRun: the handler runs but the caller sees Unknown', async () => {
      const { runs, invoker } = counting()
      invoker.script('fn', { kind: 'timeoutAfterRun' })
      expect(failed(await invoker.invoke({ functionName: 'fn', payload: '{"i":1}' }))._tag).toBe('Unknown')
      expect(runs).toEqual([{ i: 1 }])
      expect(invoker.calls[0]?.ran).toBe(true)
    })

    it("latency: waits on the invoker's clock, then answers", async () => {
      const clock = new ManualClock({ start: 0 })
      const invoker = new MemoryInvoker({ clock }).register('fn', () => 'late')
      invoker.script('fn', { kind: 'latency', ms: 1234 })
      expect(ok(await invoker.invoke({ functionName: 'fn', payload: '{}' })).payload).toBe('"late"')
      expect(clock.now().getTime()).toBe(1234)
    })

    it("'*' faults apply to any function, after the function's own", async () => {
      const { invoker } = counting()
      invoker.register('g', () => 'g')
      invoker.script('*', { kind: 'throttle' }, { kind: 'notFound' })
      invoker.script('fn', { kind: 'serviceError' })
      const tags = []
      for (const name of ['fn', 'g', 'fn', 'fn']) {
        const r = await invoker.invoke({ functionName: name, payload: '{}' })
        tags.push(E.isLeft(r) ? r.left._tag : 'Right')
      }
      expect(tags).toEqual(['Unknown', 'NotRun', 'Rejected', 'Right'])
    })
  })

  it('runs Event calls (202) but not DryRun calls (204)', async () => {
    const runs: unknown[] = []
    const invoker = new MemoryInvoker().register('fn', (e) => runs.push(e))
    expect(ok(await invoker.invoke({ functionName: 'fn', payload: '{"e":1}', invocationType: 'Event' })).statusCode).toBe(202)
    expect(ok(await invoker.invoke({ functionName: 'fn', payload: '{"e":2}', invocationType: 'DryRun' })).statusCode).toBe(204)
    expect(runs).toEqual([{ e: 1 }])
  })
})

describe("MemoryInvoker: Lambda's Node.js programming model", () => {
  const payloadOf = async (invoker: MemoryInvoker, payload = '{"n":1}') => ok(await invoker.invoke({ functionName: 'fn', payload }))

  it('gives a callback-style handler a working callback: its result answers, its error is an Unhandled function error', async () => {
    const answering = new MemoryInvoker().register('fn', (event: { n: number }, _context, callback: (e: Error | null, r?: unknown) => void) => {
      setTimeout(() => callback(null, { twice: event.n * 2 }), 1)
    })
    expect(await payloadOf(answering)).toEqual({ statusCode: 200, payload: '{"twice":2}', executedVersion: '$LATEST' })
    const failing = new MemoryInvoker().register('fn', (_e, _c, callback) => callback(new RangeError('too big')))
    const r = await payloadOf(failing)
    expect(r.functionError).toBe('Unhandled')
    expect(JSON.parse(r.payload)).toMatchObject({ errorType: 'RangeError', errorMessage: 'too big' })
  })

  it("answers through context.succeed, done and fail, with Lambda's payload for a string error", async () => {
    const invoker = new MemoryInvoker()
      .register('ok', (_e, c) => c.succeed({ via: 'succeed' }))
      .register('done', (_e, c, _cb) => void setTimeout(() => c.done(undefined, 'via done'), 1))
      .register('fail', (_e, c, _cb) => c.fail('nope'))
      .register('bare', (_e, c, _cb) => c.fail())
    const call = async (functionName: string) => ok(await invoker.invoke({ functionName, payload: '{}' }))
    expect((await call('ok')).payload).toBe('{"via":"succeed"}')
    expect((await call('done')).payload).toBe('"via done"')
    expect(await call('fail')).toMatchObject({ functionError: 'Unhandled', payload: '{"errorType":"string","errorMessage":"nope","trace":[]}' })
    expect((await call('bare')).payload).toBe('{"errorType":"string","errorMessage":"handled","trace":[]}')
  })

  it('takes the first answer only: a throw after the callback, or a second callback, changes nothing', async () => {
    const invoker = new MemoryInvoker().register('fn', (_e, _c, callback) => {
      callback(null, 'first')
      callback(null, 'second')
      throw new Error('after')
    })
    expect((await payloadOf(invoker)).payload).toBe('"first"')
  })

  it('gives the identity of the invoker options, the client context decoded, and the JSON of a raw handler that succeeds with an object', async () => {
    const identity = { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' }
    const seen: LambdaContext[] = []
    const invoker = new MemoryInvoker({ identity })
      .register('fn', (_e, c) => void seen.push(c))
      .registerRaw('raw', (_p, c) => {
        c.succeed({ raw: true })
        return 'ignored'
      })
    const clientContext = Buffer.from(JSON.stringify({ client: { appTitle: 'app' }, env: { locale: 'en' } })).toString('base64')
    ok(await invoker.invoke({ functionName: 'fn', payload: '{}', clientContext }))
    expect(seen[0]?.identity).toEqual(identity)
    expect(seen[0]?.clientContext?.client.appTitle).toBe('app')
    expect(ok(await invoker.invoke({ functionName: 'raw', payload: '{}' })).payload).toBe('{"raw":true}')
    const plain = new MemoryInvoker().register('fn', (_e, c) => void seen.push(c))
    ok(await plain.invoke({ functionName: 'fn', payload: '{}' }))
    expect(seen[1]?.identity).toBeUndefined()
  })

  it('numbers calls that run at once apart, and keeps them in the order they started', async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: false })
    const invoker = new MemoryInvoker({ clock }).register('fn', (e: { wait: number }) => clock.sleep(e.wait).then(() => e.wait))
    const slow = invoker.invoke({ functionName: 'fn', payload: '{"wait":200}' })
    const fast = invoker.invoke({ functionName: 'fn', payload: '{"wait":100}' })
    await new Promise((r) => setImmediate(r))
    clock.advance(100)
    expect(ok(await fast).payload).toBe('100')
    clock.advance(100)
    expect(ok(await slow).payload).toBe('200')
    expect(invoker.calls.map((c) => [c.seq, c.requestId.slice(-1), c.call.payload])).toEqual([
      [1, '1', '{"wait":200}'],
      [2, '2', '{"wait":100}'],
    ])
  })
})

describe('MemoryInvoker: a handler past its timeout', () => {
  const flush = () => new Promise((r) => setImmediate(r))
  const never = () => new Promise<never>(() => undefined)

  it('is stopped from answering: with a manual clock the call is Unknown once the time reaches the timeout, not before', async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: false })
    let late: ((value: string) => void) | undefined
    const invoker = new MemoryInvoker({ clock }).register('hang', () => new Promise<string>((resolve) => (late = resolve)), { timeoutMs: 2500 })
    let settled = false
    const calling = invoker.invoke({ functionName: 'hang', payload: '{}', lifecycle: 'create' }).then((r) => ((settled = true), r))
    clock.advance(2499)
    await flush()
    expect(settled).toBe(false)
    clock.advance(1)
    const r = failed(await calling)
    expect(r).toMatchObject({ _tag: 'Unknown', code: 'Sandbox.Timedout', functionName: 'hang' })
    expect(r.message).toBe('Task timed out after 2.50 seconds: the function may have done its work')
    // It ran (it may have done its work), and what it answers later is not taken.
    late?.('too late')
    await flush()
    expect(invoker.calls.map((c) => [c.ran, c.result._tag])).toEqual([[true, 'Left']])
    expect(invoker.lifecycles('hang')).toEqual(['create'])
  })

  it('with an auto-advancing clock, a handler sleeping past its timeout times out, one sleeping less answers', async () => {
    const clock = new ManualClock({ start: 0 })
    const invoker = new MemoryInvoker({ clock }).register('nap', async (e: { ms: number }) => {
      await clock.sleep(e.ms)
      return 'awake'
    })
    expect(ok(await invoker.invoke({ functionName: 'nap', payload: '{"ms":2999}' })).payload).toBe('"awake"')
    expect(failed(await invoker.invoke({ functionName: 'nap', payload: '{"ms":3000}' }))._tag).toBe('Unknown')
    expect(failed(await invoker.invoke({ functionName: 'nap', payload: '{"ms":60000}' })).message).toMatch(/^Task timed out after 3\.00 seconds/)
  })

  it('counts a callback-style handler that never calls back as timed out, and an Event call still answers 202', async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: false })
    const invoker = new MemoryInvoker({ clock }).register('cb', (_e, _c, _callback) => undefined, { timeoutMs: 1000 })
    const sync = invoker.invoke({ functionName: 'cb', payload: '{}' })
    const event = invoker.invoke({ functionName: 'cb', payload: '{}', invocationType: 'Event' })
    await flush()
    clock.advance(1000)
    expect(failed(await sync)._tag).toBe('Unknown')
    expect(ok(await event).statusCode).toBe(202)
  })

  it('with the real clock, a hanging handler is stopped after its timeout, and the time left is the real time left', async () => {
    const left: number[] = []
    const invoker = new MemoryInvoker({ clock: systemClock })
      .register('hang', never, { timeoutMs: 50 })
      .register('wait', async (_e, c) => {
        left.push(c.getRemainingTimeInMillis())
        await new Promise((r) => setTimeout(r, 40))
        left.push(c.getRemainingTimeInMillis())
        return 'done'
      }, { timeoutMs: 10_000 })
    const start = Date.now()
    const r = failed(await invoker.invoke({ functionName: 'hang', payload: '{}' }))
    expect(r).toMatchObject({ _tag: 'Unknown', code: 'Sandbox.Timedout', message: expect.stringMatching(/^Task timed out after 0\.05 seconds/) })
    expect(Date.now() - start).toBeGreaterThanOrEqual(45)
    expect(Date.now() - start).toBeLessThan(5_000)
    expect(ok(await invoker.invoke({ functionName: 'wait', payload: '{}' })).payload).toBe('"done"')
    expect(left[0]).toBeLessThanOrEqual(10_000)
    expect(left[0]).toBeGreaterThan(9_000)
    expect((left[0] ?? 0) - (left[1] ?? 0)).toBeGreaterThanOrEqual(35)
  })

  it('is Unknown when the call is aborted while the handler runs', async () => {
    const invoker = new MemoryInvoker().register('hang', never)
    const controller = new AbortController()
    const calling = invoker.invoke({ functionName: 'hang', payload: '{}' }, { signal: controller.signal })
    await flush()
    controller.abort()
    expect(failed(await calling)).toMatchObject({ _tag: 'Unknown', code: 'AbortError' })
  })

  it('refuses a timeout that is not a positive number of milliseconds a timer can wait, naming the function', () => {
    const invoker = new MemoryInvoker()
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(() => invoker.register('fn', () => 1, { timeoutMs })).toThrow(/^MemoryInvoker\.register\("fn"\): timeoutMs must be a positive number/)
    }
    expect(() => invoker.register('fn', () => 1, { timeoutMs: 2 ** 31 - 1 })).not.toThrow()
  })

  it('refuses a handler that is not a function (a JavaScript caller has no type check), naming the function', () => {
    const invoker = new MemoryInvoker()
    expect(() => invoker.register('fn', { handler: () => 1 } as never)).toThrow('MemoryInvoker.register("fn"): the handler must be a function, got object')
    expect(() => invoker.registerRaw('raw', undefined as never)).toThrow('MemoryInvoker.register("raw"): the handler must be a function, got undefined')
  })
})
