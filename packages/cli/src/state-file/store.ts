/**
 * The embedded state store: a `StateStore` over one state file, a journal of
 * compare-and-set writes (`journal.ts`). A write appends one line and
 * fdatasyncs it; writes that arrive while one is being synced share the next
 * sync. The journal is compacted atomically once it outgrows its records,
 * keeping the file it replaces as `<file>.backup`. Every file is mode 0600.
 *
 * A write is compare-and-set per key against the file as it is on disk: under
 * `<file>.lock`, taken per batch of writes or held by the caller for the
 * store's whole life. Readers take no lock and read only what was appended
 * since they last looked.
 */
import { closeSync, fdatasync, fstatSync, ftruncateSync, openSync, statSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { ResourceRecord, StateStore, StoreFailure, Version, Versioned } from '@lambda-invocation/core'
import type { StateEntry } from './state.js'
import { compactedText, DEFAULT_COMPACTION_SLACK, rewriteStateFile, shouldCompact } from './compaction.js'
import { identityOf, writeAll, type FileIdentity } from './files.js'
import { deleteLine, emptyJournalState, putLine, type JournalState } from './journal.js'
import { readStateFile, refreshStateFile, unavailable, unchanged, type Loaded } from './load.js'
import { acquireLock, lockPathFor } from './lock.js'

/** Options of `makeFileStateStore`. */
export interface FileStateStoreOptions {
  /** The state file; created on the first write. */
  readonly file: string
  /**
   * `true` when the caller holds `<file>.lock` for the store's whole life (the
   * CLI does); otherwise every batch of writes takes the lock itself.
   */
  readonly externallyLocked?: boolean
  /** How long a write waits for a lock held by a live process. Default 10 s. */
  readonly lockWaitMs?: number
  /** Superseded lines the journal may hold beyond one per live record before it is compacted. Default 64. */
  readonly compactionSlack?: number
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

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

/** A write or delete waiting for its batch. */
type Op =
  | { readonly _tag: 'Write'; readonly key: string; readonly recordText: string; readonly expected: Version | undefined; readonly done: (r: E.Either<StoreFailure, Version>) => void }
  | { readonly _tag: 'Delete'; readonly key: string; readonly expected: Version; readonly done: (r: E.Either<StoreFailure, void>) => void }

/** An op that passed its compare-and-set, and the entry it leaves (`undefined`: deleted). */
interface Accepted {
  readonly op: Op
  readonly entry: StateEntry | undefined
}

const fdatasyncAsync = (fd: number): Promise<void> => new Promise((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())))

/** What the store last knew of the file: `loaded` undefined when there was none. */
interface View {
  readonly loaded: Loaded | undefined
}

const checkOptions = (name: string, options: FileStateStoreOptions): void => {
  const { file } = options
  if (typeof file !== 'string' || file === '') throw new TypeError(`${name}: file must be a non-empty path, got ${JSON.stringify(file)}`)
  if (options.lockWaitMs !== undefined && !(Number.isFinite(options.lockWaitMs) && options.lockWaitMs >= 0))
    throw new TypeError(`${name}: lockWaitMs must be a number of milliseconds, 0 or more, got ${String(options.lockWaitMs)}`)
  if (options.compactionSlack !== undefined && !(Number.isSafeInteger(options.compactionSlack) && options.compactionSlack >= 0))
    throw new TypeError(`${name}: compactionSlack must be a whole number of lines, 0 or more, got ${String(options.compactionSlack)}`)
}

/** Makes a `StateStore` over one state file, read when first used; its methods never throw. Throws a `TypeError` at once for a missing file path or a bad option. */
export const makeFileStateStore = (options: FileStateStoreOptions): StateStore => {
  checkOptions('makeFileStateStore', options)
  return storeOver(options, undefined)
}

/**
 * Reads the state file at once and gives a `StateStore` over it: a file that
 * cannot be read or is not a state file is refused here, before anything else
 * (`Corrupt` names the backup). With `externallyLocked`, open it after taking
 * the lock, as it is then read only this once. Throws a `TypeError` at once
 * for a missing file path or a bad option.
 */
export const openFileStateStore = (options: FileStateStoreOptions): E.Either<StoreFailure, StateStore> => {
  checkOptions('openFileStateStore', options)
  const read = readStateFile(options.file)
  return E.isLeft(read) ? read : E.right(storeOver(options, { loaded: read.right }))
}

const storeOver = (options: FileStateStoreOptions, initial: View | undefined): StateStore => {
  const { file } = options
  const exclusive = options.externallyLocked === true
  const slack = options.compactionSlack ?? DEFAULT_COMPACTION_SLACK
  let view = initial
  // While a batch is between its write and its acknowledgement, reads answer
  // from what was committed before it rather than read the batch's own lines.
  let writing = false

  /**
   * The file as it is now. Reads pass `fresh` false: the lines appended since
   * the last look, after one stat (none when the caller holds the lock, as then
   * only this store writes). A batch, under the lock, passes `fresh` true: the
   * header is read again too, as an inode number can be reused, and even with
   * the caller holding the lock, so that a write by something that ignored it
   * is seen rather than overwritten.
   */
  const current = (fresh: boolean): E.Either<StoreFailure, View> => {
    if (view !== undefined && !fresh && (exclusive || writing)) return E.right(view)
    if (view?.loaded !== undefined) {
      if (!fresh) {
        let now: FileIdentity | undefined
        try {
          now = identityOf(statSync(file, { bigint: true }))
        } catch {
          // gone, or unreadable: the refresh below says which
        }
        if (now !== undefined && unchanged(now, view.loaded.identity)) return E.right(view)
      }
      const refreshed = refreshStateFile(file, view.loaded)
      view = E.isLeft(refreshed) ? undefined : { loaded: refreshed.right }
      return E.isLeft(refreshed) ? refreshed : E.right(view!)
    }
    const read = readStateFile(file)
    view = E.isLeft(read) ? undefined : { loaded: read.right }
    return E.isLeft(read) ? read : E.right(view!)
  }

  /** Checks each op's compare-and-set in order against `state` and the ops before it in the batch. */
  const decide = (state: JournalState, batch: ReadonlyArray<Op>): { readonly accepted: ReadonlyArray<Accepted>; readonly lines: string; readonly serial: number } => {
    const after = new Map<string, StateEntry | undefined>()
    const accepted: Accepted[] = []
    let serial = state.serial
    let lines = ''
    for (const op of batch) {
      const found = after.has(op.key) ? after.get(op.key) : state.records.get(op.key)
      if (op._tag === 'Write') {
        if (found?.version !== op.expected) {
          op.done(E.left(conflict(op.key, op.expected, found?.version)))
          continue
        }
        serial++
        lines += putLine(serial, op.key, found?.version, op.recordText)
        // The store's own copy, so that a caller changing its object later changes nothing here.
        const entry: StateEntry = { version: String(serial), record: JSON.parse(op.recordText) as ResourceRecord }
        after.set(op.key, entry)
        accepted.push({ op, entry })
      } else {
        if (found === undefined || found.version !== op.expected) {
          op.done(E.left(conflict(op.key, op.expected, found?.version)))
          continue
        }
        serial++
        lines += deleteLine(serial, op.key, found.version)
        after.set(op.key, undefined)
        accepted.push({ op, entry: undefined })
      }
    }
    return { accepted, lines, serial }
  }

  /** Answers each op: its new version, or `failure`. */
  const settle = (accepted: ReadonlyArray<Accepted>, failure: StoreFailure | undefined): void => {
    for (const { op, entry } of accepted) {
      if (failure !== undefined) op.done(E.left(failure._tag === 'Unavailable' ? { ...failure, key: op.key } : failure))
      else if (op._tag === 'Write') op.done(E.right(entry!.version))
      else op.done(E.right(undefined))
    }
  }

  const applyTo = (state: JournalState, accepted: ReadonlyArray<Accepted>, serial: number): void => {
    for (const { op, entry } of accepted) {
      if (entry === undefined) state.records.delete(op.key)
      else state.records.set(op.key, entry)
    }
    state.serial = serial
    state.lines += accepted.length
  }

  /** Writes the whole journal anew from `state` (every version a serial) and makes it the view. Throws on failure. */
  const rewrite = (state: JournalState, replacing: boolean): void => {
    const { text, header } = compactedText(state.records, state.serial)
    rewriteStateFile(file, text, replacing)
    const compacted: JournalState = { serial: state.serial, records: state.records, lines: state.records.size, snapshotLeft: 0 }
    const bytes = Buffer.byteLength(text)
    let identity: FileIdentity
    try {
      identity = identityOf(statSync(file, { bigint: true }))
    } catch {
      view = undefined
      return
    }
    view = { loaded: { format: 2, state: compacted, header: Buffer.from(header), end: bytes, torn: false, identity } }
  }

  /** Appends `lines` after the journal's last complete line (cutting off a write cut short), fdatasyncs, and gives the file's identity after. */
  const append = async (loaded: Loaded, lines: string): Promise<FileIdentity> => {
    const fd = openSync(file, 'r+')
    try {
      if (loaded.torn) ftruncateSync(fd, loaded.end)
      writeAll(fd, Buffer.from(lines), loaded.end)
      await fdatasyncAsync(fd)
      return identityOf(fstatSync(fd, { bigint: true }))
    } finally {
      closeSync(fd)
    }
  }

  /** Commits one batch: the compare-and-sets, one append and one sync, and a compaction when due. */
  const commit = async (batch: ReadonlyArray<Op>): Promise<void> => {
    let release = (): void => undefined
    if (!exclusive) {
      const lock = await acquireLock(lockPathFor(file), { waitMs: options.lockWaitMs ?? 10_000 })
      if (E.isLeft(lock)) return settle(batch.map((op) => ({ op, entry: undefined })), { _tag: 'Unavailable', message: lock.left.message })
      release = () => lock.right.release()
    }
    writing = true
    try {
      const now = current(true)
      if (E.isLeft(now)) return settle(batch.map((op) => ({ op, entry: undefined })), now.left)
      const loaded = now.right.loaded
      const state = loaded?.state ?? emptyJournalState()
      const { accepted, lines, serial } = decide(state, batch)
      if (accepted.length === 0) return
      if (loaded === undefined || loaded.format === 1) {
        // No file yet, or today's single document: the journal is written whole, the old file kept as the backup.
        const next: JournalState = { serial: state.serial, records: new Map(state.records), lines: state.records.size, snapshotLeft: 0 }
        applyTo(next, accepted, serial)
        try {
          rewrite(next, loaded !== undefined)
        } catch (e) {
          view = undefined
          return settle(accepted, unavailable(file, e, 'write'))
        }
        return settle(accepted, undefined)
      }
      let identity: FileIdentity
      try {
        identity = await append(loaded, lines)
      } catch (e) {
        // The file may hold part of the lines: read it afresh next time, cutting them off.
        view = undefined
        return settle(accepted, unavailable(file, e, 'write'))
      }
      applyTo(state, accepted, serial)
      view = { loaded: { ...loaded, end: loaded.end + Buffer.byteLength(lines), torn: false, identity } }
      settle(accepted, undefined)
      if (shouldCompact(state, slack)) {
        try {
          rewrite(state, true)
        } catch {
          // The writes are durable in the journal as it is; compaction is tried again after the next write.
          view = undefined
        }
      }
    } finally {
      writing = false
      release()
    }
  }

  let waiting: Op[] = []
  let flushing = false
  const flush = async (): Promise<void> => {
    flushing = true
    try {
      while (waiting.length > 0) {
        const batch = waiting
        waiting = []
        try {
          await commit(batch)
        } catch (e) {
          // A bug in the above, not a state of the file: fail the batch rather than leave its callers waiting.
          view = undefined
          settle(batch.map((op) => ({ op, entry: undefined })), { _tag: 'Unavailable', message: `cannot write the state file ${file}: ${errText(e)}`, cause: e })
        }
      }
    } finally {
      flushing = false
    }
  }
  const enqueue = <A>(make: (done: (r: E.Either<StoreFailure, A>) => void) => Op): Promise<E.Either<StoreFailure, A>> =>
    new Promise((resolve) => {
      waiting.push(make(resolve as (r: E.Either<StoreFailure, unknown>) => void))
      if (!flushing) void flush()
    })

  return {
    read: async (key) => {
      const now = current(false)
      if (E.isLeft(now)) return now
      const entry = now.right.loaded?.state.records.get(key)
      return E.right(entry === undefined ? undefined : ({ record: entry.record, version: entry.version } satisfies Versioned))
    },
    write: (key, record, expected) => {
      let recordText: string
      try {
        recordText = JSON.stringify(record)
      } catch (e) {
        return Promise.resolve(E.left({ _tag: 'Unavailable', key, message: `cannot store the record of ${JSON.stringify(key)}: ${errText(e)}`, cause: e }))
      }
      return enqueue<Version>((done) => ({ _tag: 'Write', key, recordText, expected, done }))
    },
    delete: (key, expected) => enqueue<void>((done) => ({ _tag: 'Delete', key, expected, done })),
    list: async () => {
      const now = current(false)
      if (E.isLeft(now)) return now
      return E.right([...(now.right.loaded?.state.records.keys() ?? [])].sort())
    },
  }
}
