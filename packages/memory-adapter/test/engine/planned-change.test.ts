import { decodePlannedChange, formatEngineError, mainPlan, type EngineError, type PlannedChange } from '@lambda-invocation/core'
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
const payloadsOf = (change: PlannedChange): string[] => change.phases.flatMap((p) => p.plan.invocations.map((r) => r.payload))

describe('engine: a planned change', () => {
  it('carries the record version it was planned from, its phases in order and the resolved options', async () => {
    const { engine, store } = harness({ planOptions: { replaceOrder: 'create-first' } })
    const fresh = ok(await engine.plan('k', crud('{"n":1}')))
    expect(fresh).toEqual({ key: 'k', phases: [{ phase: 'main', plan: expect.objectContaining({ action: 'create' }) }], options: { replaceOrder: 'create-first', encoding: 'terraform' } })
    ok(await engine.apply(fresh))
    const read = await store.read('k')
    const version = E.isRight(read) ? read.right?.version : undefined
    expect(version).toBeDefined()
    const update = ok(await engine.plan('k', crud('{"n":2}'), { encoding: 'preserve' }))
    expect(update.version).toBe(version)
    expect(update.options).toEqual({ replaceOrder: 'create-first', encoding: 'preserve' })
    expect(mainPlan(update).action).toBe('update')
  })

  it('runs exactly the payloads it planned, in order, and plans then noop', async () => {
    const { engine, invoker } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    const change = ok(await engine.plan('k', crud('{"n":1}', { triggers: { v: '2' } })))
    invoker.reset()
    const applied = ok(await engine.apply(change))
    expect(invoker.calls.map((c) => c.call.payload)).toEqual(payloadsOf(change))
    expect(applied.invocations.map((i) => i.request)).toEqual(change.phases.flatMap((p) => p.plan.invocations))
    expect(mainPlan(ok(await engine.plan('k', crud('{"n":1}', { triggers: { v: '2' } })))).action).toBe('noop')
  })

  it('a change planned with forceReplace runs through apply and applyAll, saved as JSON and read back: the delete, then the create', async () => {
    const { engine, invoker } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    const change = ok(await engine.plan('k', crud('{"n":1}'), { forceReplace: true }))
    expect(mainPlan(change)).toMatchObject({ action: 'replace', requested: true })
    const saved = decodePlannedChange(JSON.parse(JSON.stringify(change)))
    if (E.isLeft(saved)) throw new Error(JSON.stringify(saved.left))
    invoker.reset()
    const report = await engine.applyAll([{ change: saved.right }])
    if (E.isLeft(report)) throw new Error(formatEngineError(report.left))
    expect(report.right.summary.applied).toBe(1)
    expect(invoker.calls.map((c) => JSON.parse(c.call.payload).tf.action)).toEqual(['delete', 'create'])
    expect(mainPlan(ok(await engine.plan('k', crud('{"n":1}')))).action).toBe('noop')
  })

  it('is refused as stale, invoking nothing, when another engine applied the same key since', async () => {
    const { engine, invoker, store, another } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    const mine = ok(await engine.plan('k', crud('{"n":2}')))
    ok(await another().apply('k', crud('{"n":3}')))
    const left = store.snapshot()
    const calls = invoker.calls.length
    const e = err(await engine.apply(mine))
    expect(e).toMatchObject({ _tag: 'StalePlan', key: 'k', expected: mine.version })
    expect(e._tag === 'StalePlan' && e.found).not.toBe(mine.version)
    expect(formatEngineError(e)).toContain('is stale')
    expect(invoker.calls).toHaveLength(calls)
    expect(store.snapshot()).toEqual(left)
    expect(left['k']?.state?.input).toBe('{"n":3}')
  })

  it('a create planned where there was no record is stale once one exists', async () => {
    const { engine, invoker, another } = harness()
    const mine = ok(await engine.plan('k', crud('{"n":1}')))
    expect(mine.version).toBeUndefined()
    ok(await another().apply('k', crud('{"n":1}')))
    expect(err(await engine.apply(mine))).toMatchObject({ _tag: 'StalePlan', expected: undefined })
    expect(invoker.calls).toHaveLength(1)
  })

  it('survives JSON: saved to text and read back, it decodes to itself and applies', async () => {
    const { engine, invoker, another } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    const change = ok(await engine.plan('k', crud('{"n":2,"s":"ü"}', { tenantId: 't-1' })))
    const text = JSON.stringify(change)
    const decoded = decodePlannedChange(JSON.parse(text))
    expect(decoded).toEqual(E.right(change))
    invoker.reset()
    const applied = ok(await another().apply(JSON.parse(text) as PlannedChange))
    expect(applied.state?.input).toBe('{"n":2,"s":"ü"}')
    expect(invoker.calls.map((c) => c.call.payload)).toEqual(payloadsOf(change))
  })

  it('a malformed change is InvalidInput with paths, never a throw, and nothing runs', async () => {
    const { engine, invoker } = harness()
    const change = ok(await engine.plan('k', crud('{"n":1}')))
    const broken = { ...change, phases: [{ ...change.phases[0], plan: { ...change.phases[0].plan, action: 'explode' } }], extra: 1 }
    const e = err(await engine.apply(broken as never))
    expect(e).toMatchObject({ _tag: 'InvalidInput', key: 'k' })
    const text = formatEngineError(e)
    expect(text).toContain('change.extra: is not a field of a planned change')
    expect(text).toContain('change.phases[0].plan.action: must be "noop" or "create" or "update" or "replace" or "delete", got "explode"')
    expect(err(await engine.apply({} as never))).toMatchObject({ _tag: 'InvalidInput', key: '' })
    expect(err(await engine.apply(42 as never))._tag).toBe('InvalidInput')
    expect(formatEngineError(err(await engine.apply({ ...change, phases: [] } as never)))).toContain('change.phases: must be the phases [main] or [deposed, main], got []')
    expect(invoker.calls).toEqual([])
  })

  it('an interrupted step is decided when planning: the change says what runs, and without a resolution it is refused', async () => {
    const { engine, invoker, store } = harness()
    ok(await engine.apply('k', crud('{"n":1}')))
    invoker.script('echo', { kind: 'timeoutAfterRun' })
    err(await engine.apply('k', crud('{"n":2}')))
    const intent = store.snapshot()['k']?.intent
    const blocked = ok(await engine.plan('k', crud('{"n":2}')))
    expect(blocked.interrupted).toEqual(intent)
    expect(blocked.resolution).toBeUndefined()
    expect(err(await engine.apply(blocked))).toEqual({ _tag: 'Interrupted', key: 'k', intent })
    const assumed = ok(await engine.plan('k', crud('{"n":2}'), { resolution: { _tag: 'AssumeDone', result: '"done"' } }))
    expect(assumed.resolution).toEqual({ _tag: 'AssumeDone', result: '"done"' })
    expect(assumed.phases[0]).toMatchObject({ phase: 'main', assumedResult: '"done"' })
    const wrong = err(await engine.plan('k', crud('{"n":9}'), { resolution: { _tag: 'Retry' } }))
    expect(formatEngineError(wrong)).toContain('resolution: retry applies to the interrupted update of echo:$LATEST, but the plan now proposes')
    const calls = invoker.calls.length
    const applied = ok(await engine.apply(assumed))
    expect(applied.state?.result).toBe('"done"')
    expect(invoker.calls).toHaveLength(calls)
  })

  it('a resolution where nothing is interrupted is left out of the change', async () => {
    const { engine } = harness()
    expect(ok(await engine.plan('k', crud('{}'), { resolution: { _tag: 'Forget' } })).resolution).toBeUndefined()
  })
})

