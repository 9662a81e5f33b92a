import type * as E from 'fp-ts/lib/Either.js'
import type { PlannedChange, Resolution } from '../model/change.js'
import type { Problem } from '../model/problem.js'
import type { Holder, Intent, ResourceRecord } from '../model/record.js'
import type { InvocationState, InvokeRequest, Plan, PlanOptions } from '../model/types.js'
import type { Clock } from '../ports/clock.js'
import type { InvokeCall, InvokeFailure, Invoker, InvokeResponse } from '../ports/invoker.js'
import type { StateStore, StoreFailure, Version } from '../ports/state-store.js'

export type { Holder, PlannedChange, Resolution }

/**
 * What the engine is built from: the ports, passed in, and its settings.
 * Checked like any argument: a missing port or method, a misspelled or
 * unknown key, a bad value is an `InvalidInput` that every method answers.
 */
export interface EngineDeps {
  readonly invoker: Invoker
  readonly store: StateStore
  readonly clock: Clock
  /** Retries of `NotRun` failures only. Default: 3 attempts, 200 ms doubling, at most 5 s. */
  readonly retry?: RetryPolicy
  /** Defaults for every plan of this engine; a call's own options override them one by one. */
  readonly planOptions?: PlanOptions
  /** This runner, recorded as the holder of every intent the engine writes, so that other runners and front ends can say who runs a step. */
  readonly runner?: Holder
  /**
   * How long after its start a step may still be running, in milliseconds:
   * an intent younger than this, written by another runner, may be in flight
   * there. Default: 16 minutes (Lambda's longest run, and a minute for the store).
   */
  readonly leaseMs?: number
}

/** How `NotRun` failures are retried (never `Unknown` or `Rejected`). */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means no retry. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

/** Options of `plan`: the plan options, and what to do with an interrupted step. */
export interface PlanChangeOptions extends PlanOptions {
  /** What to do with an interrupted step, decided when planning; ignored when there is none. */
  readonly resolution?: Resolution
}

/** Options of running a planned change. */
export interface ApplyChangeOptions {
  /** Stops before the next invocation; an invocation in flight is let finish and recorded. */
  readonly signal?: AbortSignal
}

/** Options of `apply(key, desired)` and `destroy`: those of planning and of running the change. */
export interface ApplyOptions extends PlanChangeOptions, ApplyChangeOptions {}

/** One invocation run, with its response. */
export interface Ran {
  readonly request: InvokeRequest
  readonly response: InvokeResponse
}

/** What an apply did. */
export interface Applied {
  readonly key: string
  /** The main plan (a deposed state's delete, when there was one, ran before it). */
  readonly plan: Plan
  /** The state now stored (`undefined`: no resource). */
  readonly state: InvocationState | undefined
  /** The invocations run, with their responses, in order. */
  readonly invocations: ReadonlyArray<Ran>
}

/** Why an engine call failed. The stored state is left as it was before the failed step. */
export type EngineError =
  | { readonly _tag: 'InvalidInput'; readonly key: string; readonly problems: ReadonlyArray<Problem> }
  | {
      readonly _tag: 'Interrupted'
      readonly key: string
      /** The step, with its holder when the engine that wrote it had a runner. */
      readonly intent: Intent
      /**
       * Set when the intent names its holder: whether that runner may still
       * be running the step (it is not this runner, and the step started less
       * than the lease ago). Then wait for it, or plan to see its result,
       * rather than choose a resolution.
       */
      readonly live?: boolean
    }
  | {
      readonly _tag: 'StalePlan'
      readonly key: string
      /** The record version the change was planned from (`undefined`: no record). */
      readonly expected: Version | undefined
      /** The version found when applying it. */
      readonly found: Version | undefined
    }
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
  | {
      readonly _tag: 'StoreFailed'
      readonly key: string
      readonly failure: StoreFailure
      /** The invocations this apply ran before the store failed, in order; absent when none ran. */
      readonly ran?: ReadonlyArray<Ran>
      /** Set when the failed write was storing the result of the last of `ran`: that step ran, and is not stored. */
      readonly unstored?: true
    }
  | { readonly _tag: 'Aborted'; readonly key: string }

/**
 * One resource of `applyAll`: its key and desired arguments (`desired:
 * undefined`, written out, destroys it: an item without a `desired` key is
 * refused, so a typo cannot destroy), or a change planned before.
 */
export type ApplyItem =
  | { readonly key: string; readonly desired: unknown; readonly options?: PlanChangeOptions }
  | { readonly change: PlannedChange }

