import { formatEngineError, mainPlan, type Applied, type EngineError } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { crud, harness } from './harness.js'

const ok = <A>(e: E.Either<EngineError, A>): A => {
  if (E.isLeft(e)) throw new Error(formatEngineError(e.left))
  return e.right
}
const err = <A>(e: E.Either<EngineError, A>): EngineError => {
  if (!E.isLeft(e)) throw new Error('expected an engine error')
  return e.left
}

describe('engine: the lifecycle of one resource', () => {
  it('creates (CRUD payload with the lifecycle key), stores the state, and then plans noop', async () => {
    const { engine, invoker, store } = harness()
    const applied: Applied = ok(await engine.apply('k', crud('{"n":1}')))
    expect(applied.plan.action).toBe('create')
    expect(applied.invocations.map((i) => i.request.payload)).toEqual(['{"n":1,"tf":{"action":"create","prev_input":null}}'])
    expect(applied.state?.result).toBe('{"got":{"n":1,"tf":{"action":"create","prev_input":null}}}')
    expect(store.snapshot()['k']).toEqual({ schemaVersion: 1, state: applied.state })
    expect(mainPlan(ok(await engine.plan('k', crud('{"n":1}')))).action).toBe('noop')
    expect(ok(await engine.apply('k', crud('{"n":1}'))).invocations).toEqual([])
    expect(invoker.lifecycles('echo')).toEqual(['create'])
  })

  it('sends the raw input in CREATE_ONLY scope', async () => {
    const { engine, invoker } = harness()
    ok(await engine.apply('k', { functionName: 'echo', input: ' {"b":1, "a":2}' }))
    expect(invoker.received('echo').map((r) => r.payload)).toEqual([' {"b":1, "a":2}'])
  })

  it('updates with prev_input, then deletes on destroy and removes the record', async () => {
    const { engine, invoker, store } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    const updated = ok(await engine.apply('k', crud('{"n":2}')))
    expect(updated.plan.action).toBe('update')
    expect(updated.invocations[0]?.request.payload).toBe('{"n":2,"tf":{"action":"update","prev_input":{"n":1}}}')
    expect(updated.state?.input).toBe('{"n":2}')
    const destroyed = ok(await engine.destroy('k'))
    expect(destroyed.state).toBeUndefined()
    expect(invoker.lifecycles('echo')).toEqual(['create', 'update', 'delete'])
    expect(invoker.received('echo')[2]?.payload).toBe('{"n":2,"tf":{"action":"delete","prev_input":{"n":2}}}')
    expect(store.snapshot()).toEqual({})
    expect(ok(await engine.show('k'))).toBeUndefined()
  })

  it('drops a CREATE_ONLY state on destroy without invoking', async () => {
    const { engine, invoker, store } = harness()
    ok(await engine.apply('k', { functionName: 'echo', input: '{}' }))
    const destroyed = ok(await engine.destroy('k'))
    expect(destroyed.invocations).toEqual([])
    expect(invoker.calls).toHaveLength(1)
    expect(store.snapshot()).toEqual({})
  })

  it('replaces delete-first by default and create-first when asked', async () => {
    for (const [order, expected] of [
      [undefined, ['create', 'delete', 'create']],
      ['create-first', ['create', 'create', 'delete']],
    ] as const) {
      const { engine, invoker, store } = harness()
      ok(await engine.apply('k', crud('{"n":1}')))
      const replaced = ok(await engine.apply('k', crud('{"n":1}', { triggers: { v: '2' } }), order === undefined ? {} : { replaceOrder: order }))
      expect(replaced.plan.action).toBe('replace')
      expect(invoker.lifecycles('echo')).toEqual(expected)
      expect(store.snapshot()['k']).toEqual({ schemaVersion: 1, state: replaced.state })
    }
  })

  it('refuses bad arguments with problems, invoking and storing nothing', async () => {
    const { engine, invoker, store } = harness()
    const e = err(await engine.apply('k', { functionName: 'echo', input: '[1]', lifecycleScope: 'CRUD', typo: 1 }))
    expect(e._tag).toBe('InvalidInput')
    expect(e._tag === 'InvalidInput' ? e.problems.map((p) => p.path[0]) : []).toEqual(expect.arrayContaining(['typo', 'input']))
    expect(formatEngineError(e)).toContain('Invalid input for "k"')
    expect(invoker.calls).toEqual([])
    expect(store.snapshot()).toEqual({})
  })

  it('stops before the first step when the signal is already aborted', async () => {
    const { engine, invoker } = harness()
    const controller = new AbortController()
    controller.abort()
    expect(err(await engine.apply('k', crud('{}'), { signal: controller.signal }))._tag).toBe('Aborted')
    expect(invoker.calls).toEqual([])
  })
})

