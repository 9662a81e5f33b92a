import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import { readCursor } from './cursor.js'
import { mergePlanOptions, type Deps } from './deps.js'
import { placeDeposed, placeMain } from './placement.js'
import { planFor } from './plan-for.js'
import { resolveInterrupted } from './resolve.js'
import { runSteps, type Ran } from './run-steps.js'
import type { Applied, ApplyOptions, EngineError } from './types.js'

/**
 * Applies `desired` (undefined: destroy) to one key: a deposed state's delete
 * first, then the plan, one recorded step at a time. Refuses an interrupted
 * step (`Interrupted`) unless `options.resolution` says what to do with it.
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
    if (options.resolution === undefined) return left({ _tag: 'Interrupted', key, intent })
    const resolved = await resolveInterrupted(deps, key, cursor, intent, options.resolution, desired, planOptions, options.signal)
    if (isLeft(resolved)) return resolved
    if (resolved.right.finished !== undefined) return right(resolved.right.finished)
    cursor = resolved.right.cursor
    ran.push(...resolved.right.ran)
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
