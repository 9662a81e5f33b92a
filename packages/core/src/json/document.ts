import * as E from 'fp-ts/lib/Either.js'
import { scanJsonFrom, type JsonSyntaxError, type ValueVisitor } from './scan.js'

/**
 * A JSON document as people write one in a file (a config, a state file):
 * plain `JSON.parse` rules, no Go limits, and a leading byte order mark
 * skipped, as editors on Windows write one. For an invocation's `input`,
 * which must be what Go accepts, use `parseJson`.
 */

/**
 * Parses a JSON document: its value, or the first syntax error with line and
 * column (line 1 starts after a byte order mark). `visit` sees every value's
 * span, indexes into `text`. Never throws (unless `visit` does).
 */
export const parseJsonDocument = (text: string, visit?: ValueVisitor): E.Either<JsonSyntaxError, unknown> => {
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0
  if (visit !== undefined) {
    const error = scanJsonFrom(text, from, visit)
    if (error !== undefined) return E.left(error)
  }
  try {
    return E.right(JSON.parse(from === 0 ? text : text.slice(from)) as unknown)
  } catch (e) {
    // Only a refused text pays for the scan that finds where and why.
    return E.left(
      scanJsonFrom(text, from) ?? {
        _tag: 'JsonSyntaxError',
        offset: from,
        line: 1,
        column: 1,
        message: `not readable as JSON: ${e instanceof Error ? e.message : String(e)}`,
        reason: `not readable as JSON: ${e instanceof Error ? e.message : String(e)}`,
      },
    )
  }
}
