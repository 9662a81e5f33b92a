import * as E from 'fp-ts/lib/Either.js'
import { asText, describeType, isRecord, showValue } from '../decode/describe.js'
import { readPlain } from '../decode/read.js'

/** One segment of the path to a problem: an object key or an array index. */
export type PathSegment = string | number

/** A validation problem: where it is and what a person should know about it. */
export interface Problem {
  readonly path: ReadonlyArray<PathSegment>
  readonly message: string
}

/** Builds a problem. */
export const problem = (path: ReadonlyArray<PathSegment>, message: string): Problem => ({ path, message })

const renderPath = (path: ReadonlyArray<PathSegment>): string =>
  path.reduce<string>(
    (acc, seg) =>
      typeof seg === 'number'
        ? `${acc}[${seg}]`
        : /^[A-Za-z_$][\w$-]*$/.test(seg)
          ? acc === '' ? seg : `${acc}.${seg}`
          : `${acc}[${JSON.stringify(seg)}]`,
    '',
  )

const line = (p: unknown): string => {
  const { path, message } = isRecord(p) ? p : {}
  if (typeof message !== 'string' || !Array.isArray(path)) return `(not a problem: ${showValue(p)})`
  const where = renderPath(path.map((seg: unknown) => (typeof seg === 'number' ? seg : asText(seg))))
  return where === '' ? message : `${where}: ${message}`
}

/**
 * Renders problems for people, one per line: `path: message` (or just the
 * message at the root). Never throws: what is not a list of problems is said so.
 */
export const formatProblems = (problems: ReadonlyArray<Problem>): string => {
  // Read once into plain data: a caller's list may be anything, even a proxy.
  const read = readPlain(problems)
  const list: unknown = E.isLeft(read) ? read.left : read.right
  return Array.isArray(list) ? list.map(line).join('\n') : `(not a list of problems: ${describeType(list)})`
}