describe('engine: stopping between steps', () => {
  it('an abort during the first step of a replace lets it finish and be recorded, then stops before the second', async () => {
    const { engine, invoker, store } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    const controller = new AbortController()
    invoker.register('other', () => {
      controller.abort()
      return 'created'
    })
    const e = err(await engine.apply('k', { functionName: 'other', input: '{}', lifecycleScope: 'CRUD' }, { signal: controller.signal, replaceOrder: 'create-first' }))
    expect(e).toEqual({ _tag: 'Aborted', key: 'k' })
    expect(formatEngineError(e)).toContain('stopped before its next step')
    const record = store.snapshot()['k']
    expect(record?.state?.functionName).toBe('other')
    expect(record?.deposed?.functionName).toBe('echo')
    expect(record?.intent).toBeUndefined()
    const shown = ok(await engine.show('k'))
    expect(shown).toEqual(record)
    const finished = ok(await engine.apply('k', { functionName: 'other', input: '{}', lifecycleScope: 'CRUD' }))
    expect(finished.invocations.map((i) => `${i.request.functionName}:${i.request.lifecycle}`)).toEqual(['echo:delete'])
  })
})

describe('engine: failures leave the state as it was', () => {
  it('a function error on update keeps the old state and the next plan proposes the update again', async () => {
    const { engine, invoker, store } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    const before = store.snapshot()
    invoker.script('echo', { kind: 'functionError', errorMessage: 'database down' })
    const e = err(await engine.apply('k', crud('{"n":2}')))
    expect(e).toMatchObject({ _tag: 'FunctionError', key: 'k', functionName: 'echo', functionError: 'Unhandled' })
    expect(formatEngineError(e)).toMatch(/echo failed \(Unhandled\) in the update invocation of echo:\$LATEST for "k".*database down/)
    expect(store.snapshot()).toEqual(before)
    expect(mainPlan(ok(await engine.plan('k', crud('{"n":2}')))).action).toBe('update')
    expect(ok(await engine.apply('k', crud('{"n":2}'))).state?.input).toBe('{"n":2}')
  })

  it('a function error on create stores nothing', async () => {
    const { engine, invoker, store } = harness()
    invoker.register('boom', () => {
      throw new Error('nope')
    })
    expect(err(await engine.apply('k', { functionName: 'boom', input: '{}' }))._tag).toBe('FunctionError')
    expect(store.snapshot()).toEqual({})
  })

  it('retries NotRun with doubling backoff, and the function runs once', async () => {
    const { engine, invoker, clock } = harness()
    invoker.script('echo', { kind: 'throttle' }, { kind: 'throttle' })
    ok(await engine.apply('k', crud('{}')))
    expect(clock.sleeps).toEqual([200, 400])
    expect(invoker.calls.map((c) => c.ran)).toEqual([false, false, true])
  })

  it('gives up after maxAttempts NotRun failures, with the state unchanged and no intent left', async () => {
    const { engine, invoker, store } = harness({ retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } })
    ok(await engine.apply('k', crud('{"n":1}')))
    const before = store.snapshot()
    invoker.script('echo', { kind: 'throttle' }, { kind: 'throttle' })
    const e = err(await engine.apply('k', crud('{"n":2}')))
    expect(e).toMatchObject({ _tag: 'InvokeFailed', attempts: 2, failure: { _tag: 'NotRun' } })
    expect(formatEngineError(e)).toContain('after 2 attempts')
    expect(store.snapshot()).toEqual(before)
  })

  it('never retries Rejected', async () => {
    const { engine, invoker, store } = harness()
    invoker.script('echo', { kind: 'notFound' }, { kind: 'notFound' })
    expect(err(await engine.apply('k', crud('{}')))).toMatchObject({ _tag: 'InvokeFailed', attempts: 1, failure: { _tag: 'Rejected' } })
    expect(invoker.calls).toHaveLength(1)
    expect(store.snapshot()).toEqual({})
  })

  it('a failed delete of a create-first replace keeps the new state and the deposed prior, deleted first next time', async () => {
    const { engine, invoker, store } = harness({ planOptions: { replaceOrder: 'create-first' } })
    const first = ok(await engine.apply('k', crud('{"n":1}'))).state
    invoker.script('echo', { kind: 'latency', ms: 0 }, { kind: 'functionError' })
    expect(err(await engine.apply('k', crud('{"n":1}', { qualifier: '$LATEST', triggers: { t: '1' } })))._tag).toBe('FunctionError')
    const record = store.snapshot()['k']
    expect(record?.deposed).toEqual(first)
    expect(record?.state?.triggers).toEqual({ t: '1' })
    const planned = ok(await engine.plan('k', crud('{"n":1}', { triggers: { t: '1' } })))
    expect(planned).toMatchObject({ deposed: first, phases: [{ phase: 'deposed', plan: { action: 'delete' } }, { phase: 'main', plan: { action: 'noop' } }] })
    const applied = ok(await engine.apply('k', crud('{"n":1}', { triggers: { t: '1' } })))
    expect(applied.invocations.map((i) => i.request.lifecycle)).toEqual(['delete'])
    expect(store.snapshot()['k']).toEqual({ schemaVersion: 1, state: record?.state })
  })
})

