/**
 * Planning a change from one read of a key's record: the deposed state's
 * delete and the main plan, with the record's version, the options and the
 * interrupted step's resolution; and checking, before a change runs, that
 * the record is still at that version.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Phase, PlannedChange, Resolution } from '../model/change.js'
import type { InvocationState, Plan, ResolvedPlanOptions } from '../model/types.js'
import { plan as planOf } from '../plan/plan.js'
import { resolvePlanOptions, type Deps, type PlanCall } from './inputs.js'
import { readCursor, type Cursor } from './record-ops.js'
import { resolvePhases } from './resolve.js'
import type { EngineError } from './types.js'

/** The plan of one phase, its problems as `InvalidInput` naming the key. */
const planPhase = (key: string, prior: InvocationState | undefined, desired: unknown, options: ResolvedPlanOptions): E.Either<EngineError, Plan> => {
  const planned = planOf(prior, desired, options)
  return E.isLeft(planned) ? E.left({ _tag: 'InvalidInput', key, problems: planned.left.problems }) : E.right(planned.right)
}

/** The change from a read record: the main plan first checked (bad arguments are refused before anything), then the deposed delete. */
export const changeOf = (
  key: string,
  cursor: Cursor,
  desired: unknown,
  options: ResolvedPlanOptions,
  resolution: Resolution | undefined,
): E.Either<EngineError, PlannedChange> => {
  const { record, version } = cursor
  const main = planPhase(key, record.state, desired, options)
  if (E.isLeft(main)) return main
  const mainPhase: Phase<'main'> = { phase: 'main', plan: main.right }
  let phases: PlannedChange['phases'] = [mainPhase]
  if (record.deposed !== undefined) {
    // A requested replace is of the current state; the deposed one is only ever deleted.
    const { forceReplace: _forced, ...deleteOptions } = options
    const deposed = planPhase(key, record.deposed, undefined, deleteOptions)
    if (E.isLeft(deposed)) return deposed
    phases = [{ phase: 'deposed', plan: deposed.right }, mainPhase]
  }
  const intent = record.intent
  const resolving = intent !== undefined && resolution !== undefined
  if (resolving) {
    const resolved = resolvePhases(key, intent, phases, resolution)
    if (E.isLeft(resolved)) return resolved
    phases = resolved.right
  }
  return E.right({
    key,
    ...(version === undefined ? {} : { version }),
    phases,
    options,
    ...(record.deposed === undefined ? {} : { deposed: record.deposed }),
    ...(intent === undefined ? {} : { interrupted: intent }),
    ...(resolving ? { resolution } : {}),
  })
}

/** Reads `key` and plans `desired` for it: the change, and the cursor it was planned from. */
export const planChange = async (
  deps: Deps,
  key: string,
  desired: unknown,
  call: PlanCall,
): Promise<E.Either<EngineError, { readonly change: PlannedChange; readonly cursor: Cursor }>> => {
  const read = await readCursor(deps, key)
  if (E.isLeft(read)) return read
  const change = changeOf(key, read.right, desired, resolvePlanOptions(deps.planOptions, call.planOptions), call.resolution)
  return E.isLeft(change) ? change : E.right({ change: change.right, cursor: read.right })
}

/** Reads the record of a change planned before: the cursor to run it from, or `StalePlan` when the record moved since. */
export const readUnmoved = async (deps: Deps, change: PlannedChange): Promise<E.Either<EngineError, Cursor>> => {
  const read = await readCursor(deps, change.key)
  if (E.isLeft(read)) return read
  if (read.right.version === change.version) return read
  return E.left({ _tag: 'StalePlan', key: change.key, expected: change.version, found: read.right.version })
}
