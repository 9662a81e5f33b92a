import * as E from 'fp-ts/lib/Either.js'
import { problem, type PathSegment, type Problem } from '@lambda-invocation/core'
import { compareUtf8, goString, wellFormed } from '@lambda-invocation/core/json'

/**
 * Terraform's `jsonencode` of a value written as an object, so that an `Input`
 * given as an object is the same text Terraform would send: object keys sorted
 * by their UTF-8 bytes at every depth, no whitespace, strings escaped as Go
 * escapes them (`<` `>` `&` U+2028 U+2029 as `\u…`), and numbers written out
 * in full without an exponent (cty numbers are decimals, not float64:
 * `1e21` is `1000000000000000000000`).
 */

/** Replaces what an encoder would otherwise write for a value: return the JSON text to insert, or `undefined` to encode it as usual. */
export type EncodeHook = (value: unknown, path: ReadonlyArray<PathSegment>) => E.Either<string, string> | undefined

/** Options of `jsonencode`. */
export interface JsonencodeOptions {
  /** Looked up for every value before the usual encoding (the CDK construct uses it for tokens). */
  readonly hook?: EncodeHook
}

/** Go's decoder refuses deeper nesting when the function's runtime reads the payload; refuse it here already. */
const MAX_DEPTH = 10_000

/** A finite number in full decimal notation, with the fewest digits that give back the same float64. */
export const decimalNumber = (n: number): string => {
  if (Object.is(n, -0)) return '-0'
  const short = String(n)
  if (!short.includes('e')) return short
  const [mantissa = '', exponent = '0'] = n.toExponential().split('e')
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  const exp = Number(exponent)
  let out: string
  if (exp >= 0) {
    const whole = exp + 1
    out = digits.length <= whole ? digits + '0'.repeat(whole - digits.length) : `${digits.slice(0, whole)}.${digits.slice(whole)}`
  } else {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`
  }
  return negative ? `-${out}` : out
}

const isPlainObject = (u: object): boolean => {
  const proto = Object.getPrototypeOf(u) as unknown
  return proto === Object.prototype || proto === null
}

const typeOf = (u: unknown): string => (u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u === 'object' ? `an object of class ${u.constructor?.name ?? 'unknown'}` : typeof u)

/**
 * Encodes a JSON-like value (plain objects, arrays, strings, finite numbers,
 * bigints, booleans, null) as Terraform's `jsonencode` does. Object members
 * that are `undefined` are left out, as `JSON.stringify` does. Anything else
 * (a function, a class instance, `NaN`, a cycle) is a problem at its path.
 * Never throws.
 */
export const jsonencode = (value: unknown, options: JsonencodeOptions = {}): E.Either<Problem[], string> => {
  const problems: Problem[] = []
  const ancestors = new Set<object>()
  const hook = options.hook

  const encode = (u: unknown, path: PathSegment[], depth: number): string => {
    const hooked = hook?.(u, path)
    if (hooked !== undefined) {
      if (E.isLeft(hooked)) problems.push(problem(path, hooked.left))
      return E.isLeft(hooked) ? 'null' : hooked.right
    }
    switch (typeof u) {
      case 'string':
        return goString(u)
      case 'number':
        if (Number.isFinite(u)) return decimalNumber(u)
        problems.push(problem(path, `must be a finite number, got ${String(u)}`))
        return 'null'
      case 'bigint':
        return u.toString()
      case 'boolean':
        return u ? 'true' : 'false'
      case 'object':
        break
      default:
        problems.push(problem(path, `cannot be written as JSON: got ${typeOf(u)}`))
        return 'null'
    }
    if (u === null) return 'null'
    if (depth >= MAX_DEPTH) {
      problems.push(problem(path, `is nested deeper than ${MAX_DEPTH.toLocaleString('en-US')} levels, which the function's JSON decoder refuses`))
      return 'null'
    }
    if (ancestors.has(u)) {
      problems.push(problem(path, 'refers to itself (a cycle), which JSON cannot hold'))
      return 'null'
    }
    if (!Array.isArray(u) && !isPlainObject(u)) {
      problems.push(problem(path, `cannot be written as JSON: got ${typeOf(u)}; give plain objects, arrays, strings, numbers, booleans or null`))
      return 'null'
    }
    ancestors.add(u)
    let out: string
    if (Array.isArray(u)) {
      const items: string[] = []
      for (let i = 0; i < u.length; i++) {
        const item: unknown = u[i]
        if (item === undefined) problems.push(problem([...path, i], 'is undefined, which JSON cannot hold; use null'))
        items.push(item === undefined ? 'null' : encode(item, [...path, i], depth + 1))
      }
      out = `[${items.join(',')}]`
    } else {
      // Keys that differ only by lone surrogates are one key once well-formed: the later one wins, as in a Go map.
      const byText = new Map<string, unknown>()
      for (const [k, v] of Object.entries(u)) if (v !== undefined) byText.set(wellFormed(k), v)
      const keys = [...byText.keys()].sort(compareUtf8)
      out = `{${keys.map((k) => `${goString(k)}:${encode(byText.get(k), [...path, k], depth + 1)}`).join(',')}}`
    }
    ancestors.delete(u)
    return out
  }

  let text: string
  try {
    text = encode(value, [], 0)
  } catch (error) {
    // A getter or proxy trap of the caller's value threw.
    return E.left([problem([], `could not be read: ${error instanceof Error ? error.message : String(error)}`)])
  }
  return problems.length > 0 ? E.left(problems) : E.right(text)
}
