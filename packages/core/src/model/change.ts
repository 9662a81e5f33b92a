/**
 * A planned change: what the engine will run for one resource key, computed
 * once from one read of its record, shown, then run exactly as it is (or
 * refused as stale). Plain JSON data, so that it can be saved and applied later.
 */
import type { Intent } from './record.js'
import type { InvocationState, Plan, ResolvedPlanOptions } from './types.js'

/**
 * How to leave an interrupted step behind: run it again (`Retry`), take it
 * as done, with its result when known (`AssumeDone`), or drop it and plan
 * afresh (`Forget`).
 */
export type Resolution =
  | { readonly _tag: 'Retry' }
  | { readonly _tag: 'AssumeDone'; /** The function's result, when known; empty otherwise. */ readonly result?: string }
  | { readonly _tag: 'Forget' }

/** Which part of a change a phase is: a deposed state's delete (run first) or the main plan. */
export type PhaseName = 'deposed' | 'main'

/** One part of a change: its plan, run one recorded step at a time. */
export interface Phase<P extends PhaseName = PhaseName> {
  readonly phase: P
  readonly plan: Plan
  /**
   * Set by an `AssumeDone` resolution on the phase whose first step was
   * interrupted: that step is taken as done with this result and not invoked.
   */
  readonly assumedResult?: string
}

/** A change for one key, planned from the record at `version`. */
export interface PlannedChange {
  readonly key: string
  /** The version of the record the change was planned from; absent when there was no record. */
  readonly version?: string
  /** The phases in the order they run: a deposed state's delete first, then the main plan. */
  readonly phases: readonly [Phase<'main'>] | readonly [Phase<'deposed'>, Phase<'main'>]
  /** The plan options the phases were planned with, defaults filled in. */
  readonly options: ResolvedPlanOptions
  /** What the read found: a prior state still to be deleted before anything else. */
  readonly deposed?: InvocationState
  /** What the read found: an interrupted step; applying the change is refused unless `resolution` says what to do with it. */
  readonly interrupted?: Intent
  /** The caller's choice for `interrupted` (only with one). */
  readonly resolution?: Resolution
}

/** The plan of a change's main phase: what it does to the resource. */
export const mainPlan = (change: PlannedChange): Plan => (change.phases.length === 2 ? change.phases[1] : change.phases[0]).plan
