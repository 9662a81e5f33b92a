/**
 * Runs the invocations of one plan (at most one: Pulumi gives a replace's
 * create and delete as separate steps) and settles them into the next state.
 * Each invocation is sent once; only a failure that proves the function did
 * not run is sent again, with backoff.
 */
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import { settle } from '@lambda-invocation/core'
import type { InvocationState, InvokeFailure, Invoker, InvokeRequest, InvokeResponse, Plan, RetryPolicy } from '@lambda-invocation/core'
import type { InvokerUnavailable } from './invoker.js'
import type { StepError } from './step-error.js'

/** What running a plan needs. */
export interface RunDeps {
  /** The invoker, fetched only when the plan invokes. */
  readonly invoker: () => Promise<E.Either<InvokerUnavailable, Invoker>>
  readonly retry: RetryPolicy
  readonly sleep: (ms: number) => Promise<void>
}

/** The wait before attempt `attempt + 1`: doubling from the base, capped, never below what the service asked. */
export const backoffDelay = (policy: RetryPolicy, attempt: number, retryAfterMs?: number): number =>
  Math.max(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1)), retryAfterMs ?? 0)

const invokeOnce = async (
  deps: RunDeps,
  invoker: Invoker,
  request: InvokeRequest,
): Promise<{ readonly result: E.Either<InvokeFailure, InvokeResponse>; readonly attempts: number }> => {
  for (let attempt = 1; ; attempt++) {
    const result = await invoker.invoke(request)
    if (E.isRight(result) || result.left._tag !== 'NotRun' || attempt >= deps.retry.maxAttempts) return { result, attempts: attempt }
    await deps.sleep(backoffDelay(deps.retry, attempt, result.left.retryAfterMs))
  }
}

/**
 * Invokes the plan's requests in order and gives the state to store
 * (`undefined`: none), or the step's error, in which case the state to keep is
 * the prior one and nothing is to be stored.
 */
export const runPlan = async (deps: RunDeps, plan: Plan): Promise<E.Either<StepError, InvocationState | undefined>> => {
  const responses: InvokeResponse[] = []
  if (plan.invocations.length > 0) {
    const invoker = await deps.invoker()
    if (E.isLeft(invoker)) return invoker
    for (const request of plan.invocations) {
      const { result, attempts } = await invokeOnce(deps, invoker.right, request)
      if (E.isLeft(result)) return E.left({ _tag: 'InvokeFailed', request, failure: result.left, attempts })
      responses.push(result.right)
      // A function error ends the plan: what follows must not run.
      if (result.right.functionError !== undefined && result.right.functionError !== '') break
    }
  }
  const settled = settle(plan, responses)
  if (E.isRight(settled)) return E.right(settled.right.state)
  const failure = settled.left
  switch (failure._tag) {
    case 'FunctionError':
      return E.left({ _tag: 'FunctionError', failure })
    case 'InvalidInput':
      // Only an invoker that broke its contract (a response without a text payload) gets here; it was called.
      return E.left({ _tag: 'InvalidResponse', problems: failure.problems })
    default:
      return absurd(failure)
  }
}
