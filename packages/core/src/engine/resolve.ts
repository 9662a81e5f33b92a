import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import { problem } from '../model/problem.js'
import type { Intent } from '../model/record.js'
import type { Plan, PlanOptions } from '../model/types.js'
import { save, withoutIntent, type Cursor } from './cursor.js'
import type { Deps } from './deps.js'
import { isSameStep } from './intent.js'
import { placeDeposed, placeMain } from './placement.js'
import { planFor } from './plan-for.js'
import { runSteps, type Placement, type Ran } from './run-steps.js'
import type { Applied, EngineError, Resolution } from './types.js'

/** Where a resolution leaves the apply: go on from `cursor`, or already `finished`. */
export interface Resolved {
  readonly cursor: Cursor
  readonly ran: ReadonlyArray<Ran>
  readonly finished?: Applied
}

const describeStep = (s: { lifecycle: string; functionName: string; qualifier: string }): string =>
  `${s.lifecycle} of ${s.functionName}:${s.qualifier}`

/** The plan whose first step is the one still to run: the deposed delete, else the main plan. */
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
 * Leaves an interrupted step behind as the resolution says: `forget` clears
 * it; `retry` clears it so the plan runs it again; `assume-done` stores it as
 * succeeded with `result` (an empty result when not given) without invoking,
 * then runs what is left of its plan. `retry` and `assume-done` are refused
 * unless the step still to run is the interrupted one (same function,
 * qualifier, lifecycle action and payload).
 */
export const resolveInterrupted = async (
  deps: Deps,
  key: string,
  start: Cursor,
  intent: Intent,
  resolution: Resolution,
  desired: unknown,
  options: PlanOptions,
  signal: AbortSignal | undefined,
): Promise<Either<EngineError, Resolved>> => {
  const clear = async (): Promise<Either<EngineError, Resolved>> => {
    const cleared = await save(deps, key, start, withoutIntent(start.record))
    return isLeft(cleared) ? cleared : right({ cursor: cleared.right, ran: [] })
  }
  if (resolution.resolve === 'forget') return clear()
  const pending = pendingPhase(key, start, desired, options)
  if (isLeft(pending)) return pending
  const same = checkSameStep(key, intent, pending.right.plan, resolution)
  if (isLeft(same)) return same
  if (resolution.resolve === 'retry') return clear()
  const { plan, place, deposed } = pending.right
  const assumedFirst = { statusCode: 200, payload: resolution.result ?? '' }
  const done = await runSteps({ deps, key, plan, place, signal, assumedFirst }, start)
  if (isLeft(done)) return done
  const { cursor, ran } = done.right
  return right(deposed ? { cursor, ran } : { cursor, ran, finished: { key, plan, state: cursor.record.state, invocations: ran } })
}
