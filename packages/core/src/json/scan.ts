/**
 * The JSON scanner: checks a text against the JSON grammar (RFC 8259, which
 * both `JSON.parse` and Go's decoder follow), locates its first syntax error
 * for people, and can tell where each value stands in the text. Iterative:
 * any depth is fine. Parsing stays with `JSON.parse`, which is much faster;
 * this runs when it has refused a text, or when a caller wants the spans.
 */

/** Where a JSON text stops being valid, and why: tagged data, rendered by its `message`. */
export interface JsonSyntaxError {
  readonly _tag: 'JsonSyntaxError'
  /** Index (UTF-16 code units) of the character the message names; the text's length at its end. */
  readonly offset: number
  /** 1-based line of `offset`. */
  readonly line: number
  /** 1-based column of `offset`, in UTF-16 code units. */
  readonly column: number
  /** The sentence for people, place included: `unexpected end at line 1, column 6`. */
  readonly message: string
  /** The same sentence without its place, for a caller that places it itself (a line of a larger file): `unexpected end`. */
  readonly reason: string
}

/** Where a value stands from the root: object keys (decoded) and array indexes. */
export type JsonPath = ReadonlyArray<string | number>

/**
 * Called for each value once it is scanned (members before their container),
 * with its path and its span `[start, end)` in the text. The path array is
 * reused: valid during the call only, copy it to keep it.
 */
export type ValueVisitor = (path: JsonPath, start: number, end: number) => void

/** True for the four characters JSON counts as whitespace (a no-break space or a byte order mark is not). */
export const isJsonSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)

/**
 * Line and column (1-based, columns in UTF-16 code units) of `index` in
 * `text`; line 1 starts at `from` (past a byte order mark, say).
 */
export const lineColumn = (text: string, index: number, from = 0): { readonly line: number; readonly column: number } => {
  let line = 1
  let lineStart = from
  for (let i = text.indexOf('\n', from); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1
    lineStart = i + 1
  }
  return { line, column: index - lineStart + 1 }
}

/** A syntax error before it is placed: the message is `${what} at line L, column C${detail}`. */
interface Fault {
  readonly at: number
  readonly what: string
  readonly detail: string
}

// Characters a person cannot see in a message: name them by code point instead.
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}\p{Cs}]$/u

const showChar = (text: string, i: number): string => {
  const c = text.codePointAt(i) ?? 0
  const ch = String.fromCodePoint(c)
  if (c === 0x20) return '" "'
  if (INVISIBLE.test(ch)) return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
  return JSON.stringify(ch)
}

const unexpected = (text: string, i: number, detail = ''): Fault =>
  i >= text.length ? { at: i, what: 'unexpected end', detail: '' } : { at: i, what: `unexpected character ${showChar(text, i)}`, detail }

// At the end of the text only "unexpected end" is said: what was expected there is plain from the text.
const expected = (text: string, i: number, what: string): Fault => unexpected(text, i, `: expected ${what}`)

const notClosed = (i: number): Fault => ({ at: i, what: 'unexpected end', detail: ' (a string is not closed)' })

/** Scans a string starting at the quote `i`: the index after its closing quote, or a fault. */
const scanString = (text: string, i: number): number | Fault => {
  let j = i + 1
  for (;;) {
    if (j >= text.length) return notClosed(j)
    const c = text.charCodeAt(j)
    if (c === 0x22) return j + 1
    if (c < 0x20) return { at: j, what: `control character ${showChar(text, j)} must be escaped in a string`, detail: '' }
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1)
      if (Number.isNaN(e)) return notClosed(j + 1)
      if (e === 0x75) {
        for (let k = j + 2; k < j + 6; k++) {
          if (!isHex(text.charCodeAt(k))) return { at: j, what: 'invalid \\u escape', detail: ': expected 4 hex digits' }
        }
        j += 6
      } else if ('"\\/bfnrt'.includes(text.charAt(j + 1))) {
        j += 2
      } else {
        return { at: j, what: `invalid escape "\\${text.charAt(j + 1)}"`, detail: '' }
      }
    } else {
      j += 1
    }
  }
}

/** Scans a number starting at `i`: the index after it, or a fault. */
const scanNumber = (text: string, i: number): number | Fault => {
  let j = i
  if (text.charCodeAt(j) === 0x2d) j += 1
  if (text.charCodeAt(j) === 0x30) {
    j += 1
  } else if (isDigit(text.charCodeAt(j))) {
    while (isDigit(text.charCodeAt(j))) j += 1
  } else {
    return unexpected(text, j)
  }
  if (text.charCodeAt(j) === 0x2e) {
    j += 1
    if (!isDigit(text.charCodeAt(j))) return unexpected(text, j)
    while (isDigit(text.charCodeAt(j))) j += 1
  }
  const e = text.charCodeAt(j)
  if (e === 0x65 || e === 0x45) {
    j += 1
    const s = text.charCodeAt(j)
    if (s === 0x2b || s === 0x2d) j += 1
    if (!isDigit(text.charCodeAt(j))) return unexpected(text, j)
    while (isDigit(text.charCodeAt(j))) j += 1
  }
  return j
}

