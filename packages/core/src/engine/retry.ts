/**
 * Invoking: `NotRun` failures retried with backoff (the function certainly
 * did not run), nothing else; and the calls that store nothing (the data
 * source, the imperative invoke).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { InvokeCall, InvokeFailure, Invoker, InvokeResponse } from '../ports/invoker.js'
import type { Deps } from './inputs.js'
import { isAborted } from './inputs.js'
import type { EngineError, RetryPolicy } from './types.js'

export { DEFAULT_RETRY } from './inputs.js'

/** What an invocation came to after retries, and how many attempts it took. */
export interface Attempted {
  readonly result: E.Either<InvokeFailure, InvokeResponse>
  readonly attempts: number
  /** Set when the signal aborted during a backoff: the last failure is a `NotRun`, nothing ran. */
  readonly aborted: boolean
}

/** The wait before attempt `attempt + 1`: doubling from the base, capped, never below what the service asked. */
export const backoffDelay = (policy: RetryPolicy, attempt: number, retryAfterMs?: number): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.max(exponential, retryAfterMs ?? 0)
}

/** What retrying needs of a clock: a sleep that an abort cuts short. */
export interface Sleeper {
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/**
 * Invokes, retrying only `NotRun` failures (the function certainly did not
 * run) with backoff on `clock`, up to `policy.maxAttempts` attempts in all.
 * `Unknown` and `Rejected` are returned at once. The signal only cuts a backoff
 * short; it is not passed to the invoker, so a call in flight finishes.
 */
export const invokeWithRetry = async (
  invoker: Invoker,
  clock: Sleeper,
  policy: RetryPolicy,
  call: InvokeCall,
  signal?: AbortSignal,
): Promise<Attempted> => {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts))
  for (let attempt = 1; ; attempt++) {
    const result = await invoker.invoke(call)
    if (!E.isLeft(result) || result.left._tag !== 'NotRun' || attempt >= maxAttempts) {
      return { result, attempts: attempt, aborted: false }
    }
    if (isAborted(signal)) return { result, attempts: attempt, aborted: true }
    await clock.sleep(backoffDelay(policy, attempt, result.left.retryAfterMs), signal)
    if (isAborted(signal)) return { result, attempts: attempt, aborted: true }
  }
}

/**
 * Runs one call that stores nothing (data source, imperative invoke):
 * `NotRun` retried with backoff, anything else answered as it came; a
 * function error is a `FunctionError`. `key` names it in errors ('' for none).
 */
export const callOnce = async (deps: Deps, key: string, call: InvokeCall): Promise<E.Either<EngineError, InvokeResponse>> => {
  const attempted = await invokeWithRetry(deps.invoker, deps.clock, deps.retry, call)
  if (E.isLeft(attempted.result)) {
    return E.left({ _tag: 'InvokeFailed', key, request: call, failure: attempted.result.left, attempts: attempted.attempts })
  }
  const response = attempted.result.right
  if (response.functionError !== undefined) {
    return E.left({ _tag: 'FunctionError', key, request: call, functionName: call.functionName, functionError: response.functionError, payload: response.payload })
  }
  return E.right(response)
}
