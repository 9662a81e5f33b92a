import type { CallSignal } from './call-signal.js'

interface Entry {
  readonly signal: CallSignal
  readonly at: number
}

/**
 * Aborts each tracked call's signal once it has been in flight for
 * `timeoutMs`. One coarse interval timer serves every call of an invoker, so
 * a call costs a set insertion instead of a timer of its own; a call is
 * aborted between `timeoutMs` and `timeoutMs + tickMs` after it started,
 * `tickMs` being a tenth of the timeout, between 10 ms and 1 s. The interval
 * runs only while calls are in flight (it stops at the first idle tick) and
 * never keeps the process alive by itself.
 */
export class Deadlines {
  /** The reason a signal aborted by this clock carries. */
  readonly reason: Error
  private readonly tickMs: number
  private readonly active = new Set<Entry>()
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(private readonly timeoutMs: number) {
    this.tickMs = Math.min(1000, Math.max(10, Math.floor(timeoutMs / 10)))
    this.reason = new Error(`no response within ${timeoutMs} ms`)
  }

  /** Starts the clock for `signal`; give the result to `stop` when the call settles. */
  start(signal: CallSignal): Entry {
    const entry = { signal, at: performance.now() + this.timeoutMs }
    this.active.add(entry)
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.tick(), this.tickMs)
      this.timer.unref()
    }
    return entry
  }

  /** The call settled: its signal will not be aborted for time. */
  stop(entry: Entry): void {
    this.active.delete(entry)
  }

  private tick(): void {
    if (this.active.size === 0) {
      clearInterval(this.timer)
      this.timer = undefined
      return
    }
    const now = performance.now()
    for (const entry of this.active) {
      if (entry.at <= now) {
        this.active.delete(entry)
        entry.signal.abort(this.reason)
      }
    }
  }
}
