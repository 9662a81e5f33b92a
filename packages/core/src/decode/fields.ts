import * as E from 'fp-ts/lib/Either.js'
import { problem, type PathSegment, type Problem } from '../model/problem.js'
import { describeType, isRecord } from './describe.js'
import { closest } from './suggest.js'

/** Problems found so far; validators push to it and go on, so every problem is reported. */
export type Problems = Problem[]

/** Pushes a problem for each key of `obj` not in `known`, suggesting the closest known one. */
export const rejectUnknownKeys = (
  problems: Problems,
  path: ReadonlyArray<PathSegment>,
  obj: Readonly<Record<string, unknown>>,
  known: ReadonlyArray<string>,
  what: string,
  suggestFrom: ReadonlyArray<string> = known,
): void => {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue
    const hint = closest(key, suggestFrom)
    problems.push(
      problem(
        [...path, key],
        hint === undefined ? `is not ${what} (known: ${suggestFrom.join(', ')})` : `is not ${what}; did you mean "${hint}"?`,
      ),
    )
  }
}

/**
 * Reads an optional string: absent, `undefined` and `null` give `undefined`;
 * anything else must be a string passing `check`.
 */
export const optionalString = <T extends string>(
  problems: Problems,
  path: ReadonlyArray<PathSegment>,
  u: unknown,
  check: (s: string) => E.Either<string, T>,
): T | undefined => {
  if (u === undefined || u === null) return undefined
  return requiredString(problems, path, u, check)
}

/** Reads a required string passing `check`; `undefined` (and a problem) otherwise. */
export const requiredString = <T extends string>(
  problems: Problems,
  path: ReadonlyArray<PathSegment>,
  u: unknown,
  check: (s: string) => E.Either<string, T>,
): T | undefined => {
  if (u === undefined || u === null) {
    problems.push(problem(path, 'is required'))
    return undefined
  }
  if (typeof u !== 'string') {
    problems.push(problem(path, `must be a string, got ${describeType(u)}`))
    return undefined
  }
  const checked = check(u)
  if (E.isLeft(checked)) {
    problems.push(problem(path, checked.left))
    return undefined
  }
  return checked.right
}

/** Any string. */
export const anyString = (s: string): E.Either<string, string> => E.right(s)

/** One of the given string literals. */
export const oneOf =
  <T extends string>(values: ReadonlyArray<T>) =>
  (s: string): E.Either<string, T> =>
    (values as ReadonlyArray<string>).includes(s)
      ? E.right(s as T)
      : E.left(`must be ${values.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(s)}`)

/** Reads an optional map of string to string: absent and `null` give `{}`. */
export const stringMap = (
  problems: Problems,
  path: ReadonlyArray<PathSegment>,
  u: unknown,
): Readonly<Record<string, string>> | undefined => {
  if (u === undefined || u === null) return {}
  if (!isRecord(u)) {
    problems.push(problem(path, `must be a map of string to string, got ${describeType(u)}`))
    return undefined
  }
  const out: Record<string, string> = {}
  let ok = true
  for (const [k, v] of Object.entries(u)) {
    if (typeof v !== 'string') {
      problems.push(problem([...path, k], `must be a string, got ${describeType(v)}`))
      ok = false
    } else {
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    }
  }
  return ok ? out : undefined
}
