import { stringEnd } from './minify.js'
import { isJsonSpace, scanJson } from './scan.js'

/**
 * Indentation for people that keeps every token as written, so a payload
 * shown in a plan reads like `JSON.stringify(v, null, 2)` yet still shows the
 * user's key order, duplicate keys, number text and escapes.
 */

// Where a number or a literal ends.
const endsToken = (c: number): boolean =>
  isJsonSpace(c) || c === 0x2c || c === 0x3a || c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x22

/** `text` indented like `JSON.stringify(v, null, indent)`, every token as written; `undefined` when it is not valid JSON. */
export const prettyJson = (text: string, indent = '  '): string | undefined => {
  if (scanJson(text) !== undefined) return undefined
  const n = text.length
  let out = ''
  let level = 0
  const newline = (): string => `\n${indent.repeat(level)}`
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isJsonSpace(c)) {
      i += 1
    } else if (c === 0x22) {
      const end = stringEnd(text, i) // closed: the text is valid
      out += text.slice(i, end)
      i = end
    } else if (c === 0x7b || c === 0x5b) {
      let j = i + 1
      while (j < n && isJsonSpace(text.charCodeAt(j))) j += 1
      if (text.charCodeAt(j) === c + 2) {
        // '{' + 2 is '}', '[' + 2 is ']': an empty container stays on one line
        out += text.charAt(i) + text.charAt(j)
        i = j + 1
      } else {
        level += 1
        out += text.charAt(i) + newline()
        i += 1
      }
    } else if (c === 0x7d || c === 0x5d) {
      level -= 1
      out += newline() + text.charAt(i)
      i += 1
    } else if (c === 0x2c) {
      out += `,${newline()}`
      i += 1
    } else if (c === 0x3a) {
      out += ': '
      i += 1
    } else {
      let j = i + 1
      while (j < n && !endsToken(text.charCodeAt(j))) j += 1
      out += text.slice(i, j)
      i = j
    }
  }
  return out
}
