import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_RETRY, invokeWithRetry } from '../../src/engine/retry.js'
import { failure, fakeClock, scriptedInvoker } from './fakes.js'

const call = { functionName: 'fn', payload: '{}' }

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(DEFAULT_RETRY, a))).toEqual([200, 400, 800, 1600, 3200, 5000])
  })

  it('never waits less than the service asked, nor (without that) more than the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.option(fc.nat(100_000), { nil: undefined }), (attempt, after) => {
        const d = backoffDelay(DEFAULT_RETRY, attempt, after)
        expect(d).toBeGreaterThanOrEqual(after ?? 0)
        if (after === undefined) expect(d).toBeLessThanOrEqual(DEFAULT_RETRY.maxDelayMs)
      }),
      { numRuns: 200 },
    )
  })
})

describe('invokeWithRetry', () => {
  it('retries NotRun until an answer, sleeping with backoff', async () => {
    const { invoker, calls } = scriptedInvoker(failure('NotRun'), failure('NotRun', { retryAfterMs: 1000 }))
    const { clock, sleeps } = fakeClock()
    const r = await invokeWithRetry(invoker, clock, DEFAULT_RETRY, call)
    expect(r).toEqual({ result: E.right({ statusCode: 200, payload: '{}' }), attempts: 3, aborted: false })
    expect(calls).toHaveLength(3)
    expect(sleeps).toEqual([200, 1000])
  })

  it('stops at maxAttempts with the last NotRun', async () => {
    const { invoker, calls } = scriptedInvoker(failure('NotRun'), failure('NotRun'), failure('NotRun'))
    const r = await invokeWithRetry(invoker, fakeClock().clock, { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, call)
    expect([r.attempts, r.result._tag, calls.length]).toEqual([2, 'Left', 2])
  })

  it.each(['Unknown', 'Rejected'] as const)('never retries %s', async (tag) => {
    const { invoker, calls } = scriptedInvoker(failure(tag))
    const r = await invokeWithRetry(invoker, fakeClock().clock, DEFAULT_RETRY, call)
    expect(r.attempts).toBe(1)
    expect(calls).toHaveLength(1)
  })

  it('stops retrying when the signal aborts, reporting it', async () => {
    const { invoker, calls } = scriptedInvoker(failure('NotRun'), failure('NotRun'))
    const controller = new AbortController()
    controller.abort()
    const r = await invokeWithRetry(invoker, fakeClock().clock, DEFAULT_RETRY, call, controller.signal)
    expect([r.aborted, r.attempts, calls.length]).toEqual([true, 1, 1])
  })

  it('treats maxAttempts below 1 as a single attempt', async () => {
    const { invoker, calls } = scriptedInvoker(failure('NotRun'))
    await invokeWithRetry(invoker, fakeClock().clock, { maxAttempts: 0, baseDelayMs: 1, maxDelayMs: 1 }, call)
    expect(calls).toHaveLength(1)
  })
})
