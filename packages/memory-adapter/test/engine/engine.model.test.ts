import { createHash } from 'node:crypto'
import { createEngine, mainPlan, plan as planOf, type Applied, type Engine, type EngineError, type Resolution, type ResourceRecord } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Fault } from '../../src/faults.js'
import { MemoryInvoker } from '../../src/invoker.js'
import { ManualClock } from '../../src/manual-clock.js'
import { MemoryStateStore } from '../../src/state-store.js'

/*
 * Model-based test of the engine over the memory adapters: random desired
 * changes, scripted faults, crashes of the store mid-apply (then a fresh
 * engine on the same store) and two engines racing on one key. After every
 * step it checks the engine's promises rather than re-implementing it.
 */

const KEY = 'k'
const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')

type Desired = Record<string, unknown> | undefined

// Replaces come from a function change or a CREATE_ONLY input change, never from triggers alone,
// so two planned invocations of one command never share a payload.
const desiredArb: fc.Arbitrary<Desired> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 5,
    arbitrary: fc.record({
      functionName: fc.constantFrom('fa', 'fb'),
      input: fc.constantFrom('{"n":1}', '{"n":2}', '{"n":3}'),
      lifecycleScope: fc.constantFrom('CRUD', 'CREATE_ONLY'),
    }),
  },
)

const faultArb: fc.Arbitrary<Fault> = fc.constantFrom<Fault>(
  { kind: 'throttle' },
  { kind: 'notFound' },
  { kind: 'serviceError' },
  { kind: 'functionError' },
  { kind: 'timeoutAfterRun' },
  { kind: 'latency', ms: 5 },
)
const faultsArb = fc.array(faultArb, { maxLength: 3 })
const resolutionArb = fc.option(
  fc.constantFrom<Resolution>({ _tag: 'Retry' }, { _tag: 'AssumeDone', result: '"assumed"' }, { _tag: 'Forget' }),
  { nil: undefined },
)
const orderArb = fc.constantFrom('delete-first' as const, 'create-first' as const)

interface Real {
  readonly store: MemoryStateStore
  readonly invoker: MemoryInvoker
  readonly clock: ManualClock
  engine: Engine
  readonly fresh: () => Engine
  /** Ids of states whose create or update invocation succeeded (or was assumed done by the user). */
  readonly goodIds: Set<string>
}

type Model = Record<string, never>

const record = (real: Real): ResourceRecord | undefined => real.store.snapshot()[KEY]

/** The calls made since `from`, checked: retried only after NotRun, never run twice. */
const checkCalls = (real: Real, from: number): void => {
  const calls = real.invoker.calls.slice(from)
  for (const [i, c] of calls.entries()) {
    const next = calls[i + 1]
    if (next !== undefined && next.call.payload === c.call.payload && next.functionName === c.functionName) {
      // The same invocation again, straight after: only allowed when this attempt proved it did not run.
      expect(c.ran, 'a planned invocation ran and was then invoked again').toBe(false)
      expect(E.isLeft(c.result) && c.result.left._tag, 'a retry after something other than NotRun').toBe('NotRun')
    }
  }
  for (const c of calls) {
    if (E.isRight(c.result) && c.result.right.functionError === undefined && c.call.lifecycle !== 'delete' && c.call.lifecycle !== undefined) {
      real.goodIds.add(`${c.functionName},${c.qualifier},${md5(c.call.payload)}`)
    }
  }
}

/** The stored record never holds a state made by a failed invocation. */
const checkStored = (real: Real): void => {
  const r = record(real)
  for (const s of [r?.state, r?.deposed]) {
    if (s !== undefined) {
      expect(real.goodIds.has(s.id), `stored state ${s.id} was not made by a successful invocation`).toBe(true)
      expect(s.result).not.toContain('errorType')
    }
  }
}