describe('engine: a two-step replace that loses its race after its first step', () => {
  it('says which step ran and that its result is not stored, and what is stored is the other apply\'s', async () => {
    const { engine, invoker, store, another } = harness({ planOptions: { replaceOrder: 'create-first' } })
    ok(await engine.apply('k', crud('{"n":1}')))
    // While the create runs, another apply takes the step for forgotten and stores a state of its own.
    invoker.register('other', async () => {
      ok(await another().apply('k', crud('{"n":1}', { triggers: { by: 'other' } }), { resolution: { _tag: 'Forget' }, replaceOrder: 'delete-first' }))
      return 'created'
    })
    const e = err(await engine.apply('k', { functionName: 'other', input: '{}', lifecycleScope: 'CRUD' }))
    expect(e).toMatchObject({ _tag: 'StoreFailed', failure: { _tag: 'Conflict' }, unstored: true })
    expect(e._tag === 'StoreFailed' && e.ran?.map((r) => `${r.request.functionName}:${r.request.lifecycle}`)).toEqual(['other:create'])
    const text = formatEngineError(e)
    expect(text).toMatch(/^The create invocation of other:\$LATEST for "k" ran, but its result could not be stored: the state was changed by another apply meanwhile/)
    expect(text).toContain('run plan to see it')
    expect(store.snapshot()['k']?.state?.triggers).toEqual({ by: 'other' })
  })
})
