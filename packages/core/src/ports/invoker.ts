import type * as E from 'fp-ts/lib/Either.js'
import type { LifecycleAction } from '../model/types.js'

/** How Lambda is asked to run the function. Resources always use `RequestResponse`. */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun'

/** `Tail` asks for the last 4 KB of the function's log, base64, in `logResult`. */
export type LogType = 'None' | 'Tail'

/** What an `Invoker` is asked to do: an `InvokeRequest` of a plan, or an imperative call. */
export interface InvokeCall {
  readonly functionName: string
  /** `$LATEST` when absent. */
  readonly qualifier?: string
  /** The exact payload, sent as its UTF-8 bytes. */
  readonly payload: string
  readonly tenantId?: string
  readonly region?: string
  /** `RequestResponse` when absent. */
  readonly invocationType?: InvocationType
  readonly logType?: LogType
  /** Base64 of a JSON object, at most 3,583 bytes once encoded. */
  readonly clientContext?: string
  /** Which lifecycle step this call is, when it comes from a plan (for adapters that record calls). */
  readonly lifecycle?: LifecycleAction
}

/** What the function answered. A response can carry a function error and still be a 200. */
export interface InvokeResponse {
  readonly statusCode: number
  /** The response payload, decoded as UTF-8 (empty for `Event` and `DryRun`). */
  readonly payload: string
  /** `Handled` or `Unhandled` when the function failed. */
  readonly functionError?: string
  readonly executedVersion?: string
  /** Base64 of the log tail, when `logType` was `Tail`. */
  readonly logResult?: string
}

interface FailureFields {
  readonly functionName: string
  /** A sentence for people. */
  readonly message: string
  /** The AWS error code (`TooManyRequestsException`) or the adapter's own. */
  readonly code?: string
  readonly statusCode?: number
  readonly requestId?: string
  /** A delay the service asked for before a retry, in milliseconds. */
  readonly retryAfterMs?: number
}

/**
 * A call that did not give a response, tagged by what it proves:
 * - `NotRun`: the function certainly did not run; retrying is safe (throttled, pending, not ready, connection refused).
 * - `Rejected`: it did not run and never will as asked (not found, access denied, too large, bad request).
 * - `Unknown`: it may have run (timeout or reset after the request left, a 500); never retry blindly.
 */
export type InvokeFailure =
  | ({ readonly _tag: 'NotRun' } & FailureFields)
  | ({ readonly _tag: 'Rejected' } & FailureFields)
  | ({ readonly _tag: 'Unknown' } & FailureFields)

/** Options of one call. */
export interface InvokeOptions {
  /** Aborting before the request left gives `NotRun`; after, `Unknown`. */
  readonly signal?: AbortSignal
}

/** The port that runs a function. An implementation never throws and never retries on its own. */
export interface Invoker {
  invoke(call: InvokeCall, options?: InvokeOptions): Promise<E.Either<InvokeFailure, InvokeResponse>>
}
