/**
 * A lock file beside the state file, holding the owner's process id from the
 * moment it exists: the pid is written to a private file first, which is then
 * hard-linked into place (atomic, and refused when the lock exists), so a
 * process killed at any moment never leaves a lock without its pid. A lock
 * whose process is gone is reported, never taken over silently: the user
 * removes it once sure nothing else runs.
 */
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'

/** Why a lock could not be taken. */
export type LockFailure =
  | { readonly _tag: 'Held'; readonly path: string; readonly pid: number; readonly message: string }
  | { readonly _tag: 'Stale'; readonly path: string; readonly pid: number | undefined; readonly message: string }
  /** The lock file went away while it was being looked at: trying again may take it. */
  | { readonly _tag: 'Released'; readonly path: string; readonly message: string }
  | { readonly _tag: 'LockError'; readonly path: string; readonly message: string }

/** A lock this process holds; `release` removes the file (only if it is still ours). */
export interface HeldLock {
  readonly path: string
  release(): void
}

/** The lock file of a state file: `<state>.lock`. */
export const lockPathFor = (stateFile: string): string => `${stateFile}.lock`

/** Whether a process with this id exists (a process owned by another user counts as alive). */
export const isProcessAlive = (pid: number): boolean => {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
  return !isZombie(pid)
}

/** A killed process nobody has reaped yet still answers signal 0; on Linux, /proc says it is a zombie. */
const isZombie = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state === 'Z' || state === 'X'
  } catch {
    return false
  }
}

const readPid = (path: string): number | undefined => {
  const text = readFileSync(path, 'utf8').trim()
  return /^\d+$/.test(text) ? Number(text) : undefined
}

const describeErr = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** The private file a lock is written to before it is linked into place; named by pid, so a killed writer's is found and removed. */
const pendingPathFor = (path: string, pid: number): string => `${path}.${pid}.pending`

/** Tries once to take the lock at `path` for process `pid` (default: this process). Never throws. */
export const tryLock = (path: string, pid: number = process.pid): E.Either<LockFailure, HeldLock> => {
  const pending = pendingPathFor(path, pid)
  let fd: number
  try {
    unlinkQuietly(pending) // left by a killed process that had this pid
    fd = openSync(pending, 'wx', 0o600)
  } catch (e) {
    return E.left({ _tag: 'LockError', path, message: `cannot create the lock file ${path}: ${describeErr(e)}` })
  }
  try {
    writeSync(fd, `${pid}\n`)
    fsyncSync(fd)
  } catch (e) {
    closeQuietly(fd)
    unlinkQuietly(pending)
    return E.left({ _tag: 'LockError', path, message: `cannot write the lock file ${path}: ${describeErr(e)}` })
  }
  closeQuietly(fd)
  try {
    linkSync(pending, path)
  } catch (e) {
    unlinkQuietly(pending)
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'EEXIST') return E.left({ _tag: 'LockError', path, message: `cannot create the lock file ${path}: ${describeErr(e)}` })
    return E.left(inspectExisting(path))
  }
  unlinkQuietly(pending)
  let released = false
  return E.right({
    path,
    release: () => {
      if (released) return
      released = true
      try {
        if (readPid(path) === pid) unlinkSync(path)
      } catch {
        // already gone: nothing to release
      }
    },
  })
}

const inspectExisting = (path: string): LockFailure => {
  let holder: number | undefined
  try {
    holder = readPid(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return { _tag: 'Released', path, message: `the lock file ${path} was released while checking it; try again` }
    return { _tag: 'LockError', path, message: `cannot read the lock file ${path}: ${describeErr(e)}` }
  }
  if (holder !== undefined && isProcessAlive(holder))
    return {
      _tag: 'Held',
      path,
      pid: holder,
      message: `the state is locked by process ${holder} (lock file ${path}); wait for it to finish and try again`,
    }
  const who = holder === undefined ? 'an unreadable process id' : `process ${holder}, which is no longer running`
  return {
    _tag: 'Stale',
    path,
    pid: holder,
    message:
      `a stale lock was left by ${who} (lock file ${path}). ` +
      `It may have stopped mid-apply: if no other lambda-invocation runs on this state, remove the lock with\n` +
      `  rm ${shellQuote(path)}\n` +
      `and run plan to see any interrupted step.`,
  }
}

/**
 * Takes the lock, retrying while a live process holds it, up to `waitMs`.
 * A stale lock is reported at once. Never throws.
 */
export const acquireLock = async (
  path: string,
  options: { readonly waitMs?: number; readonly pollMs?: number; readonly pid?: number } = {},
): Promise<E.Either<LockFailure, HeldLock>> => {
  const deadline = Date.now() + (options.waitMs ?? 0)
  const pollMs = options.pollMs ?? 20
  let sawEmpty = false
  for (;;) {
    const attempt = tryLock(path, options.pid)
    if (E.isRight(attempt)) return attempt
    const failure = attempt.left
    // A lock file with no pid yet may be one another process is writing right now: look again once.
    const emptyStale = failure._tag === 'Stale' && failure.pid === undefined && !sawEmpty
    if (emptyStale) sawEmpty = true
    const retryable = failure._tag === 'Held' || failure._tag === 'Released' || emptyStale
    if (!retryable || (Date.now() >= deadline && !emptyStale)) return attempt
    await new Promise((r) => setTimeout(r, emptyStale ? Math.max(pollMs, 50) : pollMs))
  }
}

const closeQuietly = (fd: number): void => {
  try {
    closeSync(fd)
  } catch {
    // closing a descriptor we opened cannot usefully fail
  }
}

const unlinkQuietly = (path: string): void => {
  try {
    unlinkSync(path)
  } catch {
    // best effort
  }
}

/** `s` as one word for a POSIX shell: as it is when it is safe, else in single quotes. */
export const shellQuote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)