const scanLiteral = (text: string, i: number, word: string): number | Fault => {
  for (let k = 0; k < word.length; k++) {
    if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return unexpected(text, i + k)
  }
  return i + word.length
}

const OPEN_OBJECT = 0x7b
const OPEN_ARRAY = 0x5b
const CLOSE_OBJECT = 0x7d
const CLOSE_ARRAY = 0x5d

/** What the scanner expects next: a value; an object key; or, a value having ended, `,`, a closing bracket or the end. */
type Mode = 'value' | 'key' | 'after'

/** The first fault of the JSON text starting at `from`, visiting each value's span; `undefined` when valid. */
const scan = (text: string, from: number, visit: ValueVisitor | undefined): Fault | undefined => {
  const n = text.length
  const open: number[] = [] // the bracket of each open container, innermost last
  const starts: number[] = [] // where each open container starts
  const path: Array<string | number> = [] // kept only when visiting
  let i = from
  let mode: Mode = 'value'
  for (;;) {
    while (i < n && isJsonSpace(text.charCodeAt(i))) i += 1
    if (mode === 'key') {
      if (text.charCodeAt(i) !== 0x22) return expected(text, i, 'a string key')
      const end = scanString(text, i)
      if (typeof end !== 'number') return end
      if (visit !== undefined) path.push(JSON.parse(text.slice(i, end)) as string) // a valid string: cannot throw
      i = end
      while (i < n && isJsonSpace(text.charCodeAt(i))) i += 1
      if (text.charCodeAt(i) !== 0x3a) return expected(text, i, '":"')
      i += 1
      mode = 'value'
      continue
    }
    if (mode === 'value') {
      const start = i
      const c = text.charCodeAt(i)
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        i += 1
        while (i < n && isJsonSpace(text.charCodeAt(i))) i += 1
        if (text.charCodeAt(i) === (c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
          i += 1
          visit?.(path, start, i)
          mode = 'after'
        } else {
          open.push(c)
          starts.push(start)
          if (c === OPEN_ARRAY && visit !== undefined) path.push(0)
          mode = c === OPEN_OBJECT ? 'key' : 'value'
        }
        continue
      }
      let end: number | Fault
      if (c === 0x22) end = scanString(text, i)
      else if (c === 0x2d || isDigit(c)) end = scanNumber(text, i)
      else if (c === 0x74) end = scanLiteral(text, i, 'true')
      else if (c === 0x66) end = scanLiteral(text, i, 'false')
      else if (c === 0x6e) end = scanLiteral(text, i, 'null')
      else end = unexpected(text, i)
      if (typeof end !== 'number') return end
      i = end
      visit?.(path, start, i)
      mode = 'after'
      continue
    }
    // mode === 'after'
    const top = open[open.length - 1]
    if (top === undefined) return i >= n ? undefined : unexpected(text, i, ' after the end of the JSON value')
    const c = text.charCodeAt(i)
    if (c === 0x2c) {
      i += 1
      if (visit !== undefined) {
        if (top === OPEN_ARRAY) path.push((path.pop() as number) + 1)
        else path.pop() // the next key replaces it
      }
      mode = top === OPEN_OBJECT ? 'key' : 'value'
    } else if (c === (top === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
      i += 1
      open.pop()
      const start = starts.pop() as number
      if (visit !== undefined) {
        path.pop() // the last member's key or index
        visit(path, start, i)
      }
    } else {
      return expected(text, i, top === OPEN_OBJECT ? '"," or "}"' : '"," or "]"')
    }
  }
}

/**
 * The first syntax error of the JSON text that starts at `from` in `text`
 * (line 1 counted from there), or `undefined` when it is valid; `visit`
 * sees every value's span, indexes into `text`.
 */
export const scanJsonFrom = (text: string, from: number, visit?: ValueVisitor): JsonSyntaxError | undefined => {
  const fault = scan(text, from, visit)
  if (fault === undefined) return undefined
  const { line, column } = lineColumn(text, fault.at, from)
  return { _tag: 'JsonSyntaxError', offset: fault.at, line, column, message: `${fault.what} at line ${line}, column ${column}${fault.detail}`, reason: `${fault.what}${fault.detail}` }
}

/**
 * The first syntax error of `text`, e.g. `unexpected end at line 1, column 6`,
 * or `undefined` when it is valid JSON; `visit` sees every value's span.
 */
export const scanJson = (text: string, visit?: ValueVisitor): JsonSyntaxError | undefined => scanJsonFrom(text, 0, visit)
