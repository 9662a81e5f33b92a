/**
 * Opening the state a command runs on: S3 (`--state-s3`), or the state file,
 * with its lock held for the whole command when the command changes state.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import type { StateStore, StoreFailure } from '@lambda-invocation/core'
import { acquireLock, lockPathFor, type LockFailure } from '../state-file/lock.js'
import { openFileStateStore } from '../state-file/store.js'
import type { CliArgs } from './args.js'
import { defaultRegionMissing, makeAwsStateStore } from './aws.js'
import type { CliError } from './cli-error.js'
import { DEFAULT_STATE_FILE, type Config } from './config.js'
import type { CliIo } from './io.js'
import { lockNote } from './lock-note.js'

/** An opened state: the store, where it is (for messages), and how to let go of its lock. */
export interface OpenedState {
  readonly store: StateStore
  readonly label: string
  /** Releases the lock, if one is held. */
  readonly release: () => void
}

const lockError = (f: LockFailure): CliError => {
  switch (f._tag) {
    case 'Held':
      return { _tag: 'StateLocked', message: f.message }
    case 'Stale':
      return { _tag: 'StaleLock', message: f.message }
    case 'Released':
    case 'LockError':
      return { _tag: 'LockError', message: f.message }
    default:
      return absurd(f)
  }
}

const storeError = (f: StoreFailure): CliError => {
  switch (f._tag) {
    case 'Corrupt':
      return { _tag: 'CorruptState', message: f.message }
    case 'Unavailable':
    case 'Conflict':
      return { _tag: 'StateUnavailable', message: f.message }
    default:
      return absurd(f)
  }
}

/**
 * Opens the state `args` name. `lock`: take the state file's lock for the
 * whole command, refusing at once if it is held; without it, a lock present is
 * mentioned on stderr (`note`).
 */
export const openState = async (
  args: CliArgs,
  io: CliIo,
  config: Config,
  options: { readonly lock: boolean; readonly note: (text: string) => void },
): Promise<E.Either<CliError, OpenedState>> => {
  const where = args.state
  switch (where._tag) {
    case 'S3': {
      if (args.region === undefined && (await defaultRegionMissing())) return E.left({ _tag: 'NoRegion', needed: '--state-s3', keys: [] })
      const store = await makeAwsStateStore({ bucket: where.bucket, prefix: where.prefix, ...(args.region !== undefined ? { region: args.region } : {}) })
      return E.right({ store, label: `s3://${where.bucket}/${where.prefix}`, release: () => undefined })
    }
    case 'File':
      break
    default:
      return absurd(where)
  }
  const stateFile = where.file !== undefined ? resolve(io.cwd, where.file) : (config.state ?? join(config.dir, DEFAULT_STATE_FILE))
  let release = (): void => undefined
  if (options.lock) {
    if (!existsSync(dirname(stateFile)))
      return E.left({
        _tag: 'StateUnavailable',
        message: `the folder of the state file ${stateFile} does not exist: create it, or choose another state file (--state, or "state" in the config)`,
      })
    const lock = await acquireLock(lockPathFor(stateFile), { waitMs: args.lockTimeoutMs })
    if (E.isLeft(lock)) {
      const f = lock.left
      // Say how long it waited, or that it can wait.
      const waited = f._tag !== 'Held' ? f : { ...f, message: `${f.message} ${args.lockTimeoutMs > 0 ? `(waited ${args.lockTimeoutMs / 1000}s: --lock-timeout)` : '(or wait for it: --lock-timeout 30s)'}` }
      return E.left(lockError(waited))
    }
    const unregister = io.onForcedExit?.(() => lock.right.release())
    release = () => {
      unregister?.()
      lock.right.release()
    }
  } else {
    const note = lockNote(lockPathFor(stateFile))
    if (note !== undefined) options.note(note)
  }
  // Read once, under the lock when there is one; a corrupt state file is refused before anything runs, with the backup named.
  const store = openFileStateStore({ file: stateFile, externallyLocked: options.lock })
  if (E.isLeft(store)) {
    release()
    return E.left(storeError(store.left))
  }
  return E.right({ store: store.right, label: stateFile, release })
}
