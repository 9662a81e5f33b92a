/**
 * What a state file holds, whatever its format: each key's record and the
 * version it was written at.
 */
import type { ResourceRecord, Version } from '@lambda-invocation/core'

/** The tag at the top of every state file, of either format. */
export const STATE_FORMAT = 'lambda-invocation/state'

/** One key's entry: its record and the version it was written at. */
export interface StateEntry {
  readonly version: Version
  readonly record: ResourceRecord
}

/** A whole state: `serial` grows by one on every write; a key's version is the serial it was written at. */
export interface StateFile {
  readonly format: typeof STATE_FORMAT
  /** 1 for the single-document file, 2 for the journal. */
  readonly formatVersion: 1 | 2
  readonly serial: number
  readonly records: Readonly<Record<string, StateEntry>>
}
