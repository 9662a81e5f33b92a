import { scanJson } from './scan.js'

/**
 * Whitespace removal that keeps every token exactly as written (strings with
 * their escapes, numbers with their digits, key order and duplicate keys): what
 * a parse and re-stringify would lose. `minifyJson` trusts its text (it is on
 * the payload's hot path, after a parse); `compactJson` checks it first.
 */

/**
 * The index after the closing quote of the string whose opening quote is at
 * `i`, or -1 when it is not closed. Assumes a valid string: it only looks for
 * a quote not escaped by an odd run of backslashes.
 */
export const stringEnd = (text: string, i: number): number => {
  let j = text.indexOf('"', i + 1)
  for (;;) {
    if (j < 0) return -1
    let b = j - 1
    while (text.charCodeAt(b) === 0x5c) b -= 1
    if ((j - 1 - b) % 2 === 0) return j + 1
    j = text.indexOf('"', j + 1)
  }
}

/**
 * Removes the whitespace between the tokens of a valid JSON text, keeping
 * every token as written. Does not check the text: at an unclosed string it
 * keeps the rest as it is.
 */
export const minifyJson = (text: string): string => {
  let out = ''
  let start = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      const end = stringEnd(text, i)
      if (end < 0) return out + text.slice(start) // not closed: not JSON, keep the rest as it is
      i = end
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (i > start) out += text.slice(start, i)
      i += 1
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d !== 0x20 && d !== 0x0a && d !== 0x0d && d !== 0x09) break
        i += 1
      }
      start = i
    } else {
      i += 1
    }
  }
  return start === 0 ? text : out + text.slice(start)
}

/** `text` without the whitespace between its tokens when it is valid JSON; `text` unchanged when it is not. */
export const compactJson = (text: string): string => (scanJson(text) === undefined ? minifyJson(text) : text)
