import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import { plan as planChange } from '../plan.js'
import { problem } from '../problem.js'
import type { Intent } from '../record.js'
import type { InvocationState, Plan, PlanOptions } from '../types.js'
import { readCursor, recordOf, save, withoutIntent, type Cursor } from './cursor.js'
import { mergePlanOptions, type Deps } from './deps.js'
import { isSameStep } from './intent.js'
import { runSteps, type Placement, type Ran } from './run-steps.js'
import type { Applied, ApplyOptions, EngineError, Resolution } from './types.js'

/** The main plan's settlement goes into `state` and `deposed`. */
const placeMain: Placement = (settled) => recordOf(settled.state, settled.deposed)

/** A deposed state's delete leaves the current state alone and keeps only what is still to delete. */
const placeDeposed: Placement = (settled, before) => recordOf(before.state, settled.state)

/** The plan of one key, as `plan` gives it, with plan problems as `InvalidInput`. */
export const planFor = (
  key: string,
  prior: InvocationState | undefined,
  desired: unknown,
  options: PlanOptions,
): Either<EngineError, Plan> => {
  const planned = planChange(prior, desired, options)
  return isLeft(planned) ? left({ _tag: 'InvalidInput', key, problems: planned.left.problems }) : right(planned.right)
}

const describeStep = (s: { lifecycle: string; functionName: string; qualifier: string }): string =>
  `${s.lifecycle} of ${s.functionName}:${s.qualifier}`

/** The step still to run first, and how to place its settlement: the deposed delete, else the main plan. */
const pendingPhase = (
  key: string,
  cursor: Cursor,
  desired: unknown,
  options: PlanOptions,
): Either<EngineError, { readonly plan: Plan; readonly place: Placement; readonly deposed: boolean }> => {
  const deposed = cursor.record.deposed
  const p = deposed === undefined ? planFor(key, cursor.record.state, desired, options) : planFor(key, deposed, undefined, options)
  return isLeft(p) ? p : right({ plan: p.right, place: deposed === undefined ? placeMain : placeDeposed, deposed: deposed !== undefined })
}

/** Refuses a resolution that would run or assume a step other than the interrupted one. */
const checkSameStep = (key: string, intent: Intent, plan: Plan, resolution: Resolution): Either<EngineError, void> => {
  const next = plan.invocations[0]
  if (next !== undefined && isSameStep(intent, next)) return right(undefined)
  const proposed = next === undefined ? `the plan now proposes no invocation (${plan.action})` : `the plan now proposes the ${describeStep(next)}`
  return left({
    _tag: 'InvalidInput',
    key,
    problems: [
      problem(
        ['resolution'],
        `${resolution.resolve} applies to the interrupted ${describeStep(intent)}, but ${proposed}: the arguments or the state changed since; choose forget to drop the interrupted step`,
      ),
    ],
  })
}

/**
 * Applies `desired` (undefined: destroy) to one key: a deposed state's delete
 * first, then the plan, one recorded step at a time. Refuses an interrupted
 * step unless `options.resolution` says what to do with it: `retry` runs it
 * again, `assume-done` takes it as succeeded with `result` (else an empty
 * result) without invoking, `forget` drops it and plans afresh.
 */
export const applyKey = async (deps: Deps, key: string, desired: unknown, options: ApplyOptions = {}): Promise<Either<EngineError, Applied>> => {
  const planOptions = mergePlanOptions(deps.planOptions, options)
  const read = await readCursor(deps, key)
  if (isLeft(read)) return read
  let cursor = read.right
  const ran: Ran[] = []
  // Bad arguments are refused before anything runs, even a pending deposed delete.
  const valid = planFor(key, cursor.record.state, desired, planOptions)
  if (isLeft(valid)) return valid

  const intent = cursor.record.intent
  if (intent !== undefined) {
    const resolution = options.resolution
    if (resolution === undefined) return left({ _tag: 'Interrupted', key, intent })
    if (resolution.resolve === 'forget') {
      const cleared = await save(deps, key, cursor, withoutIntent(cursor.record))
      if (isLeft(cleared)) return cleared
      cursor = cleared.right
    } else {
      const pending = pendingPhase(key, cursor, desired, planOptions)
      if (isLeft(pending)) return pending
      const same = checkSameStep(key, intent, pending.right.plan, resolution)
      if (isLeft(same)) return same
      if (resolution.resolve === 'retry') {
        const cleared = await save(deps, key, cursor, withoutIntent(cursor.record))
        if (isLeft(cleared)) return cleared
        cursor = cleared.right
      } else {
        const assumedFirst = { statusCode: 200, payload: resolution.result ?? '' }
        const done = await runSteps({ deps, key, plan: pending.right.plan, place: pending.right.place, signal: options.signal, assumedFirst }, cursor)
        if (isLeft(done)) return done
        cursor = done.right.cursor
        ran.push(...done.right.ran)
        if (!pending.right.deposed) return right({ key, plan: pending.right.plan, state: cursor.record.state, invocations: ran })
      }
    }
  }

  const deposed = cursor.record.deposed
  if (deposed !== undefined) {
    const deletePlan = planFor(key, deposed, undefined, planOptions)
    if (isLeft(deletePlan)) return deletePlan
    const done = await runSteps({ deps, key, plan: deletePlan.right, place: placeDeposed, signal: options.signal }, cursor)
    if (isLeft(done)) return done
    cursor = done.right.cursor
    ran.push(...done.right.ran)
  }

  // The plan checked up front still holds when the state did not move since (the usual case).
  const main = cursor.record.state === read.right.record.state ? valid : planFor(key, cursor.record.state, desired, planOptions)
  if (isLeft(main)) return main
  const done = await runSteps({ deps, key, plan: main.right, place: placeMain, signal: options.signal }, cursor)
  if (isLeft(done)) return done
  ran.push(...done.right.ran)
  return right({ key, plan: main.right, state: done.right.cursor.record.state, invocations: ran })
}
