/**
 * Reading the state file, of either format: the whole file when it is first
 * read or was replaced, and afterwards only the lines appended since. A file
 * that is not a state file is `Corrupt`, with the backup named; nothing here
 * writes.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { StoreFailure } from '@lambda-invocation/core'
import { parseStateV1 } from './format-v1.js'
import { STATE_FORMAT, type StateFile } from './state.js'
import { backupPathFor, identityOf, sameFile, type FileIdentity } from './files.js'
import { replayLines, sniffHeader, stateAfterHeader, type JournalState } from './journal.js'
import { stateFromV1 } from './migration.js'
import { checkRecord } from './record-check.js'

/** What was read of a state file, kept by the store to read only what is appended next. */
export interface Loaded {
  /** 1: today's single document (rewritten as a journal on the first write); 2: a journal. */
  readonly format: 1 | 2
  readonly state: JournalState
  /** The header line's bytes (format 2): a file replaced under the same inode has another. */
  readonly header: Buffer
  /** Bytes of complete lines: where the next line starts. */
  readonly end: number
  /** Whether bytes follow `end` that are no complete line: a write cut short, to cut off before appending. */
  readonly torn: boolean
  /** The file as it was when read up to `end`. */
  readonly identity: FileIdentity
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

const advice = (file: string, format: 1 | 2): string =>
  existsSync(backupPathFor(file))
    ? format === 1
      ? `Nothing was changed. The previous version is kept in ${backupPathFor(file)}: check it, and copy it over ${file} to go back to it.`
      : `Nothing was changed. The state as it was before the journal was last compacted is kept in ${backupPathFor(file)}: check it, and copy it over ${file} to go back to it (the writes since then are the lines of ${file} after its compacted records).`
    : `Nothing was changed. There is no backup to go back to (no ${backupPathFor(file)}): fix the file by hand, or choose another state file.`

const corrupt = (file: string, format: 1 | 2, why: string): StoreFailure => ({
  _tag: 'Corrupt',
  key: '',
  message: `the state file ${file} is corrupt: ${why}. ${advice(file, format)}`,
})

/** An `Unavailable` failure for an error thrown by the file system. */
export const unavailable = (file: string, e: unknown, doing = 'read'): StoreFailure => {
  if ((e as NodeJS.ErrnoException).code === 'EISDIR')
    return { _tag: 'Unavailable', message: `the state file ${file} is a folder: name a file (e.g. --state ${join(file, 'lambda-invocation.state.json')})`, cause: e }
  return { _tag: 'Unavailable', message: `cannot ${doing} the state file ${file}: ${errText(e)}`, cause: e }
}

/** Reads `length` bytes at `position` of an open file (fewer at its end). */
const readAt = (fd: number, position: number, length: number): Buffer => {
  const buf = Buffer.allocUnsafe(length)
  let got = 0
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got)
    if (n === 0) break
    got += n
  }
  return got === length ? buf : buf.subarray(0, got)
}

/** The first problem with the records in `keys`, as a phrase; `undefined` when each is a record this version can use. */
const checkRecords = (state: JournalState, keys: Iterable<string>): string | undefined => {
  for (const key of keys) {
    const entry = state.records.get(key)
    if (entry === undefined) continue
    const problem = checkRecord(entry.record)
    if (problem !== undefined) return `the record of ${JSON.stringify(key)} is not valid: ${problem}`
  }
  return undefined
}

/** Parses a whole file's bytes. Never throws. */
const parseFile = (file: string, bytes: Buffer, identity: FileIdentity): E.Either<StoreFailure, Loaded> => {
  const firstNl = bytes.indexOf(10)
  const sniffed = firstNl < 0 ? undefined : sniffHeader(bytes.toString('utf8', 0, firstNl))
  if (sniffed === undefined) {
    const v1 = parseStateV1(bytes.toString('utf8'))
    if (E.isLeft(v1)) return E.left(corrupt(file, 1, v1.left))
    return E.right({ format: 1, state: stateFromV1(v1.right), header: Buffer.alloc(0), end: bytes.length, torn: false, identity })
  }
  if (E.isLeft(sniffed))
    return E.left(
      corrupt(
        file,
        2,
        sniffed.left.formatVersion === 2
          ? 'its first line is not a valid journal header'
          : `"formatVersion" ${JSON.stringify(sniffed.left.formatVersion)} is not one this version reads (1 or 2); a newer lambda-invocation may have written it`,
      ),
    )
  const end = bytes.lastIndexOf(10) + 1
  const state = stateAfterHeader(sniffed.right)
  const touched = new Set<string>()
  const replayed = replayLines(state, bytes.toString('utf8', firstNl + 1, end), 2, touched)
  if (E.isLeft(replayed)) return E.left(corrupt(file, 2, replayed.left))
  if (state.snapshotLeft > 0) return E.left(corrupt(file, 2, `it ends after ${sniffed.right.snapshot - state.snapshotLeft} of its ${sniffed.right.snapshot} compacted records`))
  const bad = checkRecords(state, touched)
  if (bad !== undefined) return E.left(corrupt(file, 2, bad))
  return E.right({ format: 2, state, header: bytes.subarray(0, firstNl + 1), end, torn: end < bytes.length, identity })
}

