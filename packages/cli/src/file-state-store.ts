/**
 * The embedded state store: one JSON file holding every key's record, written
 * atomically (temporary file, fsync, rename) with the previous version kept in
 * `<file>.backup`, mode 0600. Writes are compare-and-set per key.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, writeSync, fchmodSync, unlinkSync } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Either } from 'fp-ts/lib/Either.js'
import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { ResourceRecord, StateStore, StoreFailure, Version, Versioned } from '@lambda-invocation/core'
import { parseJsonDocument } from '@lambda-invocation/core/json'
import { acquireLock, lockPathFor } from './lock.js'
import { checkRecord } from './record-check.js'

/** The tag at the top of every state file. */
export const STATE_FORMAT = 'lambda-invocation/state'

/** One key's entry in the state file. */
export interface StateEntry {
  readonly version: Version
  readonly record: ResourceRecord
}

/** The whole state file. `serial` grows by one on every write; a key's version is the serial it was written at. */
export interface StateFile {
  readonly format: typeof STATE_FORMAT
  readonly formatVersion: 1
  readonly serial: number
  readonly records: Readonly<Record<string, StateEntry>>
}

/** Options of `makeFileStateStore`. */
export interface FileStateStoreOptions {
  /** The state file; created on the first write. */
  readonly file: string
  /**
   * `true` when the caller holds `<file>.lock` for the store's whole life (the
   * CLI does); otherwise every write takes the lock itself.
   */
  readonly externallyLocked?: boolean
  /** How long a write waits for a lock held by a live process. Default 10 s. */
  readonly lockWaitMs?: number
}

/** The backup of a state file: `<file>.backup`. */
export const backupPathFor = (file: string): string => `${file}.backup`

const emptyState = (): StateFile => ({ format: STATE_FORMAT, formatVersion: 1, serial: 0, records: {} })

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

const corruptAdvice = (file: string): string =>
  existsSync(backupPathFor(file))
    ? `Nothing was changed. The previous version is kept in ${backupPathFor(file)}: check it, and copy it over ${file} to go back to it.`
    : `Nothing was changed. There is no backup to go back to (no ${backupPathFor(file)}): fix the file by hand, or choose another state file.`

/** What a loaded state file holds: the state, and its text (`undefined` when there is no file). */
export interface LoadedState {
  readonly state: StateFile
  readonly text: string | undefined
}

/** Which version of the file is on disk: a new inode on every rename, and size and time for edits in place. */
const identity = (st: BigIntStats): string => `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`

