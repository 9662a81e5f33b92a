import * as E from 'fp-ts/lib/Either.js'
import { MAX_JSON_DEPTH } from '../model/limits.js'
import type { PathSegment, Problem } from '../model/problem.js'
import { compareUtf8, goString } from './go-encode.js'
import { wellFormed } from './parse.js'

/**
 * Terraform's `jsonencode` of a JavaScript value (an object a program or a
 * CDK app gives as an input): object keys sorted by their UTF-8 bytes at
 * every depth, no whitespace, strings escaped as Go escapes them (`<` `>` `&`
 * U+2028 U+2029 as `\u…`), and numbers written out in full without an
 * exponent, as cty writes its decimals (`1e21` is `1000000000000000000000`).
 * A JavaScript number is a float64, so its digits are the fewest that read
 * back as the same float64; for a JSON text, whose numbers may carry more
 * digits than float64 holds, `jsonencodeText` works from the text instead.
 * Iterative: any depth short of Go's limit.
 */

/** Replaces what the encoder would write for a value: the JSON text to insert, a message for a problem at its path, or `undefined` to encode it as usual. The path array is reused: valid during the call only. */
export type EncodeHook = (value: unknown, path: ReadonlyArray<PathSegment>) => E.Either<string, string> | undefined

/** Options of `jsonencode`. */
export interface JsonencodeOptions {
  /** Looked up for every value before the usual encoding (the CDK construct uses it for tokens). */
  readonly hook?: EncodeHook
}

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

const typeOf = (u: unknown): string =>
  u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u === 'object' ? `an object of class ${(u as { constructor?: { name?: string } }).constructor?.name ?? 'unknown'}` : typeof u

/** An open array or object: what is left to write of it. */
interface Frame {
  readonly node: object
  /** The items of an array, or the members' values of an object in key order. */
  readonly values: ReadonlyArray<unknown>
  /** The sorted keys of an object, each as Go writes it; `undefined` for an array. */
  readonly keys: ReadonlyArray<string> | undefined
  readonly encodedKeys: ReadonlyArray<string> | undefined
  i: number
}

/**
 * Encodes a JSON-like value (plain objects, arrays, strings, finite numbers,
 * bigints, booleans, null) as Terraform's `jsonencode` does. Object members
 * that are `undefined` are left out, as `JSON.stringify` does; keys that
 * differ only by lone surrogates are one key (U+FFFD), the later value kept.
 * Anything else (a function, a class instance, `NaN`, a cycle, nesting
 * deeper than Go's 10,000 levels) is a problem at its path, as is a getter
 * or proxy trap that throws. Never throws.
 */
export const jsonencode = (value: unknown, options: JsonencodeOptions = {}): E.Either<Problem[], string> => {
  const problems: Problem[] = []
  const hook = options.hook
  const ancestors = new Set<object>()
  const frames: Frame[] = []
  const path: PathSegment[] = []
  let out = ''
  const fail = (message: string, at: ReadonlyArray<PathSegment> = path): void => {
    problems.push({ path: [...at], message })
  }

  /** Writes a value at `path`, or opens it: true when it left a frame open. */
  const write = (u: unknown): boolean => {
    const hooked = hook?.(u, path)
    if (hooked !== undefined) {
      if (E.isLeft(hooked)) fail(hooked.left)
      out += E.isLeft(hooked) ? 'null' : hooked.right
      return false
    }
    switch (typeof u) {
      case 'string':
        out += goString(u)
        return false
      case 'number':
        if (Number.isFinite(u)) out += decimalNumber(u)
        else {
          fail(`must be a finite number, got ${String(u)}`)
          out += 'null'
        }
        return false
      case 'bigint':
        out += u.toString()
        return false
      case 'boolean':
        out += u ? 'true' : 'false'
        return false
      case 'object':
        break
      default:
        fail(`cannot be written as JSON: got ${typeOf(u)}`)
        out += 'null'
        return false
    }
    if (u === null) {
      out += 'null'
      return false
    }
    let problem: string | undefined
    if (frames.length >= MAX_JSON_DEPTH) problem = `is nested deeper than ${MAX_JSON_DEPTH.toLocaleString('en-US')} levels, which the function's JSON decoder refuses`
    else if (ancestors.has(u)) problem = 'refers to itself (a cycle), which JSON cannot hold'
    else if (!Array.isArray(u) && !isPlainObject(u)) problem = `cannot be written as JSON: got ${typeOf(u)}; give plain objects, arrays, strings, numbers, booleans or null`
    if (problem !== undefined) {
      fail(problem)
      out += 'null'
      return false
    }
    let frame: Frame
    if (Array.isArray(u)) {
      const items: unknown[] = []
      for (let i = 0; i < u.length; i++) items.push(u[i])
      frame = { node: u, values: items, keys: undefined, encodedKeys: undefined, i: 0 }
    } else {
      // Keys that differ only by lone surrogates are one key once well-formed: the later one wins, as in a Go map.
      const byText = new Map<string, unknown>()
      for (const [k, v] of Object.entries(u)) if (v !== undefined) byText.set(wellFormed(k), v)
      const keys = [...byText.keys()].sort(compareUtf8)
      frame = { node: u, values: keys.map((k) => byText.get(k)), keys, encodedKeys: keys.map(goString), i: 0 }
    }
    out += frame.keys === undefined ? '[' : '{'
    ancestors.add(u)
    frames.push(frame)
    return true
  }

  try {
    write(value)
    while (frames.length > 0) {
      const top = frames[frames.length - 1] as Frame
      if (top.i >= top.values.length) {
        out += top.keys === undefined ? ']' : '}'
        frames.pop()
        ancestors.delete(top.node)
        if (frames.length > 0) path.pop() // the segment this container stood at
        continue
      }
      const i = top.i
      top.i += 1
      if (i > 0) out += ','
      const item = top.values[i]
      if (top.keys === undefined) {
        path.push(i)
        if (item === undefined) {
          fail('is undefined, which JSON cannot hold; use null')
          out += 'null'
          path.pop()
          continue
        }
      } else {
        path.push(top.keys[i] as string)
        out += `${top.encodedKeys?.[i] as string}:`
      }
      if (!write(item)) path.pop()
    }
  } catch (error) {
    // A getter or proxy trap of the caller's value threw.
    return E.left([{ path: [], message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }])
  }
  return problems.length > 0 ? E.left(problems) : E.right(out)
}
