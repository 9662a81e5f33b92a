/**
 * Checks that a value read from the state file is a stored record, using the
 * core's own decoder, and says what is wrong with it when it is not.
 */
import { decodeRecord, formatProblems } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'

/** `undefined` when `value` is a record this version can use; otherwise why not, on one line. */
export const checkRecord = (value: unknown): string | undefined => {
  const decoded = decodeRecord(value)
  return E.isLeft(decoded) ? formatProblems(decoded.left).replace(/\n/g, '; ') : undefined
}
