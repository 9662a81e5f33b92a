import type { Clock } from '@lambda-invocation/core'

interface Sleeper {
  readonly until: number
  readonly resolve: () => void
}

/** A wait for time to pass that can be called off: see `ManualClock.waitFor`. */
export interface Waiting {
  /** Resolves once the time has come, or when the wait is cancelled. */
  readonly done: Promise<void>
  /** Calls the wait off: `done` resolves at once and the clock forgets it. */
  readonly cancel: () => void
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
  private readonly waiters = new Set<Sleeper>()
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
      this.wakeWaiters()
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = {
        until: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', abort)
          resolve()
        },
      }
      const abort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper)
        sleeper.resolve()
      }
      signal?.addEventListener('abort', abort, { once: true })
      this.sleepers.push(sleeper)
    })
  }

  /**
   * Waits until the time has moved `ms` forward (by `advance`, `set` or, in
   * auto-advance mode, another's sleep). Unlike `sleep` it never moves the
   * time itself, in either mode, and is neither recorded in `sleeps` nor
   * counted in `pending`: a deadline (a function's timeout) waits with it.
   * Called off with `cancel` rather than a signal, so that a wait per call
   * costs next to nothing.
   */
  waitFor(ms: number): Waiting {
    let resolve: () => void = () => undefined
    const done = new Promise<void>((r) => {
      resolve = r
    })
    const waiter: Sleeper = { until: this.time + Math.max(0, ms), resolve }
    if (waiter.until <= this.time) resolve()
    else this.waiters.add(waiter)
    return {
      done,
      cancel: () => {
        this.waiters.delete(waiter)
        resolve()
      },
    }
  }

  /** Moves the time forward by `ms` and wakes every sleep that has ended. */
  advance(ms: number): void {
    this.set(this.time + ms)
  }

  /** Sets the time (never backwards) and wakes every sleep that has ended. */
  set(time: Date | string | number): void {
    this.time = Math.max(this.time, new Date(time).getTime())
    const due = this.sleepers.filter((s) => s.until <= this.time)
    this.sleepers = this.sleepers.filter((s) => s.until > this.time)
    for (const s of due) s.resolve()
    this.wakeWaiters()
  }

  /** How many sleeps are waiting (manual mode). */
  get pending(): number {
    return this.sleepers.length
  }

  private wakeWaiters(): void {
    for (const w of this.waiters) {
      if (w.until > this.time) continue
      this.waiters.delete(w)
      w.resolve()
    }
  }
}
