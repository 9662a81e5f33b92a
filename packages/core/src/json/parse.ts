import * as E from 'fp-ts/lib/Either.js'
import { MAX_JSON_DEPTH } from '../limits.js'
import { describeSyntaxError } from './diagnose.js'

/**
 * A JSON text accepted by Go's `encoding/json` (as the provider decodes it),
 * with its value and what the encoders need to know about it.
 */
export interface Json {
  /** The text, with any lone surrogate replaced by U+FFFD (what its UTF-8 bytes say). */
  readonly text: string
  /** The value Go decodes: lone surrogates, raw or escaped, are U+FFFD (so keys that collapse keep the last value). */
  readonly value: unknown
  /** Some key may hold a character at or above U+D800, where UTF-16 and UTF-8 orders differ. */
  readonly highKeys: boolean
}

interface WellFormedString {
  isWellFormed(): boolean
  toWellFormed(): string
}

/** The string with lone surrogates replaced by U+FFFD, as UTF-8 encoding does. */
export const wellFormed = (s: string): string => {
  const w = s as unknown as WellFormedString
  return w.isWellFormed() ? s : w.toWellFormed()
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/
// Escapes taken pairwise from the left (so `\\ud800` is an escaped backslash): a surrogate pair, a lone surrogate, any other.
const ESCAPES = /\\(?:(u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})|(u[dD][89a-fA-F][0-9a-fA-F]{2})|.)/g

/** Replaces escaped lone surrogates by `\ufffd`, as Go's decoder does, before `JSON.parse` sees them. */
const replaceLoneSurrogateEscapes = (text: string): string =>
  text.replace(ESCAPES, (m: string, pair: string | undefined, lone: string | undefined) => (lone !== undefined && pair === undefined ? '\\ufffd' : m))
const HIGH_CHAR = /[\ud800-\uffff]|\\u[dDeEfF]/
// A number can exceed float64 only with a 3-digit exponent or 210+ digits (see `tooBig`).
const MAYBE_HUGE_NUMBER = /[eE]\+?\d{3}|\d{210}/
const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g

type TreeProblem = { readonly _tag: 'depth' } | { readonly _tag: 'range' }

/**
 * Walks the parsed value without recursion, looking for nesting deeper than
 * Go accepts and for numbers that overflowed to infinity.
 */
const checkTree = (root: unknown, checkDepth: boolean, checkRange: boolean): TreeProblem | undefined => {
  if (typeof root !== 'object' || root === null) {
    return typeof root === 'number' && !Number.isFinite(root) ? { _tag: 'range' } : undefined
  }
  const stack: object[] = [root]
  const depths: number[] = [1]
  while (stack.length > 0) {
    const node = stack.pop() as object
    const depth = depths.pop() as number
    if (checkDepth && depth > MAX_JSON_DEPTH) return { _tag: 'depth' }
    const children: ReadonlyArray<unknown> = Array.isArray(node) ? node : Object.values(node)
    for (let k = 0; k < children.length; k++) {
      const v = children[k]
      if (typeof v === 'object') {
        if (v !== null) {
          stack.push(v)
          depths.push(depth + 1)
        }
      } else if (checkRange && typeof v === 'number' && !Number.isFinite(v)) {
        return { _tag: 'range' }
      }
    }
  }
  return undefined
}

/** The first number token of the text that overflows float64 (best effort: strings are not skipped). */
const hugeNumberText = (text: string): string | undefined => {
  for (const m of text.matchAll(NUMBER_TOKEN)) {
    if (!Number.isFinite(Number(m[0]))) return m[0].length > 40 ? `${m[0].slice(0, 20)}…${m[0].slice(-10)}` : m[0]
  }
  return undefined
}

/**
 * Parses JSON with Go's rules: syntax errors give a message with line and
 * column, nesting deeper than 10,000 levels and numbers beyond float64 are
 * refused. Never throws. The message has no path; the caller adds it.
 */
export const parseJson = (input: string): E.Either<string, Json> => {
  if (input.length === 0) return E.left('must be JSON text, got an empty string')
  const text = wellFormed(input)
  let value: unknown
  try {
    value = JSON.parse(SURROGATE_ESCAPE.test(text) ? replaceLoneSurrogateEscapes(text) : text)
  } catch (e) {
    const described = describeSyntaxError(text)
    if (text.trim() === '') return E.left('must be JSON text, got only whitespace')
    return E.left(`not valid JSON: ${described ?? (e instanceof Error ? e.message : String(e))}`)
  }
  // Reaching a depth of 10,001 takes at least 10,001 openings and as many closings.
  const checkDepth = text.length > 2 * MAX_JSON_DEPTH
  const checkRange = MAYBE_HUGE_NUMBER.test(text)
  if (checkDepth || checkRange) {
    const found = checkTree(value, checkDepth, checkRange)
    if (found?._tag === 'depth') return E.left(`not valid JSON: nested deeper than ${MAX_JSON_DEPTH.toLocaleString('en-US')} levels (Go's limit)`)
    if (found?._tag === 'range') {
      const n = hugeNumberText(text)
      return E.left(`not valid JSON: ${n === undefined ? 'a number' : `the number ${n}`} is beyond the float64 range`)
    }
  }
  return E.right({
    text,
    value,
    highKeys: HIGH_CHAR.test(text),
  })
}

/** A name for the JSON type of a parsed value: `an object`, `an array`, `a string`, `a number`, `a boolean`, `null`. */
export const jsonTypeName = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : 'a boolean'

/** True for a parsed JSON object (not an array, not null). */
export const isJsonObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