/**
 * Reads the whole of an open file whose identity is `identity` (stats and
 * bytes through one descriptor, so they are of the same file); an empty file
 * (`touch`ed, or made by a tool that writes it later) is no state yet, like a
 * missing one. Throws on read errors.
 */
const parseWhole = (file: string, fd: number, identity: FileIdentity): E.Either<StoreFailure, Loaded | undefined> =>
  identity.size === 0n ? E.right(undefined) : parseFile(file, readAt(fd, 0, Number(identity.size)), identity)

/** Reads and checks the whole state file; `undefined` when there is none or it is empty. Never throws. */
export const readStateFile = (file: string): E.Either<StoreFailure, Loaded | undefined> => {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return E.right(undefined)
    return E.left(unavailable(file, e))
  }
  try {
    return parseWhole(file, fd, identityOf(fstatSync(fd, { bigint: true })))
  } catch (e) {
    return E.left(unavailable(file, e))
  } finally {
    closeSync(fd)
  }
}

/** Whether two identities are of the same file, unchanged. */
export const unchanged = (a: FileIdentity, b: FileIdentity): boolean => sameFile(a, b) && a.size === b.size && a.mtimeNs === b.mtimeNs

/**
 * Brings `loaded` up to date with the file now at its path: nothing to do when
 * it is the same journal unchanged, only the lines appended since when it is
 * the same journal grown (the same inode and the same header), otherwise the
 * whole file again. `undefined` when the file is gone. On a `Left`, `loaded`
 * may be partly changed and must be dropped. Never throws.
 */
export const refreshStateFile = (file: string, loaded: Loaded): E.Either<StoreFailure, Loaded | undefined> => {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return E.right(undefined)
    return E.left(unavailable(file, e))
  }
  try {
    const identity = identityOf(fstatSync(fd, { bigint: true }))
    const before = loaded.identity
    const sameJournal = loaded.format === 2 && sameFile(identity, before) && identity.size >= before.size && readAt(fd, 0, loaded.header.length).equals(loaded.header)
    if (sameJournal && unchanged(identity, before)) return E.right(loaded)
    if (!sameJournal || identity.size === before.size) return parseWhole(file, fd, identity)
    const tail = readAt(fd, loaded.end, Number(identity.size) - loaded.end)
    const complete = tail.lastIndexOf(10) + 1
    const state = loaded.state
    const touched = new Set<string>()
    const replayed = replayLines(state, tail.toString('utf8', 0, complete), state.lines + 2, touched)
    if (E.isLeft(replayed)) return E.left(corrupt(file, 2, replayed.left))
    const bad = checkRecords(state, touched)
    if (bad !== undefined) return E.left(corrupt(file, 2, bad))
    return E.right({ ...loaded, end: loaded.end + complete, torn: complete < tail.length, identity })
  } catch (e) {
    return E.left(unavailable(file, e))
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads and checks the whole state file, of either format (no records when
 * it does not exist). A file that is not a state file is
 * `Corrupt`, naming the backup. Never throws.
 */
export const loadStateFile = (file: string): E.Either<StoreFailure, { readonly state: StateFile }> => {
  const read = readStateFile(file)
  if (E.isLeft(read)) return read
  const loaded = read.right
  const records = loaded === undefined ? {} : Object.fromEntries([...loaded.state.records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return E.right({ state: { format: STATE_FORMAT, formatVersion: loaded?.format ?? 2, serial: loaded?.state.serial ?? 0, records } })
}