/**
 * What `applyAll` does with a step another runner has claimed (its intent
 * written by someone else): `fail` (default) reports the conflict or the
 * interrupted step as an error; `skip` leaves the resource to that runner
 * and reports it as done or held by another.
 */
export type ClaimedMode = 'fail' | 'skip'

/** Options of `applyAll`. */
export interface ApplyAllOptions {
  /** At most this many keys at once; default 8. */
  readonly concurrency?: number
  /** Called once per finished key, in the order they finish. */
  readonly onProgress?: (p: Progress) => void
  /** Stops starting keys; those not started end `Aborted`, those in flight finish. */
  readonly signal?: AbortSignal
  /**
   * `skip` for a fleet of runners applying one config: each starts at its
   * own place in the items (from its runner id) and leaves what another
   * runner holds or did. Default `fail`.
   */
  readonly claimed?: ClaimedMode
}

/**
 * What became of an item, as this runner saw it: `applied` (it ran or stored
 * something), `unchanged` (nothing to do), `done-by-another` (another runner
 * applied it meanwhile), `held-by-another` (another runner holds its step
 * now), `failed`, `pending` (stopped by the signal before it was done).
 */
export type ItemStatus = 'applied' | 'unchanged' | 'done-by-another' | 'held-by-another' | 'failed' | 'pending'

/** One key's outcome, in the order of the items. */
export interface ItemResult {
  readonly key: string
  readonly status: ItemStatus
  /**
   * Right: what this runner did (nothing, for a resource another runner
   * applied: the state it stored); Left: why not (for one another runner
   * holds: `Interrupted`, its step).
   */
  readonly result: E.Either<EngineError, Applied>
}

/** Progress of `applyAll`, one event per finished resource. */
export interface Progress extends ItemResult {
  readonly done: number
  readonly total: number
}

/** How many items ended each way; the counts add up to `total`, the number of items. */
export interface ApplyAllSummary {
  readonly total: number
  readonly applied: number
  readonly unchanged: number
  readonly doneByAnother: number
  readonly heldByAnother: number
  readonly failed: number
  readonly pending: number
}

/** What `applyAll` did: each item's result, in the items' order, and the counts. */
export interface ApplyAllReport {
  readonly results: ReadonlyArray<ItemResult>
  readonly summary: ApplyAllSummary
}

/** The apply engine. No method throws; every one checks what it is given. */
export interface Engine {
  /**
   * Plans one key from one read of its record: the change to run, with the
   * record version it was planned from and the exact payloads in order.
   */
  plan(key: string, desired: unknown, options?: PlanChangeOptions): Promise<E.Either<EngineError, PlannedChange>>
  /** Runs exactly `change`, or answers `StalePlan` (nothing invoked) when the record moved since it was planned. */
  apply(change: PlannedChange, options?: ApplyChangeOptions): Promise<E.Either<EngineError, Applied>>
  /** Plans `desired` (undefined: destroy) for `key` and runs that change. */
  apply(key: string, desired: unknown, options?: ApplyOptions): Promise<E.Either<EngineError, Applied>>
  /** Plans the destroy of `key` and runs it. */
  destroy(key: string, options?: ApplyOptions): Promise<E.Either<EngineError, Applied>>
  show(key: string): Promise<E.Either<EngineError, ResourceRecord | undefined>>
  /** Stores a state built from an import id and the arguments; invokes nothing. */
  import(key: string, id: string, args: unknown): Promise<E.Either<EngineError, InvocationState>>
  /**
   * Stores a whole state taken from elsewhere (a Terraform state's instance,
   * schema 0 or 1, or a state of ours), its id and result kept, for a key that
   * has no record; invokes nothing. The state codec checks it.
   */
  adopt(key: string, state: unknown): Promise<E.Either<EngineError, InvocationState>>
  /**
   * Applies many items with a bounded pool; one item's failure stops no
   * other. A malformed call (an item or option misspelled, a key twice) is
   * refused before anything runs.
   */
  applyAll(items: ReadonlyArray<ApplyItem>, options?: ApplyAllOptions): Promise<E.Either<EngineError, ApplyAllReport>>
  /** Data-source mode: invokes with the raw input, stores nothing; id `name_qualifier_md5`. */
  read(args: unknown): Promise<E.Either<EngineError, { readonly id: string; readonly result: string; readonly response: InvokeResponse }>>
  /** Imperative invoke (`aws_lambda_invoke`): validated, never retried unless `NotRun`, stores nothing. */
  invoke(call: InvokeCall): Promise<E.Either<EngineError, InvokeResponse>>
}
