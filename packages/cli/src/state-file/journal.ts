/**
 * The state file's format 2: a journal of compare-and-set writes, one JSON
 * object per line. The first line is a header; the `snapshot` lines after it
 * are every live record as of the last compaction (sorted by key); each later
 * line is one write, appended and fsynced on its own:
 *
 *   {"format":"lambda-invocation/state","formatVersion":2,"generation":"…","serial":41,"snapshot":2}
 *   {"serial":12,"key":"a","record":{…}}
 *   {"serial":40,"key":"b","record":{…}}
 *   {"serial":42,"key":"a","previous":12,"record":{…}}
 *   {"serial":43,"key":"b","previous":40,"deleted":true}
 *
 * A key's version is the serial of the line that wrote it. A write names the
 * version it replaced (`previous`, absent for a create), so replaying the
 * journal checks every compare-and-set again: a missing, repeated or
 * interleaved line shows as corruption instead of a silently wrong state.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ResourceRecord } from '@lambda-invocation/core'
import { parseJsonDocument } from '@lambda-invocation/core/json'
import { STATE_FORMAT, type StateEntry } from './state.js'

/** The first line of a journal. */
export interface JournalHeader {
  readonly format: typeof STATE_FORMAT
  readonly formatVersion: 2
  /** Changes on every compaction: tells a rewritten file from the one read before, whatever its inode. */
  readonly generation: string
  /** The last serial given out before the compaction. */
  readonly serial: number
  /** How many record lines follow that are the compacted records. */
  readonly snapshot: number
}

/** The live records a journal holds, and what deciding when to compact needs. Mutated in place while replaying. */
export interface JournalState {
  /** The last serial given out: the next write gets `serial + 1`. */
  serial: number
  readonly records: Map<string, StateEntry>
  /** Record lines in the file, compacted and appended. */
  lines: number
  /** Compacted lines still expected after the header while replaying. */
  snapshotLeft: number
}

/** An empty state, as for a file that does not exist yet. */
export const emptyJournalState = (): JournalState => ({ serial: 0, records: new Map(), lines: 0, snapshotLeft: 0 })

/** The header line, newline included. */
export const headerLine = (generation: string, serial: number, snapshot: number): string =>
  `${JSON.stringify({ format: STATE_FORMAT, formatVersion: 2, generation, serial, snapshot } satisfies JournalHeader)}\n`

/** The line of a write of `recordText` (a record's JSON) at `serial`, over version `previous` (none for a create). */
export const putLine = (serial: number, key: string, previous: string | undefined, recordText: string): string =>
  `{"serial":${serial},"key":${JSON.stringify(key)}${previous === undefined ? '' : `,"previous":${previous}`},"record":${recordText}}\n`

/** The line of a delete at `serial` of the record at version `previous`. */
export const deleteLine = (serial: number, key: string, previous: string): string =>
  `{"serial":${serial},"key":${JSON.stringify(key)},"previous":${previous},"deleted":true}\n`

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isSerial = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

/**
 * What the first line of a file says it is: a journal header, another format
 * version of ours (`formatVersion`), or not ours at all (`undefined`: read the
 * file as format 1, whose first line is never a whole JSON object).
 */
export const sniffHeader = (firstLine: string): E.Either<{ readonly formatVersion: unknown }, JournalHeader> | undefined => {
  let doc: unknown
  try {
    doc = JSON.parse(firstLine)
  } catch {
    return undefined
  }
  if (!isObject(doc) || doc['format'] !== STATE_FORMAT) return undefined
  const h = doc
  if (h['formatVersion'] !== 2) return E.left({ formatVersion: h['formatVersion'] })
  if (typeof h['generation'] !== 'string' || !(h['serial'] === 0 || isSerial(h['serial'])) || !(h['snapshot'] === 0 || isSerial(h['snapshot'])))
    return E.left({ formatVersion: 2 })
  return E.right(h as unknown as JournalHeader)
}

/** Starts replaying a journal whose header is `header`. */
export const stateAfterHeader = (header: JournalHeader): JournalState => ({
  serial: header.serial,
  records: new Map(),
  lines: 0,
  snapshotLeft: header.snapshot,
})

const quote = (key: string): string => JSON.stringify(key)

const versionText = (v: string | undefined): string => (v === undefined ? 'no record' : `version ${v}`)

/**
 * Applies one complete line (its number `lineNo`, for messages) to `state`,
 * adding its key to `touched`; gives why it is not a valid next line of the
 * journal, if it is not. Never throws.
 */
const applyLine = (state: JournalState, line: string, lineNo: number, touched: Set<string>): string | undefined => {
  const parsed = parseJsonDocument(line)
  if (E.isLeft(parsed)) return `line ${lineNo} is not valid JSON (column ${parsed.left.column}: ${parsed.left.reason})`
  const w = parsed.right
  if (!isObject(w)) return `line ${lineNo} is not a JSON object`
  const { serial, key, previous } = w
  if (!isSerial(serial)) return `line ${lineNo} has no "serial" (a whole number above 0)`
  if (typeof key !== 'string') return `line ${lineNo} has no "key" (a string)`
  const deleted = w['deleted'] === true
  if (deleted === Object.hasOwn(w, 'record')) return `line ${lineNo} must hold either a "record" or "deleted": true`
  if (previous !== undefined && !isSerial(previous)) return `line ${lineNo}: "previous" must be a whole number above 0`
  const current = state.records.get(key)
  if (state.snapshotLeft > 0) {
    // A compacted record: written once, at or before the header's serial.
    if (deleted || previous !== undefined) return `line ${lineNo} is among the compacted records, so it must be a plain record`
    if (serial > state.serial) return `line ${lineNo} is among the compacted records, but its serial ${serial} is above the header's ${state.serial}`
    if (current !== undefined) return `line ${lineNo} repeats the compacted record of ${quote(key)}`
    state.snapshotLeft--
  } else {
    if (serial <= state.serial) return `line ${lineNo} has serial ${serial}, not above the ${state.serial} before it: lines are repeated or out of order`
    const expected = previous === undefined ? undefined : String(previous)
    if (expected !== current?.version)
      return `line ${lineNo} changes ${quote(key)} from ${versionText(expected)}, but the lines before leave it at ${versionText(current?.version)}: lines are missing, or were written without the lock`
    if (deleted && current === undefined) return `line ${lineNo} deletes ${quote(key)}, which has no record`
    state.serial = serial
  }
  state.lines++
  touched.add(key)
  if (deleted) state.records.delete(key)
  else state.records.set(key, { version: String(serial), record: w['record'] as ResourceRecord })
  return undefined
}

/**
 * Applies the complete lines in `text` (each ending in a newline; the first
 * is line `firstLineNo` of the file) to `state`, adding every key changed to
 * `touched`. Gives why the text is not a valid continuation of the journal,
 * if it is not; `state` is then partly changed and must be dropped.
 */
export const replayLines = (state: JournalState, text: string, firstLineNo: number, touched: Set<string>): E.Either<string, void> => {
  let start = 0
  let lineNo = firstLineNo
  while (start < text.length) {
    const nl = text.indexOf('\n', start)
    const end = nl < 0 ? text.length : nl
    const problem = applyLine(state, text.slice(start, end), lineNo, touched)
    if (problem !== undefined) return E.left(problem)
    start = end + 1
    lineNo++
  }
  return E.right(undefined)
}
