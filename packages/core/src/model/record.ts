import type { InvocationState, LifecycleAction } from './types.js'

/**
 * The runner that wrote an intent: who may still be running its step. Plain
 * data, so that any store keeps it as it is.
 */
export interface Holder {
  /** The runner's id, unique per runner (a process, a CI job). */
  readonly id: string
  readonly host?: string
  readonly pid?: number
  /** ISO 8601 time the runner started: tells a reused pid apart. */
  readonly startedAt?: string
}

/**
 * A step that was started and whose outcome is not recorded: written before
 * invoking, cleared once the result is stored. Still there on the next run, it
 * means the process died or the outcome was unknown.
 */
export interface Intent {
  /** The plan's action the step belongs to. */
  readonly action: 'create' | 'update' | 'replace' | 'delete'
  readonly lifecycle: LifecycleAction
  readonly functionName: string
  readonly qualifier: string
  /** md5 hex of the payload's UTF-8 bytes. */
  readonly payloadMd5: string
  /** ISO 8601 time the step started, from the engine's clock. */
  readonly startedAt: string
  /** Set when the invoker answered `Unknown`: the function may have run. */
  readonly outcome?: 'unknown'
  /** What the invoker said, when it answered. */
  readonly message?: string
  /** The runner that wrote the intent; absent in records from before it, and from engines without a runner. */
  readonly holder?: Holder
}

/** Everything stored for one resource key. */
export interface ResourceRecord {
  readonly schemaVersion: 1
  /** The current state; absent when the resource does not exist (e.g. mid-replace). */
  readonly state?: InvocationState
  /** A prior state still to be deleted (create-first replace whose delete has not run yet). */
  readonly deposed?: InvocationState
  /** A step started and not settled. */
  readonly intent?: Intent
}
