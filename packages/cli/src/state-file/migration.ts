/**
 * From today's single-document state file to the journal. A format-1 file is
 * read as it is, and rewritten as a journal by the first write (the format-1
 * file then becomes the backup, which older versions can still read).
 */
import type { StateFile } from './state.js'
import { emptyJournalState, type JournalState } from './journal.js'

/** Whether a version is one the journal can write: a serial, as every version the store gave out is. */
const isSerialText = (v: string): boolean => /^[1-9]\d{0,14}$/.test(v)

/**
 * A format-1 state as the journal keeps it. Versions stay as they were, so a
 * version read before the migration still matches after it; one that is not
 * a serial (only a hand-edited file has one) is given the next free serial,
 * the same in every process that reads the file, so readers agree.
 */
export const stateFromV1 = (doc: StateFile): JournalState => {
  const state = emptyJournalState()
  let serial = doc.serial
  const keys = Object.keys(doc.records).sort()
  for (const key of keys) {
    const version = doc.records[key]!.version
    if (isSerialText(version)) serial = Math.max(serial, Number(version))
  }
  for (const key of keys) {
    const entry = doc.records[key]!
    const version = isSerialText(entry.version) ? entry.version : String(++serial)
    state.records.set(key, { version, record: entry.record })
  }
  state.serial = serial
  state.lines = state.records.size
  return state
}