/** Whether the stored record already holds the effect of a call that ran. */
const reflects = (r: ResourceRecord | undefined, call: { functionName: string; qualifier?: string; payload: string; lifecycle?: string }): boolean => {
  if (call.lifecycle !== 'delete') return r?.state?.id === `${call.functionName},${call.qualifier ?? '$LATEST'},${md5(call.payload)}`
  const prev = JSON.stringify((JSON.parse(call.payload) as { tf?: { prev_input?: unknown } }).tf?.prev_input)
  const deleted = (s: ResourceRecord['state']): boolean =>
    s !== undefined && s.functionName === call.functionName && s.lifecycleScope === 'CRUD' && JSON.stringify(JSON.parse(s.input)) === prev
  return !deleted(r?.state) && !deleted(r?.deposed)
}

/** Checks shared by every apply: interrupted refusals, intents after uncertain outcomes, noop after success. */
const checkApply = async (
  real: Real,
  before: ResourceRecord | undefined,
  from: number,
  desired: Desired,
  resolution: Resolution | undefined,
  result: E.Either<EngineError, Applied>,
): Promise<void> => {
  checkCalls(real, from)
  const calls = real.invoker.calls.slice(from)
  if (before?.intent !== undefined && resolution === undefined) {
    expect(E.isLeft(result) && result.left._tag, 'an interrupted step was not reported').toBe('Interrupted')
    expect(calls, 'an interrupted step was redone without a resolution').toHaveLength(0)
  }
  const last = calls.at(-1)
  if (E.isLeft(result) && last !== undefined && last.ran) {
    const answered = E.isRight(last.result) && last.result.right.functionError !== undefined
    if (!answered && !reflects(record(real), last.call)) {
      expect(record(real)?.intent, 'a step that may have run is neither stored nor recorded as interrupted').toBeDefined()
    }
  }
  if (E.isLeft(result) && result.left._tag === 'InvokeFailed' && result.left.failure._tag === 'Unknown') {
    expect(record(real)?.intent?.outcome).toBe('unknown')
  }
  if (E.isRight(result)) {
    const after = await real.engine.plan(KEY, desired)
    expect(E.isRight(after) && mainPlan(after.right).action, 'plan after a successful apply is not noop').toBe('noop')
    expect(E.isRight(after) && (after.right.interrupted ?? after.right.deposed)).toBeUndefined()
  }
  checkStored(real)
}

/** A failure on a plan's first step leaves a plan that proposes the same step again. */
const checkSameStepAgain = async (real: Real, before: ResourceRecord | undefined, from: number, desired: Desired, result: E.Either<EngineError, Applied>, order: 'delete-first' | 'create-first') => {
  if (!E.isLeft(result) || before?.intent !== undefined || before?.deposed !== undefined) return
  const e = result.left
  const definite = e._tag === 'FunctionError' || (e._tag === 'InvokeFailed' && e.failure._tag !== 'Unknown')
  if (!definite || record(real)?.intent !== undefined) return
  const planned = planOf(before?.state, desired, { replaceOrder: order })
  if (E.isLeft(planned)) return
  const first = planned.right.invocations[0]
  const calls = real.invoker.calls.slice(from)
  if (first === undefined || !calls.every((c) => c.call.payload === first.payload)) return
  const again = await real.engine.plan(KEY, desired, { replaceOrder: order })
  expect(E.isRight(again) && mainPlan(again.right).action).toBe(planned.right.action)
  expect(E.isRight(again) && mainPlan(again.right).invocations[0]?.payload).toBe(first.payload)
}

/**
 * An `assume-done` resolution vouches for the interrupted step: a create or update it names makes a
 * legitimate state (id from the intent), whether or not the rest of that apply then succeeds.
 */
const assumed = (real: Real, before: ResourceRecord | undefined, resolution: Resolution | undefined): void => {
  const intent = before?.intent
  if (resolution?._tag !== 'AssumeDone' || intent === undefined || intent.lifecycle === 'delete') return
  real.goodIds.add(`${intent.functionName},${intent.qualifier},${intent.payloadMd5}`)
}

class ApplyCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly desired: Desired,
    readonly faults: ReadonlyArray<Fault>,
    readonly resolution: Resolution | undefined,
    readonly order: 'delete-first' | 'create-first',
  ) {}
  check = (): boolean => true
  async run(_m: Model, real: Real): Promise<void> {
    real.invoker.reset()
    real.invoker.script('*', ...this.faults)
    const before = record(real)
    const result = await real.engine.apply(KEY, this.desired, { replaceOrder: this.order, ...(this.resolution === undefined ? {} : { resolution: this.resolution }) })
    assumed(real, before, this.resolution)
    await checkApply(real, before, 0, this.desired, this.resolution, result)
    await checkSameStepAgain(real, before, 0, this.desired, result, this.order)
  }
  toString = (): string => `apply(${JSON.stringify(this.desired)}, faults ${JSON.stringify(this.faults)}, ${JSON.stringify(this.resolution)}, ${this.order})`
}

class CrashCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly desired: Desired, readonly afterWrites: number, readonly resolution: Resolution | undefined) {}
  check = (): boolean => true
  async run(_m: Model, real: Real): Promise<void> {
    real.invoker.reset()
    const before = record(real)
    real.store.crashAfterWrites(this.afterWrites)
    const result = await real.engine.apply(KEY, this.desired, this.resolution === undefined ? {} : { resolution: this.resolution })
    real.store.restore()
    real.engine = real.fresh()
    assumed(real, before, this.resolution)
    await checkApply(real, before, 0, this.desired, this.resolution, result)
  }
  toString = (): string => `crash-after-${this.afterWrites}-writes(${JSON.stringify(this.desired)}, ${JSON.stringify(this.resolution)})`
}

class RaceCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly desired: Desired) {}
  check = (): boolean => true
  async run(_m: Model, real: Real): Promise<void> {
    real.invoker.reset()
    const before = record(real)
    const other = real.fresh()
    const results = await Promise.all([real.engine.apply(KEY, this.desired), other.apply(KEY, this.desired)])
    checkCalls(real, 0)
    const invoked = results.filter((r) => E.isRight(r) && r.right.invocations.length > 0)
    expect(invoked.length, 'both racing applies invoked').toBeLessThanOrEqual(1)
    const ran = real.invoker.calls.filter((c) => c.ran).map((c) => c.call.payload)
    expect(new Set(ran).size, 'a step ran in both racing applies').toBe(ran.length)
    if (before?.intent !== undefined) {
      for (const r of results) expect(E.isLeft(r) && r.left._tag).toBe('Interrupted')
    } else if (results.every(E.isRight)) {
      expect(results.filter((r) => E.isRight(r) && r.right.invocations.length > 0).length).toBeLessThanOrEqual(1)
    } else {
      for (const r of results) {
        if (E.isLeft(r)) expect(['StoreFailed', 'InvalidInput']).toContain(r.left._tag)
        if (E.isLeft(r) && r.left._tag === 'StoreFailed') expect(r.left.failure._tag).toBe('Conflict')
      }
    }
    checkStored(real)
  }
  toString = (): string => `race(${JSON.stringify(this.desired)})`
}

const commands = [
  fc.tuple(desiredArb, faultsArb, resolutionArb, orderArb).map(([d, f, r, o]) => new ApplyCommand(d, f, r, o)),
  fc.tuple(desiredArb, fc.integer({ min: 0, max: 3 }), resolutionArb).map(([d, n, r]) => new CrashCommand(d, n, r)),
  desiredArb.map((d) => new RaceCommand(d)),
]

describe('engine model', () => {
  it('keeps its promises under random changes, faults, crashes and races', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        const clock = new ManualClock()
        const invoker = new MemoryInvoker({ clock }).register('fa', (e) => ({ a: e })).register('fb', (e) => ({ b: e }))
        const store = new MemoryStateStore()
        const fresh = (): Engine => createEngine({ invoker, store, clock, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 } })
        const real: Real = { store, invoker, clock, engine: fresh(), fresh, goodIds: new Set() }
        await fc.asyncModelRun(() => ({ model: {} as Model, real }), cmds)
      }),
      { numRuns: 150 },
    )
  })
})
