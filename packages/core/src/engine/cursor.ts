import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { Version } from '../ports/state-store.js'
import type { ResourceRecord } from '../model/record.js'
import type { InvocationState } from '../model/types.js'
import type { Deps } from './deps.js'
import type { EngineError } from './types.js'

/** Where one key's record stands: what the engine last read or wrote, and at which version (`undefined`: no record). */
export interface Cursor {
  readonly record: ResourceRecord
  readonly version: Version | undefined
}

/** The record with neither state, deposed state nor intent. */
export const EMPTY: ResourceRecord = { schemaVersion: 1 }

/** A record holding `state` and `deposed`, leaving out what is undefined. */
export const recordOf = (state: InvocationState | undefined, deposed: InvocationState | undefined): ResourceRecord => ({
  schemaVersion: 1,
  ...(state === undefined ? {} : { state }),
  ...(deposed === undefined ? {} : { deposed }),
})

/** The record without its intent. */
export const withoutIntent = (record: ResourceRecord): ResourceRecord => recordOf(record.state, record.deposed)

const isEmpty = (record: ResourceRecord): boolean =>
  record.state === undefined && record.deposed === undefined && record.intent === undefined

/** Reads a key into a cursor. */
export const readCursor = async (deps: Deps, key: string): Promise<Either<EngineError, Cursor>> => {
  const read = await deps.store.read(key)
  if (isLeft(read)) return left({ _tag: 'StoreFailed', key, failure: read.left })
  return right(read.right === undefined ? { record: EMPTY, version: undefined } : read.right)
}

/**
 * Stores `next` with compare-and-set on the cursor's version. An empty record
 * is deleted rather than written (and nothing happens if there was none).
 */
export const save = async (deps: Deps, key: string, cursor: Cursor, next: ResourceRecord): Promise<Either<EngineError, Cursor>> => {
  if (isEmpty(next)) {
    if (cursor.version === undefined) return right({ record: EMPTY, version: undefined })
    const deleted = await deps.store.delete(key, cursor.version)
    return isLeft(deleted) ? left({ _tag: 'StoreFailed', key, failure: deleted.left }) : right({ record: EMPTY, version: undefined })
  }
  const written = await deps.store.write(key, next, cursor.version)
  return isLeft(written) ? left({ _tag: 'StoreFailed', key, failure: written.left }) : right({ record: next, version: written.right })
}
