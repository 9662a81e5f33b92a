/**
 * Finds the first syntax error of a JSON text and describes it for people,
 * with a 1-based line and column. Only run after `JSON.parse` has refused the
 * text, so it favours clear messages over speed. Iterative: any depth is fine.
 */

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)

/** Line and column (1-based, columns in UTF-16 code units) of `index` in `text`. */
export const lineColumn = (text: string, index: number): { readonly line: number; readonly column: number } => {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1
    lineStart = i + 1
  }
  return { line, column: index - lineStart + 1 }
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

const at = (text: string, i: number): string => {
  const { line, column } = lineColumn(text, i)
  return `at line ${line}, column ${column}`
}

const unexpected = (text: string, i: number): string =>
  i >= text.length ? `unexpected end ${at(text, i)}` : `unexpected character ${showChar(text, i)} ${at(text, i)}`

/** Scans a string starting at the quote `i`; gives the index after it, or an error message. */
const scanString = (text: string, i: number): number | string => {
  let j = i + 1
  for (;;) {
    if (j >= text.length) return `unexpected end ${at(text, j)} (a string is not closed)`
    const c = text.charCodeAt(j)
    if (c === 0x22) return j + 1
    if (c < 0x20) return `control character ${showChar(text, j)} must be escaped in a string ${at(text, j)}`
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1)
      if (Number.isNaN(e)) return `unexpected end ${at(text, j + 1)} (a string is not closed)`
      if (e === 0x75) {
        for (let k = j + 2; k < j + 6; k++) {
          if (!isHex(text.charCodeAt(k))) return `invalid \\u escape ${at(text, j)}: expected 4 hex digits`
        }
        j += 6
      } else if ('"\\/bfnrt'.includes(text.charAt(j + 1))) {
        j += 2
      } else {
        return `invalid escape "\\${text.charAt(j + 1)}" ${at(text, j)}`
      }
    } else {
      j += 1
    }
  }
}

/** Scans a number starting at `i`; gives the index after it, or an error message. */
const scanNumber = (text: string, i: number): number | string => {
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

const scanLiteral = (text: string, i: number, word: string): number | string => {
  for (let k = 0; k < word.length; k++) {
    if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return unexpected(text, i + k)
  }
  return i + word.length
}

/**
 * Describes the first syntax error in `text`, e.g.
 * `unexpected end at line 1, column 6`; `undefined` when the text is valid JSON.
 */
export const describeSyntaxError = (text: string): string | undefined => {
  const stack: number[] = [] // 0x7b '{' or 0x5b '['
  let i = 0
  const skip = (): void => {
    while (i < text.length && isWs(text.charCodeAt(i))) i += 1
  }
  // 'value': a value is expected; 'after': a value just ended; 'key': an object key is expected.
  let mode: 'value' | 'after' | 'key' = 'value'
  for (;;) {
    skip()
    if (mode === 'key') {
      if (text.charCodeAt(i) !== 0x22) return i >= text.length ? unexpected(text, i) : `${unexpected(text, i)}: expected a string key`
      const end = scanString(text, i)
      if (typeof end === 'string') return end
      i = end
      skip()
      if (text.charCodeAt(i) !== 0x3a) return i >= text.length ? unexpected(text, i) : `${unexpected(text, i)}: expected ":"`
      i += 1
      mode = 'value'
      continue
    }
    if (mode === 'value') {
      const c = text.charCodeAt(i)
      if (c === 0x7b || c === 0x5b) {
        stack.push(c)
        i += 1
        skip()
        const close = c === 0x7b ? 0x7d : 0x5d
        if (text.charCodeAt(i) === close) {
          stack.pop()
          i += 1
          mode = 'after'
        } else {
          mode = c === 0x7b ? 'key' : 'value'
        }
        continue
      }
      let end: number | string
      if (c === 0x22) end = scanString(text, i)
      else if (c === 0x2d || isDigit(c)) end = scanNumber(text, i)
      else if (c === 0x74) end = scanLiteral(text, i, 'true')
      else if (c === 0x66) end = scanLiteral(text, i, 'false')
      else if (c === 0x6e) end = scanLiteral(text, i, 'null')
      else end = unexpected(text, i)
      if (typeof end === 'string') return end
      i = end
      mode = 'after'
      continue
    }
    // mode === 'after'
    const top = stack[stack.length - 1]
    if (top === undefined) {
      return i >= text.length ? undefined : `${unexpected(text, i)} after the end of the JSON value`
    }
    const c = text.charCodeAt(i)
    if (c === 0x2c) {
      i += 1
      mode = top === 0x7b ? 'key' : 'value'
    } else if ((top === 0x7b && c === 0x7d) || (top === 0x5b && c === 0x5d)) {
      stack.pop()
      i += 1
    } else {
      const expected = top === 0x7b ? '"," or "}"' : '"," or "]"'
      return i >= text.length ? unexpected(text, i) : `${unexpected(text, i)}: expected ${expected}`
    }
  }
}
