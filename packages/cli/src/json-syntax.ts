/**
 * Parses JSON text and, when it is not valid, says where (line and column,
 * both from 1) and why. V8's own messages omit the position for some errors,
 * so the first error is located by a small scanner of our own.
 */
import type { Either } from 'fp-ts/lib/Either.js'
import { left, right } from 'fp-ts/lib/Either.js'

/** Where a JSON text stops being valid, and why. */
export interface JsonSyntaxError {
  readonly line: number
  readonly column: number
  readonly message: string
}

/** Parses `text` as JSON; a syntax error comes back with its line and column. Never throws. */
export const parseJson = (text: string): Either<JsonSyntaxError, unknown> => {
  try {
    return right(JSON.parse(text.replace(/^\uFEFF/, '')) as unknown)
  } catch (e) {
    // Only a failure pays for the slower scan that finds where and why.
    return left(locateJsonError(text) ?? { line: 1, column: 1, message: e instanceof Error ? e.message : String(e) })
  }
}

/** Renders a syntax error as `line L, column C: message`. */
export const formatJsonSyntaxError = (e: JsonSyntaxError): string => `line ${e.line}, column ${e.column}: ${e.message}`

class Stop {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

/** Called for each value, once scanned, with its path and its source span `[start, end)`. */
export type ValueVisitor = (path: ReadonlyArray<string | number>, start: number, end: number) => void

/** The first syntax error in `text`, or `undefined` when it is valid JSON; `visit` sees every value's span. */
export const locateJsonError = (text: string, visit?: ValueVisitor): JsonSyntaxError | undefined => {
  let i = 0
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message)
  }
  const describe = (at: number): string =>
    at >= text.length ? 'the end of the text' : `${JSON.stringify(text[at])}`
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++
  }
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length
    else fail(`unexpected ${describe(i)}, expected a value`)
  }
  const string = (): void => {
    i++ // opening quote
    for (;;) {
      if (i >= text.length) fail('unterminated string: missing the closing "')
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return
      }
      if (c < 0x20) fail(c === 0x0a ? 'a line break inside a string must be written \\n' : 'a control character inside a string must be escaped')
      if (c === 0x5c) {
        const e = text[i + 1]
        if (e === undefined) fail('unterminated string: missing the closing "')
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits')
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else fail(`invalid escape \\${e}`)
        continue
      }
      i++
    }
  }
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 1000))
    if (m === null || m[0] === '-' || m[0] === '') fail('invalid number')
    i += m![0].length
    if (i < text.length && /[\d.eE+-]/.test(text[i]!)) fail('invalid number')
  }
  const value = (path: ReadonlyArray<string | number>, depth: number): void => {
    ws()
    const start = i
    scan(path, depth)
    visit?.(path, start, i)
  }
  const scan = (path: ReadonlyArray<string | number>, depth: number): void => {
    if (depth > 10_000) fail('nested more than 10,000 levels deep')
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"')
          fail(text[i] === '}' ? 'a trailing comma is not allowed in JSON' : `unexpected ${describe(i)}, expected a property name in double quotes`)
        const keyStart = i
        string()
        const key = visit === undefined ? '' : (JSON.parse(text.slice(keyStart, i)) as string)
        ws()
        if (text[i] !== ':') fail(`unexpected ${describe(i)}, expected ':' after the property name`)
        i++
        value(visit === undefined ? path : [...path, key], depth + 1)
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          return
        }
        fail(`unexpected ${describe(i)}, expected ',' or '}'`)
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (let index = 0; ; index++) {
        ws()
        if (text[i] === ']') fail('a trailing comma is not allowed in JSON')
        value(visit === undefined ? path : [...path, index], depth + 1)
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          return
        }
        fail(`unexpected ${describe(i)}, expected ',' or ']'`)
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
    fail(c === undefined ? 'unexpected end of the text, expected a value' : `unexpected ${describe(i)}, expected a value`)
  }
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1
    value([], 0)
    ws()
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`)
    return undefined
  } catch (e) {
    if (!(e instanceof Stop)) throw e
    return { ...lineColumn(text, e.at), message: e.message }
  }
}

const lineColumn = (text: string, at: number): { line: number; column: number } => {
  let line = 1
  let start = 0
  for (let k = 0; k < at && k < text.length; k++) {
    if (text[k] === '\n') {
      line++
      start = k + 1
    }
  }
  return { line, column: at - start + 1 }
}
