/**
 * Whether the runner that holds an interrupted step may still be running it:
 * then the step is a race to wait out, not one to resolve. It may, unless it
 * is this runner, its step started more than the lease ago, it ran on this
 * host under a pid that is gone, or this command holds the state file's lock
 * (which any other apply would hold while it runs).
 */
import { hostname } from 'node:os'
import type { Holder, Intent } from '@lambda-invocation/core'

/** What tells a live holder from a gone one. */
export interface LivenessContext {
  readonly runner: Holder
  readonly leaseMs: number
  /** This command holds the state's lock: no other apply can be running. */
  readonly exclusive: boolean
  readonly now: Date
  /** Whether a process of this host is running (default: `process.kill(pid, 0)`). */
  readonly pidAlive?: (pid: number) => boolean
}

const signalZero = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether `holder` is known to be gone: it ran on this host, and its pid is not running. */
const knownGone = (holder: Holder, pidAlive: (pid: number) => boolean): boolean => holder.host === hostname() && holder.pid !== undefined && !pidAlive(holder.pid)

/**
 * Whether the holder of `intent` may still be running it. An intent that
 * names no holder (written by an older version or another front end) counts
 * as not held: it is resolved as before.
 */
export const heldLive = (intent: Intent, c: LivenessContext): boolean => {
  const holder = intent.holder
  if (holder === undefined || holder.id === c.runner.id || c.exclusive) return false
  const started = Date.parse(intent.startedAt)
  if (!Number.isNaN(started) && c.now.getTime() - started >= c.leaseMs) return false
  return !knownGone(holder, c.pidAlive ?? signalZero)
}

/** `heldLive` for a command's context, at the time it is asked (`now`, default the system clock). */
export const liveHolderTest =
  (c: Omit<LivenessContext, 'now'>, now: () => Date = () => new Date()): ((intent: Intent) => boolean) =>
  (intent) =>
    heldLive(intent, { runner: c.runner, leaseMs: c.leaseMs, exclusive: c.exclusive, now: now(), ...(c.pidAlive === undefined ? {} : { pidAlive: c.pidAlive }) })
