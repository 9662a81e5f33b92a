/** The port for time: the core has no clock of its own. */
export interface Clock {
  /** The current time. */
  now(): Date
  /** Resolves after `ms` milliseconds, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}
