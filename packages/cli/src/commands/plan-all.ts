/**
 * Plans every selected resource, collecting the changes and the errors
 * (invalid arguments, unreadable records) so all are reported at once.
 */
import * as E from 'fp-ts/lib/Either.js'
import { mainPlan, type Engine, type EngineError, type PlannedChange, type PlanChangeOptions } from '@lambda-invocation/core'
import type { NeededFunction } from '../handlers/local-invoker.js'
import type { Selected } from './select.js'

/** The plans of a set of resources, and the errors of those that could not be planned. */
export interface PlannedAll {
  readonly changes: ReadonlyArray<PlannedChange>
  readonly errors: ReadonlyArray<EngineError>
}

/** Plans each resource in order, those in `replace` with `forceReplace` (run again, as Terraform's `-replace`); never throws. */
export const planAll = async (
  engine: Engine,
  selected: ReadonlyArray<Selected>,
  options: PlanChangeOptions,
  replace: ReadonlySet<string> = new Set(),
): Promise<PlannedAll> => {
  const changes: PlannedChange[] = []
  const errors: EngineError[] = []
  for (const { key, desired } of selected) {
    const r = await engine.plan(key, desired, replace.has(key) ? { ...options, forceReplace: true } : options)
    if (E.isLeft(r)) errors.push(r.left)
    else changes.push(r.right)
  }
  return { changes, errors }
}

/** Every invocation a set of changes may run (a deposed delete and a retried interrupted step included), for handler checks. */
export const invocationsOf = (changes: ReadonlyArray<PlannedChange>): ReadonlyArray<NeededFunction> =>
  changes.flatMap((c) => [
    ...mainPlan(c).invocations.map((r) => ({ key: c.key, functionName: r.functionName, qualifier: r.qualifier, region: r.region })),
    ...(c.deposed !== undefined ? [{ key: c.key, functionName: c.deposed.functionName, qualifier: c.deposed.qualifier, region: c.deposed.region }] : []),
    ...(c.interrupted !== undefined ? [{ key: c.key, functionName: c.interrupted.functionName, qualifier: c.interrupted.qualifier }] : []),
  ])