describe('engine: interrupted steps', () => {
  const unknownUpdate = async () => {
    const h = harness()
    ok(await h.engine.apply('k', crud('{"n":1}')))
    h.invoker.script('echo', { kind: 'timeoutAfterRun' })
    const e = err(await h.engine.apply('k', crud('{"n":2}')))
    return { ...h, e }
  }

  it('after Unknown the record keeps the intent, plan reports it, and apply refuses without invoking', async () => {
    const { engine, invoker, store, e } = await unknownUpdate()
    expect(e).toMatchObject({ _tag: 'InvokeFailed', attempts: 1, failure: { _tag: 'Unknown' } })
    expect(formatEngineError(e)).toContain('may have run')
    const intent = store.snapshot()['k']?.intent
    expect(intent).toMatchObject({ action: 'update', lifecycle: 'update', functionName: 'echo', qualifier: '$LATEST', outcome: 'unknown', startedAt: '2026-03-04T05:06:07.000Z' })
    expect(store.snapshot()['k']?.state?.input).toBe('{"n":1}')
    expect(ok(await engine.plan('k', crud('{"n":2}'))).interrupted).toEqual(intent)
    const refused = err(await engine.apply('k', crud('{"n":2}')))
    expect(refused).toEqual({ _tag: 'Interrupted', key: 'k', intent })
    expect(formatEngineError(refused)).toMatch(/update invocation of echo:\$LATEST for "k".*2026-03-04T05:06:07.000Z.*retry.*assume-done.*forget/s)
    expect(invoker.calls).toHaveLength(2)
  })

  it('retry runs the step again', async () => {
    const { engine, invoker } = await unknownUpdate()
    const applied = ok(await engine.apply('k', crud('{"n":2}'), { resolution: { _tag: 'Retry' } }))
    expect(applied.state?.input).toBe('{"n":2}')
    expect(invoker.lifecycles('echo')).toEqual(['create', 'update', 'update'])
  })

  it('assume-done stores the step as succeeded with the given result, without invoking', async () => {
    const { engine, invoker, store } = await unknownUpdate()
    const applied = ok(await engine.apply('k', crud('{"n":2}'), { resolution: { _tag: 'AssumeDone', result: '"it ran"' } }))
    expect(applied.invocations).toEqual([])
    expect(store.snapshot()['k']).toEqual({ schemaVersion: 1, state: applied.state })
    expect(applied.state).toMatchObject({ input: '{"n":2}', result: '"it ran"' })
    expect(invoker.calls).toHaveLength(2)
    expect(mainPlan(ok(await engine.plan('k', crud('{"n":2}')))).action).toBe('noop')
  })

  it('assume-done without a result stores an empty result', async () => {
    const { engine } = await unknownUpdate()
    expect(ok(await engine.apply('k', crud('{"n":2}'), { resolution: { _tag: 'AssumeDone' } })).state?.result).toBe('')
  })

  it('refuses retry or assume-done when the plan no longer proposes the interrupted step', async () => {
    const { engine, invoker } = await unknownUpdate()
    for (const resolution of [{ _tag: 'Retry' }, { _tag: 'AssumeDone' }] as const) {
      const e = err(await engine.apply('k', crud('{"n":3}'), { resolution }))
      expect(e._tag).toBe('InvalidInput')
      expect(formatEngineError(e)).toContain('resolution: ')
      expect(formatEngineError(e)).toContain('forget')
    }
    expect(invoker.calls).toHaveLength(2)
  })

  it('forget drops the intent and applies the plan afresh', async () => {
    const { engine, invoker, store } = await unknownUpdate()
    const applied = ok(await engine.apply('k', crud('{"n":3}'), { resolution: { _tag: 'Forget' } }))
    expect(applied.invocations[0]?.request.payload).toBe('{"n":3,"tf":{"action":"update","prev_input":{"n":1}}}')
    expect(store.snapshot()['k']?.intent).toBeUndefined()
    expect(invoker.calls).toHaveLength(3)
  })

  it('a handler past its timeout is an interrupted step: reported with the timeout, not redone, and not stored as done', async () => {
    const { engine, invoker, store, clock } = harness()
    invoker.register('slow', async (e: { ms: number }) => {
      await clock.sleep(e.ms)
      return 'finished'
    }, { timeoutMs: 1000 })
    const args = (ms: number) => ({ functionName: 'slow', input: `{"ms":${ms}}`, lifecycleScope: 'CRUD' })
    ok(await engine.apply('k', args(10)))
    const e = err(await engine.apply('k', args(5000)))
    expect(e).toMatchObject({ _tag: 'InvokeFailed', attempts: 1, failure: { _tag: 'Unknown', code: 'Sandbox.Timedout' } })
    expect(formatEngineError(e)).toContain('Task timed out after 1.00 seconds')
    expect(store.snapshot()['k']).toMatchObject({ state: { input: '{"ms":10}' }, intent: { action: 'update', outcome: 'unknown' } })
    expect(err(await engine.apply('k', args(5000)))._tag).toBe('Interrupted')
    expect(invoker.lifecycles('slow')).toEqual(['create', 'update'])
  })

  it('a crash after invoking leaves the intent; a fresh engine reports the step instead of redoing it', async () => {
    const { engine, invoker, store, another } = harness()
    store.crashAfterWrites(1)
    const e = err(await engine.apply('k', crud('{"n":1}')))
    expect(e).toMatchObject({ _tag: 'StoreFailed', failure: { _tag: 'Unavailable' } })
    expect(invoker.calls).toHaveLength(1)
    store.restore()
    const fresh = another()
    const refused = err(await fresh.apply('k', crud('{"n":1}')))
    expect(refused).toMatchObject({ _tag: 'Interrupted', intent: { action: 'create', lifecycle: 'create' } })
    expect(refused._tag === 'Interrupted' ? refused.intent.outcome : 'x').toBeUndefined()
    expect(formatEngineError(refused)).toContain('never finished recording')
    expect(invoker.calls).toHaveLength(1)
    const applied = ok(await fresh.apply('k', crud('{"n":1}'), { resolution: { _tag: 'AssumeDone' } }))
    expect(applied.state?.id).toMatch(/^echo,\$LATEST,[0-9a-f]{32}$/)
    expect(invoker.calls).toHaveLength(1)
  })
})

describe('engine: races', () => {
  it('of two applies racing on one key exactly one invokes; the loser fails on its first write', async () => {
    const { engine, invoker, another } = harness()
    const [a, b] = await Promise.all([engine.apply('k', crud('{"n":1}')), another().apply('k', crud('{"n":1}'))])
    const results = [a, b]
    expect(results.filter((r) => !E.isLeft(r))).toHaveLength(1)
    const loser = results.find(E.isLeft)
    expect(loser?.left).toMatchObject({ _tag: 'StoreFailed', failure: { _tag: 'Conflict' } })
    expect(formatEngineError((loser as { left: EngineError }).left)).toContain('another apply')
    expect(invoker.calls).toHaveLength(1)
  })
})
