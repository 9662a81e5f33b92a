import * as E from 'fp-ts/lib/Either.js'
import { MAX_JSON_DEPTH } from '../model/limits.js'
import { scanJson } from './scan.js'

/**
 * A JSON text accepted by Go's `encoding/json` (as the provider decodes it),
 * with its value and what the encoders need to know about it.
 */
export interface Json {
  /** The text, with any lone surrogate replaced by U+FFFD (what its UTF-8 bytes say). */
  readonly text: string
  /** The value Go decodes: lone surrogates, raw or escaped, are U+FFFD (so keys that collapse keep the last value). */
  readonly value: unknown
  /** False when the parse left the depth and float64 checks to the encoder (`findTreeFault`). */
  readonly treeChecked: boolean
}

/** Why Go would refuse a text JSON.parse accepted. */
export type TreeFault = 'depth' | 'range'

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
const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/** True when some character of the JSON text, raw or escaped, is at or above U+D800 (where UTF-16 order is not UTF-8 order). */
export const hasHighChars = (text: string): boolean => HIGH_CHAR.test(text)

/**
 * Walks a parsed value without recursion for what Go refuses and JSON.parse
 * accepts: nesting deeper than 10,000 levels, numbers that overflowed to infinity.
 */
export const findTreeFault = (root: unknown): TreeFault | undefined => {
  if (typeof root !== 'object' || root === null) {
    return typeof root === 'number' && !Number.isFinite(root) ? 'range' : undefined
  }
  const stack: object[] = [root]
  const depths: number[] = [1]
  while (stack.length > 0) {
    const node = stack.pop() as object
    const depth = depths.pop() as number
    if (depth > MAX_JSON_DEPTH) return 'depth'
    if (Array.isArray(node)) {
      for (let k = 0; k < node.length; k++) {
        const v: unknown = node[k]
        if (typeof v === 'object') {
          if (v !== null) {
            stack.push(v)
            depths.push(depth + 1)
          }
        } else if (typeof v === 'number' && !Number.isFinite(v)) return 'range'
      }
    } else {
      for (const k in node) {
        const v: unknown = (node as Record<string, unknown>)[k]
        if (typeof v === 'object') {
          if (v !== null) {
            stack.push(v)
            depths.push(depth + 1)
          }
        } else if (typeof v === 'number' && !Number.isFinite(v)) return 'range'
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
 * `checkTree: false` leaves the depth and range checks to the caller (the
 * Go encoder does them in its own walk).
 */
export const parseJson = (input: string, options: { readonly checkTree?: boolean } = {}): E.Either<string, Json> => {
  if (input.length === 0) return E.left('must be JSON text, got an empty string')
  const text = wellFormed(input)
  let value: unknown
  try {
    value = JSON.parse(SURROGATE_ESCAPE.test(text) ? replaceLoneSurrogateEscapes(text) : text)
  } catch (e) {
    if (/^[ \t\n\r]*$/.test(text)) return E.left('must be JSON text, got only whitespace')
    return E.left(`not valid JSON: ${scanJson(text)?.message ?? (e instanceof Error ? e.message : String(e))}`)
  }
  if (options.checkTree === false) return E.right({ text, value, treeChecked: false })
  const fault = findTreeFault(value)
  return fault === undefined ? E.right({ text, value, treeChecked: true }) : E.left(treeFaultMessage(fault, text))
}

/** The message for a fault of the text `text`, naming the number when it is a range fault. */
export const treeFaultMessage = (fault: TreeFault, text: string): string => {
  if (fault === 'depth') return `not valid JSON: nested deeper than ${MAX_JSON_DEPTH.toLocaleString('en-US')} levels (Go's limit)`
  const n = hugeNumberText(text)
  return `not valid JSON: ${n === undefined ? 'a number' : `the number ${n}`} is beyond the float64 range`
}

/** A name for the JSON type of a parsed value: `an object`, `an array`, `a string`, `a number`, `a boolean`, `null`. */
export const jsonTypeName = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : 'a boolean'

/** True for a parsed JSON object (not an array, not null). */
export const isJsonObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