/** The file's text and identity, read through one descriptor so they agree; `undefined` when there is no file. Throws on other errors. */
const readIdentified = (file: string): { readonly text: string; readonly id: string } | undefined => {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
  try {
    const id = identity(fstatSync(fd, { bigint: true }))
    return { text: readFileSync(fd, 'utf8'), id }
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads and checks the whole state file: `undefined` text when it does not
 * exist. A file that is not a state file is `Corrupt`, naming the backup. Never throws.
 */
export const loadStateFile = (file: string): Either<StoreFailure, LoadedState> => {
  try {
    const read = readIdentified(file)
    return read === undefined ? right({ state: emptyState(), text: undefined }) : parseStateText(file, read.text)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR')
      return left({ _tag: 'Unavailable', message: `the state file ${file} is a folder: name a file (e.g. --state ${join(file, 'lambda-invocation.state.json')})`, cause: e })
    return left({ _tag: 'Unavailable', message: `cannot read the state file ${file}: ${errText(e)}`, cause: e })
  }
}

/** Checks the text of a state file (`file` names it in messages). Never throws. */
const parseStateText = (file: string, text: string): Either<StoreFailure, LoadedState> => {
  const corrupt = (why: string): Either<StoreFailure, never> =>
    left({ _tag: 'Corrupt', key: '', message: `the state file ${file} is corrupt: ${why}. ${corruptAdvice(file)}` })
  const parsed = parseJsonDocument(text)
  if (isLeft(parsed)) return corrupt(`it is not valid JSON (${parsed.left.message})`)
  const doc = parsed.right
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return corrupt('it is not a JSON object')
  const o = doc as Record<string, unknown>
  if (o['format'] !== STATE_FORMAT) return corrupt(`"format" must be ${JSON.stringify(STATE_FORMAT)}`)
  if (o['formatVersion'] !== 1) return corrupt(`"formatVersion" ${JSON.stringify(o['formatVersion'])} is not one this version reads (1)`)
  const serial = o['serial']
  if (typeof serial !== 'number' || !Number.isSafeInteger(serial) || serial < 0) return corrupt('"serial" must be a whole number')
  const records = o['records']
  if (typeof records !== 'object' || records === null || Array.isArray(records)) return corrupt('"records" must be an object')
  for (const [key, entry] of Object.entries(records as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) return corrupt(`the entry of ${JSON.stringify(key)} is not an object`)
    const e = entry as Record<string, unknown>
    if (typeof e['version'] !== 'string') return corrupt(`the entry of ${JSON.stringify(key)} has no version`)
    const problem = checkRecord(e['record'])
    if (problem !== undefined) return corrupt(`the record of ${JSON.stringify(key)} is not valid: ${problem}`)
  }
  return right({ state: doc as StateFile, text })
}

/**
 * The file's text, as `JSON.stringify(state, null, 2)` would write it with the
 * keys sorted, built from each entry's text: `memo` keeps the text of entries
 * already written (a version is never reused), so a write costs the bytes, not
 * a new encoding of every record.
 */
export const serializeState = (state: StateFile, memo: Map<string, string> = new Map()): string => {
  const keys = Object.keys(state.records).sort()
  const used = new Map<string, string>()
  const entries = keys.map((key) => {
    const entry = state.records[key]!
    const id = `${entry.version}\u0000${key}`
    const text = memo.get(id) ?? `    ${JSON.stringify(key)}: ${JSON.stringify({ version: entry.version, record: entry.record }, null, 2).replace(/\n/g, '\n    ')}`
    used.set(id, text)
    return text
  })
  memo.clear()
  for (const [id, text] of used) memo.set(id, text)
  const records = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`
  return `{\n  "format": ${JSON.stringify(state.format)},\n  "formatVersion": ${state.formatVersion},\n  "serial": ${state.serial},\n  "records": ${records}\n}\n`
}

/**
 * Makes `backup` the current file's previous version: a hard link to the file
 * about to be replaced (no copy; the rename that follows gives the state file
 * a new inode), or where links are not supported a copy of `text`. Atomic
 * either way; not fsynced of its own, as the folder is fsynced after the
 * state file's rename. Throws on failure.
 */
const keepBackup = (file: string, backup: string, text: string): void => {
  const tmp = `${backup}.tmp-${process.pid}`
  try {
    unlinkSync(tmp)
  } catch {
    // usually absent
  }
  try {
    linkSync(file, tmp)
  } catch {
    writeTemp(tmp, text, false)
  }
  renameSync(tmp, backup)
}

/** Writes `text` to a new file `tmp` with mode 0600, fsynced when `sync`. Throws on failure. */
const writeTemp = (tmp: string, text: string, sync: boolean): void => {
  const fd = openSync(tmp, 'w', 0o600)
  try {
    fchmodSync(fd, 0o600)
    writeSync(fd, text)
    if (sync) fsyncSync(fd)
  } catch (e) {
    closeSync(fd)
    try {
      unlinkSync(tmp)
    } catch {
      // best effort
    }
    throw e
  }
  closeSync(fd)
}

/** Writes `text` to `path` through a temporary file: write, fsync, rename, then fsync the folder. Throws on failure. */
const writeAtomically = (path: string, text: string): void => {
  const tmp = `${path}.tmp-${process.pid}`
  writeTemp(tmp, text, true)
  renameSync(tmp, path)
  syncDir(dirname(path))
}

const syncDir = (dir: string): void => {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // some platforms cannot fsync a folder; the rename is still atomic
  }
}

/** Runs async steps one at a time, in call order. */
const serialQueue = () => {
  let tail: Promise<unknown> = Promise.resolve()
  return <A>(step: () => Promise<A>): Promise<A> => {
    const run = tail.then(step, step)
    tail = run.catch(() => undefined)
    return run
  }
}

/** Makes a `StateStore` over one state file; its methods never throw. Throws a `TypeError` at once for a missing file path or a bad wait. */
export const makeFileStateStore = (options: FileStateStoreOptions): StateStore => {
  const { file } = options
  if (typeof file !== 'string' || file === '') throw new TypeError(`makeFileStateStore: file must be a non-empty path, got ${JSON.stringify(file)}`)
  if (options.lockWaitMs !== undefined && !(Number.isFinite(options.lockWaitMs) && options.lockWaitMs >= 0))
    throw new TypeError(`makeFileStateStore: lockWaitMs must be a number of milliseconds, 0 or more, got ${String(options.lockWaitMs)}`)
  const queue = serialQueue()
  const exclusive = options.externallyLocked === true
  const memo = new Map<string, string>()

  // The last state read or written, by the file's identity: a plan of n
  // resources then parses the file once, not n times.
  let cache: { readonly id: string; readonly loaded: LoadedState } | undefined

  /**
   * The state on disk. `useCache` only where a stale answer is harmless (reads:
   * a later compare-and-set catches it) or impossible (this process alone
   * writes, holding the lock for its whole life); a write shared with other
   * processes always reads afresh under the lock, since an inode number can be
   * reused within one tick of the file clock.
   */
  const current = (useCache: boolean): Either<StoreFailure, LoadedState> => {
    try {
      if (useCache && cache !== undefined) {
        let st: BigIntStats | undefined
        try {
          st = statSync(file, { bigint: true })
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
        }
        if (st !== undefined && identity(st) === cache.id) return right(cache.loaded)
      }
      const read = readIdentified(file)
      if (read === undefined) {
        cache = undefined
        return right({ state: emptyState(), text: undefined })
      }
      const parsed = parseStateText(file, read.text)
      cache = isLeft(parsed) ? undefined : { id: read.id, loaded: parsed.right }
      return parsed
    } catch (e) {
      return left({ _tag: 'Unavailable', message: `cannot read the state file ${file}: ${errText(e)}`, cause: e })
    }
  }

  const mutate = (
    key: string,
    change: (state: StateFile) => Either<StoreFailure, { readonly state: StateFile; readonly result: Version | undefined }>,
  ): Promise<Either<StoreFailure, Version | undefined>> =>
    queue(async () => {
      let release = (): void => undefined
      if (options.externallyLocked !== true) {
        const lock = await acquireLock(lockPathFor(file), { waitMs: options.lockWaitMs ?? 10_000 })
        if (isLeft(lock)) return left({ _tag: 'Unavailable', key, message: lock.left.message })
        release = () => lock.right.release()
      }
      try {
        const loaded = current(exclusive)
        if (isLeft(loaded)) return loaded
        const changed = change(loaded.right.state)
        if (isLeft(changed)) return changed
        const text = serializeState(changed.right.state, memo)
        try {
          if (loaded.right.text !== undefined) keepBackup(file, backupPathFor(file), loaded.right.text)
          writeAtomically(file, text)
        } catch (e) {
          cache = undefined
          return left({ _tag: 'Unavailable', key, message: `cannot write the state file ${file}: ${errText(e)}`, cause: e })
        }
        try {
          cache = { id: identity(statSync(file, { bigint: true })), loaded: { state: changed.right.state, text } }
        } catch {
          cache = undefined
        }
        return right(changed.right.result)
      } finally {
        release()
      }
    })

  const conflict = (key: string, expected: Version | undefined, found: Version | undefined): StoreFailure => ({
    _tag: 'Conflict',
    key,
    expected,
    message:
      found === undefined
        ? `${JSON.stringify(key)} has no record, but version ${expected} was expected: another process changed the state`
        : expected === undefined
          ? `${JSON.stringify(key)} already has a record (version ${found}): another process created it`
          : `${JSON.stringify(key)} is at version ${found}, not ${expected}: another process changed the state`,
  })

  return {
    read: async (key) => {
      const loaded = current(true)
      if (isLeft(loaded)) return loaded
      const entry = Object.hasOwn(loaded.right.state.records, key) ? loaded.right.state.records[key] : undefined
      return right(entry === undefined ? undefined : ({ record: entry.record, version: entry.version } satisfies Versioned))
    },
    write: async (key, record, expected) => {
      const copy = JSON.parse(JSON.stringify(record)) as ResourceRecord
      const r = await mutate(key, (state) => {
        const current = Object.hasOwn(state.records, key) ? state.records[key] : undefined
        if (current?.version !== expected) return left(conflict(key, expected, current?.version))
        const serial = state.serial + 1
        const version = String(serial)
        return right({ state: { ...state, serial, records: { ...state.records, [key]: { version, record: copy } } }, result: version })
      })
      return isLeft(r) ? r : right(r.right as Version)
    },
    delete: async (key, expected) => {
      const r = await mutate(key, (state) => {
        const current = Object.hasOwn(state.records, key) ? state.records[key] : undefined
        if (current === undefined || current.version !== expected) return left(conflict(key, expected, current?.version))
        const records = { ...state.records }
        delete records[key]
        return right({ state: { ...state, serial: state.serial + 1, records }, result: undefined })
      })
      return isLeft(r) ? r : right(undefined)
    },
    list: async () => {
      const loaded = current(true)
      if (isLeft(loaded)) return loaded
      return right(Object.keys(loaded.right.state.records).sort())
    },
  }
}
