import { createEngine, mainPlan, plan, settle, type InvocationState, type PlanChangeOptions, type ResourceRecord } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryInvoker } from '../../src/invoker.js'
import { ManualClock } from '../../src/manual-clock.js'
import { MemoryStateStore } from '../../src/state-store.js'

/*
 * The law of the planned-change seam: on a store nobody else writes,
 * applying what `plan` returned invokes exactly the payloads it listed, in
 * its order (the step an AssumeDone resolution takes as done excepted), and
 * a plan afterwards has nothing left to do.
 */

const argsArb = fc.record(
  {
    functionName: fc.constantFrom('fa', 'fb'),
    input: fc.constantFrom('{"n":1}', '{"n":2,"a":[1,2]}', '{ "b": "ü", "a": 1 }'),
    lifecycleScope: fc.constantFrom('CRUD', 'CREATE_ONLY'),
    triggers: fc.constantFrom({}, { v: '1' }, { v: '2' }),
    terraformKey: fc.constantFrom('tf', 'lc'),
  },
  { requiredKeys: ['functionName', 'input'] },
)

/** The state an apply of `args` leaves. */
const stateOf = (args: unknown): InvocationState => {
  const p = plan(undefined, args)
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
  const s = settle(p.right, [{ statusCode: 200, payload: '"before"' }])
  if (E.isLeft(s) || s.right.state === undefined) throw new Error('no state')
  return s.right.state
}

const intentArb = fc.record({
  action: fc.constantFrom('create', 'update', 'replace', 'delete'),
  lifecycle: fc.constantFrom('create', 'update', 'delete'),
  functionName: fc.constantFrom('fa', 'fb'),
  qualifier: fc.constant('$LATEST'),
  payloadMd5: fc.constant('0123456789abcdef0123456789abcdef'),
  startedAt: fc.constant('2026-01-01T00:00:00.000Z'),
})

/** A record as any earlier run may have left it: a state, a deposed one, an interrupted step; or none. */
const recordArb: fc.Arbitrary<ResourceRecord | undefined> = fc.option(
  fc
    .record({ state: fc.option(argsArb, { nil: undefined }), deposed: fc.option(argsArb, { nil: undefined }), intent: fc.option(intentArb, { nil: undefined }) })
    .map(({ state, deposed, intent }): ResourceRecord => ({
      schemaVersion: 1,
      ...(state === undefined ? {} : { state: stateOf(state) }),
      ...(deposed === undefined ? {} : { deposed: stateOf(deposed) }),
      ...(intent === undefined ? {} : { intent }),
    })),
  { nil: undefined },
)

const optionsArb: fc.Arbitrary<PlanChangeOptions> = fc.record({
  replaceOrder: fc.constantFrom('delete-first' as const, 'create-first' as const),
  encoding: fc.constantFrom('terraform' as const, 'preserve' as const),
  resolution: fc.constant({ _tag: 'Forget' } as const),
})

describe('apply(plan(k, d))', () => {
  it('invokes exactly the payloads plan returned, in its order, on an unchanged store', async () => {
    await fc.assert(
      fc.asyncProperty(recordArb, fc.option(argsArb, { nil: undefined }), optionsArb, async (before, desired, options) => {
        const clock = new ManualClock()
        const invoker = new MemoryInvoker({ clock }).registerRaw('fa', () => '"a"').registerRaw('fb', () => '"b"')
        const store = new MemoryStateStore()
        if (before !== undefined && (before.state ?? before.deposed ?? before.intent) !== undefined) {
          expect(E.isRight(await store.write('k', before, undefined))).toBe(true)
        }
        const engine = createEngine({ invoker, store, clock })
        const planned = await engine.plan('k', desired, options)
        if (E.isLeft(planned)) {
          // Only a state the plan cannot build a payload from is refused (a prior input that is no JSON object in CRUD scope, say).
          expect(planned.left._tag).toBe('InvalidInput')
          return
        }
        const change = planned.right
        const expected = change.phases.flatMap((p) => p.plan.invocations.slice(p.assumedResult === undefined ? 0 : 1))
        const applied = await engine.apply(change)
        expect(E.isRight(applied), E.isLeft(applied) ? applied.left._tag : '').toBe(true)
        expect(invoker.calls.map((c) => c.call.payload)).toEqual(expected.map((r) => r.payload))
        expect(invoker.calls.map((c) => `${c.functionName}:${c.call.lifecycle}`)).toEqual(expected.map((r) => `${r.functionName}:${r.lifecycle}`))
        const again = await engine.plan('k', desired, options)
        expect(E.isRight(again) && mainPlan(again.right).action).toBe('noop')
        expect(E.isRight(again) && (again.right.deposed ?? again.right.interrupted)).toBeUndefined()
      }),
      { numRuns: 200 },
    )
  })
})
