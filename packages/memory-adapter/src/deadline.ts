import type { Clock } from '@lambda-invocation/core'
import type { Waiting } from './manual-clock.js'

/** A clock that can wait for time to pass without moving it (`ManualClock`). */
interface WaitingClock extends Clock {
  waitFor(ms: number): Waiting
}

const canWait = (clock: Clock): clock is WaitingClock => typeof (clock as Partial<WaitingClock>).waitFor === 'function'

/**
 * Waits until `ms` have passed on `clock`; `cancel` ends the wait once the
 * call is over. A clock with `waitFor` is waited on without moving it: a
 * deadline must not be what moves a manual clock's time (an auto-advancing
 * sleep would end every call at once). Any other clock is slept on, which
 * `systemClock` does with a real timer, cleared by `cancel`.
 */
export const waitOut = (clock: Clock, ms: number): Waiting => {
  if (canWait(clock)) return clock.waitFor(ms)
  const stop = new AbortController()
  return { done: clock.sleep(ms, stop.signal), cancel: () => stop.abort() }
}
