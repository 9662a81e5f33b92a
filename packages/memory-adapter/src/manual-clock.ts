import type { Clock } from '@lambda-invocation/core'

interface Sleeper {
  readonly until: number
  readonly resolve: () => void
}

/** Options of `ManualClock`. */
export interface ManualClockOptions {
  /** The starting time. Default: 2026-01-01T00:00:00.000Z. */
  readonly start?: Date | string | number
  /**
   * `true` (default): a sleep moves the time forward by its duration and
   * resolves at once, so retries with backoff never wait. `false`: a sleep
   * waits until `advance` or `set` reaches its end.
   */
  readonly autoAdvance?: boolean
}

/** A clock under the test's control: time moves only by `advance`, `set` or (auto-advance) by sleeping. */
export class ManualClock implements Clock {
  private time: number
  private readonly autoAdvance: boolean
  private sleepers: Sleeper[] = []
  /** Waits that never move the time (`waitFor`), in either mode. */
  private waiters: Sleeper[] = []
  /** Every sleep asked for, in milliseconds, in order. */
  readonly sleeps: number[] = []

  constructor(options: ManualClockOptions = {}) {
    this.time = new Date(options.start ?? '2026-01-01T00:00:00.000Z').getTime()
    this.autoAdvance = options.autoAdvance ?? true
  }

  now(): Date {
    return new Date(this.time)
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    if (signal?.aborted === true) return Promise.resolve()
    if (this.autoAdvance) {
      this.time += Math.max(0, ms)
      this.wake()
      return Promise.resolve()
    }
    return this.queue('sleepers', ms, signal)
  }

  /**
   * Resolves once the time has moved `ms` forward (by `advance`, `set` or, in
   * auto-advance mode, another's sleep), or at once when `signal` aborts.
   * Unlike `sleep` it never moves the time itself, in either mode, and is
   * neither recorded in `sleeps` nor counted in `pending`: a deadline (a
   * function's timeout) waits with it.
   */
  waitFor(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.resolve()
    if (ms <= 0) return Promise.resolve()
    return this.queue('waiters', ms, signal)
  }

  /** Moves the time forward by `ms` and wakes every sleep that has ended. */
  advance(ms: number): void {
    this.set(this.time + ms)
  }

  /** Sets the time (never backwards) and wakes every sleep that has ended. */
  set(time: Date | string | number): void {
    this.time = Math.max(this.time, new Date(time).getTime())
    this.wake()
  }

  /** How many sleeps are waiting (manual mode). */
  get pending(): number {
    return this.sleepers.length
  }

  private queue(list: 'sleepers' | 'waiters', ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = {
        until: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', abort)
          resolve()
        },
      }
      const abort = (): void => {
        this[list] = this[list].filter((s) => s !== sleeper)
        sleeper.resolve()
      }
      signal?.addEventListener('abort', abort, { once: true })
      this[list].push(sleeper)
    })
  }

  /** Ends every sleep and wait whose time has come. */
  private wake(): void {
    const due = [...this.sleepers, ...this.waiters].filter((s) => s.until <= this.time)
    if (due.length === 0) return
    this.sleepers = this.sleepers.filter((s) => s.until > this.time)
    this.waiters = this.waiters.filter((s) => s.until > this.time)
    for (const s of due) s.resolve()
  }
}
