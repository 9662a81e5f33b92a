import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import { plan as planChange } from '../plan/plan.js'
import type { InvocationState, Plan, PlanOptions } from '../model/types.js'
import type { EngineError } from './types.js'

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
