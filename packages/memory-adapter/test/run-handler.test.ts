import { describe, expect, it } from 'vitest'
import { makeContext, type Callback, type LambdaContext } from '../src/lambda-context.js'
import { answering, callHandler, runHandler, type Answer, type AnyHandler } from '../src/run-handler.js'

const fields = {
  functionName: 'fn',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
  memoryLimitInMB: '128',
  awsRequestId: 'r-1',
  logGroupName: '/aws/lambda/fn',
  logStreamName: 'stream',
  identity: undefined,
  clientContext: undefined,
  tenantId: undefined,
}

/** Runs `handler` on `{ n: 1 }`: the answer taken, how many were taken (always 1) and how many were tried, after the timers it set. */
const answersOf = async (handler: AnyHandler): Promise<{ first: Answer; taken: number; tried: number }> => {
  let taken = 0
  let tried = 0
  const answers = answering(() => void taken++)
  const counted = {
    answer: (result: unknown) => (tried++, answers.answer(result)),
    failWith: (error: unknown) => (tried++, answers.failWith(error)),
  }
  runHandler(handler, { n: 1 }, makeContext(fields, () => 1000, counted), counted)
  const first = await answers.first
  await new Promise((r) => setTimeout(r, 5))
  return { first, taken, tried }
}

describe('runHandler: how a handler answers, as in Lambda\'s Node.js runtime', () => {
  it('a handler without the callback parameter answers with what it returns, or with its promise', async () => {
    expect((await answersOf((e) => ({ got: e }))).first).toEqual({ _tag: 'Answered', result: { got: { n: 1 } } })
    expect((await answersOf(async (e) => ({ got: e }))).first).toEqual({ _tag: 'Answered', result: { got: { n: 1 } } })
    expect((await answersOf(() => undefined)).first).toEqual({ _tag: 'Answered', result: undefined })
  })

  it('a throw or a rejection fails the call; a rejection without a reason fails with "handled"', async () => {
    const boom = new Error('boom')
    expect((await answersOf(() => {
      throw boom
    })).first).toEqual({ _tag: 'Failed', error: boom })
    expect((await answersOf(() => Promise.reject(boom))).first).toEqual({ _tag: 'Failed', error: boom })
    expect((await answersOf(() => Promise.reject(undefined))).first).toEqual({ _tag: 'Failed', error: 'handled' })
  })

  it('a callback-style handler answers through its callback, later; what it returns is ignored', async () => {
    const later = (_e: unknown, _c: LambdaContext, callback: Callback) => {
      setTimeout(() => callback(null, 'later'), 1)
      return 'ignored'
    }
    expect((await answersOf(later)).first).toEqual({ _tag: 'Answered', result: 'later' })
    const failing = (_e: unknown, _c: LambdaContext, callback: Callback) => callback('bad')
    expect((await answersOf(failing)).first).toEqual({ _tag: 'Failed', error: 'bad' })
    const empty = (_e: unknown, _c: LambdaContext, callback: Callback) => callback()
    expect((await answersOf(empty)).first).toEqual({ _tag: 'Answered', result: undefined })
  })

  it('a callback-style handler that returns a promise answers with it, as Lambda does', async () => {
    const both = async (_e: unknown, _c: LambdaContext, callback: Callback) => {
      setTimeout(() => callback(null, 'too late'), 1)
      return 'promised'
    }
    expect(await answersOf(both)).toEqual({ first: { _tag: 'Answered', result: 'promised' }, taken: 1, tried: 2 })
  })

  it('the first answer wins: context.succeed, done and fail count like the callback', async () => {
    const first = async (handler: AnyHandler) => {
      const { first, taken, tried } = await answersOf(handler)
      expect([taken, tried]).toEqual([1, 2])
      return first
    }
    // Answered before it returned: what it returns comes second.
    expect(await first((_e, c) => c.succeed('s'))).toEqual({ _tag: 'Answered', result: 's' })
    expect(await first((_e, c, cb) => (c.succeed('s'), cb(null, 'cb')))).toEqual({ _tag: 'Answered', result: 's' })
    expect(await first((_e, c, cb) => (c.fail(new TypeError('f')), cb(null, 'cb')))).toEqual({ _tag: 'Failed', error: new TypeError('f') })
    expect(await first((_e, c, cb) => (c.fail(), cb(null, 'cb')))).toEqual({ _tag: 'Failed', error: 'handled' })
    expect(await first((_e, c, cb) => (c.done(null, 'd'), cb('e')))).toEqual({ _tag: 'Answered', result: 'd' })
    expect(await first((_e, c, cb) => (c.done('e', 'd'), cb(null, 'cb')))).toEqual({ _tag: 'Failed', error: 'e' })
    expect(await first((_e, _c, cb) => {
      cb(null, 'cb')
      throw new Error('after')
    })).toEqual({ _tag: 'Answered', result: 'cb' })
  })

  it('callHandler gives the answer as a promise, so that a wrapper keeps the callback working', async () => {
    const context = makeContext(fields, () => 1000, answering())
    await expect(callHandler((e, _c, cb) => void setTimeout(() => cb(null, { got: e }), 1), { n: 2 }, context)).resolves.toEqual({ got: { n: 2 } })
    await expect(callHandler(async () => 'async', {}, context)).resolves.toBe('async')
    await expect(callHandler((_e, _c, cb) => cb(new Error('no')), {}, context)).rejects.toThrow('no')
    await expect(
      callHandler(() => {
        throw new Error('sync')
      }, {}, context),
    ).rejects.toThrow('sync')
  })
})
