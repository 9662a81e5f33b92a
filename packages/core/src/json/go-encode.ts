import { wellFormed } from './parse.js'

/**
 * Go's `json.Marshal` of a decoded `map[string]any` / `[]any`, byte for byte:
 * keys sorted by UTF-8 bytes at every depth, float64 numbers as Go writes
 * them, HTML-safe string escapes, lone surrogates as U+FFFD, no whitespace.
 */

/** What the encoder may assume about the value, to skip work it does not need. */
export interface GoEncodeHints {
  /** Strings may hold lone surrogates (they become U+FFFD). */
  readonly loneSurrogates: boolean
  /** Keys may hold characters at or above U+D800, where UTF-16 order is not UTF-8 order. */
  readonly highKeys: boolean
}

const SAFE_HINTS: GoEncodeHints = { loneSurrogates: true, highKeys: true }

// Code point order from UTF-16 code units: surrogates (astral characters) sort after U+E000–U+FFFF.
const unitRank = (c: number): number => (c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c)

/** Compares two strings by their UTF-8 bytes (that is, by code points). */
export const compareUtf8 = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return unitRank(x) - unitRank(y)
  }
  return a.length - b.length
}

/** Go's encoding of a float64. `String(n)` matches Go's format except for `-0`. */
export const goNumber = (n: number): string => (n === 0 && 1 / n < 0 ? '-0' : String(n))

const HTML_UNSAFE = /[<>&\u2028\u2029]/
const HTML_UNSAFE_G = /[<>&\u2028\u2029]/g
const htmlEscape = (m: string): string =>
  m === '<' ? '\\u003c' : m === '>' ? '\\u003e' : m === '&' ? '\\u0026' : m === '\u2028' ? '\\u2028' : '\\u2029'

/** Go's escaping of characters `JSON.stringify` leaves raw. Safe on whole JSON output: these only occur in strings. */
export const escapeHtml = (json: string): string => (HTML_UNSAFE.test(json) ? json.replace(HTML_UNSAFE_G, htmlEscape) : json)

/** Go's encoding of a string. */
export const goString = (s: string): string => escapeHtml(JSON.stringify(wellFormed(s)))

const compareWellFormed = (a: string, b: string): number => compareUtf8(wellFormed(a), wellFormed(b))

/** Keys of a decoded object in Go's order, with keys that collapse to the same UTF-8 text kept once (the last). */
const sortedKeys = (obj: object, hints: GoEncodeHints): string[] => {
  const keys = Object.keys(obj)
  if (!hints.highKeys) return keys.sort()
  if (hints.loneSurrogates) {
    // Two keys that differ only by lone surrogates are the same key to Go; the later one wins.
    const byText = new Map<string, string>()
    let collapsed = false
    for (const k of keys) {
      const w = wellFormed(k)
      if (byText.has(w)) collapsed = true
      byText.set(w, k)
    }
    if (collapsed) return [...byText.values()].sort(compareWellFormed)
    return keys.sort(compareWellFormed)
  }
  return keys.sort(compareUtf8)
}

interface Frame {
  readonly node: object
  /** Sorted keys of an object; `undefined` for an array. */
  readonly keys: string[] | undefined
  readonly length: number
  i: number
}

/**
 * Encodes a value `JSON.parse` produced exactly as Go's `json.Marshal` does
 * after decoding the same text into `any`. `extra` adds one key to the root
 * object (the lifecycle key), sorted with the others. Iterative: any depth.
 */
export const encodeGo = (
  value: unknown,
  hints: GoEncodeHints = SAFE_HINTS,
  extra?: { readonly key: string; readonly value: unknown },
): string => {
  const str = hints.loneSurrogates ? (s: string): string => JSON.stringify(wellFormed(s)) : (s: string): string => JSON.stringify(s)
  const stack: Frame[] = []
  let out = ''

  const open = (v: object, extraKey: string | undefined): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) {
        out += '[]'
        return
      }
      out += '['
      stack.push({ node: v, keys: undefined, length: v.length, i: 0 })
      return
    }
    const keys = sortedKeys(v, hints)
    if (extraKey !== undefined) {
      keys.push(extraKey)
      keys.sort(!hints.highKeys ? undefined : hints.loneSurrogates ? compareWellFormed : compareUtf8)
    }
    if (keys.length === 0) {
      out += '{}'
      return
    }
    out += '{'
    stack.push({ node: v, keys, length: keys.length, i: 0 })
  }

  const leaf = (v: unknown): void => {
    switch (typeof v) {
      case 'string':
        out += str(v)
        return
      case 'number':
        out += v === 0 && 1 / v < 0 ? '-0' : String(v)
        return
      case 'boolean':
        out += v ? 'true' : 'false'
        return
      default:
        out += 'null'
    }
  }

  const emit = (v: unknown): void => {
    if (typeof v === 'object' && v !== null) open(v, undefined)
    else leaf(v)
  }

  if (typeof value === 'object' && value !== null && !Array.isArray(value) && extra !== undefined) {
    open(value, extra.key)
  } else {
    emit(value)
  }
  const rootFrame = stack[0]

  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame
    if (top.i >= top.length) {
      out += top.keys === undefined ? ']' : '}'
      stack.pop()
      continue
    }
    const index = top.i
    top.i += 1
    if (index > 0) out += ','
    if (top.keys === undefined) {
      emit((top.node as ReadonlyArray<unknown>)[index])
    } else {
      const k = top.keys[index] as string
      out += str(k)
      out += ':'
      emit(top === rootFrame && extra !== undefined && k === extra.key ? extra.value : (top.node as Readonly<Record<string, unknown>>)[k])
    }
  }
  return escapeHtml(out)
}
