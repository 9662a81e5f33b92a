/**
 * Compaction: the journal rewritten as its live records alone, atomically,
 * once superseded lines outnumber the live ones (plus some slack), so that a
 * write costs the same however many came before it and the file stays within
 * about twice the size of what it holds.
 */
import { randomUUID } from 'node:crypto'
import type { StateEntry } from './state.js'
import { backupPathFor, keepBackup, removeStaleTemporaries, writeAtomically } from './files.js'
import { headerLine, putLine, type JournalState } from './journal.js'

/** Superseded lines a journal may hold beyond one per live record before it is compacted, by default. */
export const DEFAULT_COMPACTION_SLACK = 64

/**
 * Whether the journal has outgrown its records: more superseded lines than
 * live records plus `slack`. A rewrite then costs at most what the writes
 * since the last one cost, so the cost per write stays flat.
 */
export const shouldCompact = (state: JournalState, slack: number): boolean => state.lines - state.records.size > state.records.size + slack

/** A compacted journal: a new header, then one line per record, sorted by key. Every version must be a serial. */
export const compactedText = (records: ReadonlyMap<string, StateEntry>, serial: number): { readonly text: string; readonly header: string } => {
  const keys = [...records.keys()].sort()
  const header = headerLine(randomUUID(), serial, keys.length)
  const lines = keys.map((key) => {
    const entry = records.get(key)!
    return putLine(Number(entry.version), key, undefined, JSON.stringify(entry.record))
  })
  return { text: header + lines.join(''), header }
}

/**
 * Replaces `file` by `text` atomically, first keeping the file it replaces
 * (when `replacing`) as the backup: a hard link, so no copy. A kill at any
 * moment leaves the old file or the new one, each whole; the temporary files
 * of a process killed while doing this are removed the next time. Throws on failure.
 */
export const rewriteStateFile = (file: string, text: string, replacing: boolean): void => {
  if (replacing) keepBackup(file, backupPathFor(file))
  writeAtomically(file, text)
  removeStaleTemporaries(file)
}
