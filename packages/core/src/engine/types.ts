import type { Either } from 'fp-ts/lib/Either.js'
import type { Problem } from '../model/problem.js'
import type { Intent, ResourceRecord } from '../model/record.js'
import type { Clock } from '../ports/clock.js'
import type { InvokeCall, InvokeFailure, Invoker, InvokeResponse } from '../ports/invoker.js'
import type { StateStore, StoreFailure } from '../ports/state-store.js'
import type { InvocationState, Plan, PlanOptions, InvokeRequest } from '../model/types.js'

/** What the engine is built from: the ports, passed in. */
export interface EngineDeps {
  readonly invoker: Invoker
  readonly store: StateStore
  readonly clock: Clock
  /** Retries of `NotRun` failures only. Default: 3 attempts, 200 ms doubling, at most 5 s. */
  readonly retry?: RetryPolicy
  /** Defaults for every plan of this engine. */
  readonly planOptions?: PlanOptions
}

/** How `NotRun` failures are retried (never `Unknown` or `Rejected`). */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means no retry. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

/** How to leave an interrupted step behind: run it again, take it as done, or drop it. */
export type Resolution =
  | { readonly resolve: 'retry' }
  | { readonly resolve: 'assume-done'; /** The function's result, when known. */ readonly result?: string }
  | { readonly resolve: 'forget' }

/** Options of `apply` and `destroy`. */
export interface ApplyOptions extends PlanOptions {
  /** Required to go on when the record holds an interrupted step. */
  readonly resolution?: Resolution
  /** Stops before the next invocation; an invocation in flight is let finish and recorded. */
  readonly signal?: AbortSignal
}

/** A plan for one key, and what stands in its way. */
export interface PlannedChange {
  readonly key: string
  readonly plan: Plan
  /** A prior state still to be deleted before anything else. */
  readonly deposed?: InvocationState
  /** An interrupted step: `apply` refuses until a resolution is chosen. */
  readonly interrupted?: Intent
}

/** What an apply did. */
export interface Applied {
  readonly key: string
  readonly plan: Plan
  /** The state now stored (`undefined`: no resource). */
  readonly state: InvocationState | undefined
  /** The invocations run, with their responses, in order. */
  readonly invocations: ReadonlyArray<{ readonly request: InvokeRequest; readonly response: InvokeResponse }>
}

/** Why an engine call failed. The stored state is left as it was before the failed step. */
export type EngineError =
  | { readonly _tag: 'InvalidInput'; readonly key: string; readonly problems: ReadonlyArray<Problem> }
  | { readonly _tag: 'Interrupted'; readonly key: string; readonly intent: Intent }
  | {
      readonly _tag: 'InvokeFailed'
      readonly key: string
      /** A plan's step (an `InvokeRequest`, with its lifecycle), or the call of `read`/`invoke` (no lifecycle). */
      readonly request: InvokeCall
      readonly failure: InvokeFailure
      readonly attempts: number
    }
  | {
      readonly _tag: 'FunctionError'
      readonly key: string
      /** A plan's step (an `InvokeRequest`, with its lifecycle), or the call of `read`/`invoke` (no lifecycle). */
      readonly request: InvokeCall
      readonly functionName: string
      readonly functionError: string
      readonly payload: string
    }
  | { readonly _tag: 'StoreFailed'; readonly key: string; readonly failure: StoreFailure }
  | { readonly _tag: 'Aborted'; readonly key: string }

/** One resource of `applyAll`. `desired` undefined destroys it. */
export interface ApplyItem {
  readonly key: string
  readonly desired: unknown
  readonly options?: ApplyOptions
}

/** Progress of `applyAll`, one event per finished resource. */
export interface Progress {
  readonly done: number
  readonly total: number
  readonly key: string
  readonly result: Either<EngineError, Applied>
}

/** The apply engine. No method throws. */
export interface Engine {
  plan(key: string, desired: unknown, options?: PlanOptions): Promise<Either<EngineError, PlannedChange>>
  apply(key: string, desired: unknown, options?: ApplyOptions): Promise<Either<EngineError, Applied>>
  destroy(key: string, options?: ApplyOptions): Promise<Either<EngineError, Applied>>
  show(key: string): Promise<Either<EngineError, ResourceRecord | undefined>>
  /** Stores a state built from an import id and the arguments; invokes nothing. */
  import(key: string, id: string, args: unknown): Promise<Either<EngineError, InvocationState>>
  applyAll(
    items: ReadonlyArray<ApplyItem>,
    options?: { readonly concurrency?: number; readonly onProgress?: (p: Progress) => void; readonly signal?: AbortSignal },
  ): Promise<ReadonlyArray<{ readonly key: string; readonly result: Either<EngineError, Applied> }>>
  /** Data-source mode: invokes with the raw input, stores nothing; id `name_qualifier_md5`. */
  read(args: unknown): Promise<Either<EngineError, { readonly id: string; readonly result: string; readonly response: InvokeResponse }>>
  /** Imperative invoke (`aws_lambda_invoke`): validated, never retried unless `NotRun`, stores nothing. */
  invoke(call: InvokeCall): Promise<Either<EngineError, InvokeResponse>>
}
