import type { Clock } from '@lambda-invocation/core'

/** A clock that can wait for time to pass without moving it (`ManualClock`). */
interface WaitingClock extends Clock {
  waitFor(ms: number, signal?: AbortSignal): Promise<void>
}

const canWait = (clock: Clock): clock is WaitingClock => typeof (clock as Partial<WaitingClock>).waitFor === 'function'

/**
 * Resolves once `ms` have passed on `clock`, or at once when `signal` aborts.
 * A clock with `waitFor` is waited on without moving it: a deadline must not
 * be what moves a manual clock's time (an auto-advancing sleep would end every
 * call at once). Any other clock is slept on, which `systemClock` ends with a
 * real timer, cleared when `signal` aborts.
 */
export const waitOut = (clock: Clock, ms: number, signal: AbortSignal): Promise<void> =>
  canWait(clock) ? clock.waitFor(ms, signal) : clock.sleep(ms, signal)
