import { describe, expect, it } from 'vitest'
import { ManualClock, MemoryInvoker } from '@lambda-invocation/memory-adapter'
import type { FunctionName, InvokeRequest, Qualifier } from '@lambda-invocation/core'
import { runInvocations } from '../src/run.js'

// Requests come from plan, which brands what it checked; these are written by hand.
const req = (functionName: string, lifecycle: InvokeRequest['lifecycle'] = 'create'): InvokeRequest => ({ functionName: functionName as FunctionName, qualifier: '$LATEST' as Qualifier, payload: '{}', lifecycle })
const never = new AbortController().signal

describe('runInvocations', () => {
  it('runs each invocation once, in order', async () => {
    const invoker = new MemoryInvoker().register('a', () => 1).register('b', () => 2)
    const out = await runInvocations(invoker, new ManualClock(), [req('a'), req('b', 'delete')], never)
    expect(out).toMatchObject({ _tag: 'Answered', responses: [{ payload: '1' }, { payload: '2' }] })
    expect(invoker.calls.map((c) => c.functionName)).toEqual(['a', 'b'])
  })

  it('retries only what certainly did not run, waiting as asked, up to the attempts', async () => {
    const invoker = new MemoryInvoker().register('a', () => 1)
    invoker.script('a', { kind: 'throttle' }, { kind: 'throttle' }, { kind: 'throttle' })
    const clock = new ManualClock()
    const out = await runInvocations(invoker, clock, [req('a')], never, { attempts: 3, baseDelayMs: 100 })
    expect(out).toMatchObject({ _tag: 'InvokeFailed', failure: { _tag: 'NotRun', code: 'TooManyRequestsException' } })
    expect(clock.sleeps).toEqual([100, 200])
    expect(invoker.calls).toHaveLength(3)
  })

  it('never repeats a call that may have run, and stops there', async () => {
    const invoker = new MemoryInvoker().register('a', () => 1).register('b', () => 2)
    invoker.script('a', { kind: 'serviceError' })
    const out = await runInvocations(invoker, new ManualClock(), [req('a'), req('b')], never)
    expect(out).toMatchObject({ _tag: 'InvokeFailed', responses: [], request: { functionName: 'a' }, failure: { _tag: 'Unknown' } })
    expect(invoker.calls).toHaveLength(1)
  })

  it('stops after a function error: the next step does not run', async () => {
    const invoker = new MemoryInvoker()
      .register('a', () => {
        throw new Error('no')
      })
      .register('b', () => 2)
    const out = await runInvocations(invoker, new ManualClock(), [req('a'), req('b')], never)
    expect(out).toMatchObject({ _tag: 'Answered', responses: [{ functionError: 'Unhandled' }] })
    expect(invoker.calls).toHaveLength(1)
  })

  it('an aborted signal ends the retries', async () => {
    const invoker = new MemoryInvoker().register('a', () => 1)
    invoker.script('a', { kind: 'throttle' })
    const stop = new AbortController()
    stop.abort()
    const out = await runInvocations(invoker, new ManualClock(), [req('a')], stop.signal)
    expect(out).toMatchObject({ _tag: 'InvokeFailed', failure: { _tag: 'NotRun' } })
    expect(invoker.calls).toHaveLength(1)
  })
})
