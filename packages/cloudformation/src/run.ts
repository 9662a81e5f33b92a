import * as E from 'fp-ts/lib/Either.js'
import type { Clock, InvokeFailure, InvokeRequest, InvokeResponse, Invoker } from '@lambda-invocation/core'

/** How the invocations of a decision went. */
export type RunResult =
  /** Every invocation answered (a response may still carry a function error: the run stops after it). */
  | { readonly _tag: 'Answered'; readonly responses: ReadonlyArray<InvokeResponse> }
  /** An invocation gave no response; `responses` are those of the steps before it. */
  | { readonly _tag: 'InvokeFailed'; readonly responses: ReadonlyArray<InvokeResponse>; readonly request: InvokeRequest; readonly failure: InvokeFailure }

/** How often a call that certainly did not run (`NotRun`: throttled, function pending) is sent again. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  readonly attempts?: number
  /** The wait before the second attempt, doubled after each; a `Retry-After` the service gave wins. Default 1,000 ms. */
  readonly baseDelayMs?: number
}

const isFunctionError = (r: InvokeResponse): boolean => r.functionError !== undefined && r.functionError !== ''

/**
 * Runs the invocations in order through the invoker, each at most once unless
 * the invoker proves it did not run (`NotRun`), and stops at the first that
 * fails or answers with a function error. `signal` ends the run early (the
 * invoker turns it into a failure). `onInvoke` hears of each invocation as it
 * starts. Never throws.
 */
export const runInvocations = async (
  invoker: Invoker,
  clock: Clock,
  requests: ReadonlyArray<InvokeRequest>,
  signal: AbortSignal,
  retry: RetryOptions = {},
  onInvoke: (request: InvokeRequest) => void = () => undefined,
): Promise<RunResult> => {
  const attempts = Math.max(1, retry.attempts ?? 3)
  const base = retry.baseDelayMs ?? 1000
  const responses: InvokeResponse[] = []
  for (const request of requests) {
    onInvoke(request)
    let out: E.Either<InvokeFailure, InvokeResponse> | undefined
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        out = await invoker.invoke(request, { signal })
      } catch (error) {
        // An invoker must not throw; one that does may or may not have sent the call.
        const message = error instanceof Error ? error.message : String(error)
        out = E.left({ _tag: 'Unknown', functionName: request.functionName, code: 'InvokerThrew', message: `the invoker threw: ${message} (the function may have run)` })
      }
      if (E.isRight(out) || out.left._tag !== 'NotRun' || attempt === attempts || signal.aborted) break
      await clock.sleep(out.left.retryAfterMs ?? base * 2 ** (attempt - 1), signal)
      if (signal.aborted) break
    }
    if (out === undefined || E.isLeft(out)) {
      const failure: InvokeFailure = out?.left ?? { _tag: 'NotRun', functionName: request.functionName, message: 'not invoked' }
      return { _tag: 'InvokeFailed', responses, request, failure }
    }
    responses.push(out.right)
    if (isFunctionError(out.right)) break
  }
  return { _tag: 'Answered', responses }
}
