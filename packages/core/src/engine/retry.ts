import { isLeft, type Either } from 'fp-ts/lib/Either.js'
import type { Clock } from '../ports/clock.js'
import type { InvokeCall, InvokeFailure, Invoker, InvokeResponse } from '../ports/invoker.js'
import type { RetryPolicy } from './types.js'

/** The default: 3 attempts in all, 200 ms doubling, at most 5 s between attempts. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5000 }

/** What an invocation came to after retries, and how many attempts it took. */
export interface Attempted {
  readonly result: Either<InvokeFailure, InvokeResponse>
  readonly attempts: number
  /** Set when the signal aborted during a backoff: the last failure is a `NotRun`, nothing ran. */
  readonly aborted: boolean
}

/** The wait before attempt `attempt + 1`: doubling from the base, capped, never below what the service asked. */
export const backoffDelay = (policy: RetryPolicy, attempt: number, retryAfterMs?: number): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.max(exponential, retryAfterMs ?? 0)
}

const aborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true

/**
 * Invokes, retrying only `NotRun` failures (the function certainly did not
 * run) with backoff on `clock`, up to `policy.maxAttempts` attempts in all.
 * `Unknown` and `Rejected` are returned at once. The signal only cuts a backoff
 * short; it is not passed to the invoker, so a call in flight finishes.
 */
export const invokeWithRetry = async (
  invoker: Invoker,
  clock: Clock,
  policy: RetryPolicy,
  call: InvokeCall,
  signal?: AbortSignal,
): Promise<Attempted> => {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts))
  for (let attempt = 1; ; attempt++) {
    const result = await invoker.invoke(call)
    if (!isLeft(result) || result.left._tag !== 'NotRun' || attempt >= maxAttempts) {
      return { result, attempts: attempt, aborted: false }
    }
    if (aborted(signal)) return { result, attempts: attempt, aborted: true }
    await clock.sleep(backoffDelay(policy, attempt, result.left.retryAfterMs), signal)
    if (aborted(signal)) return { result, attempts: attempt, aborted: true }
  }
}
