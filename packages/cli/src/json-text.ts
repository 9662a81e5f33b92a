/**
 * Reformats JSON text token by token, so key order, duplicate keys and number
 * text stay exactly as written (a parse and re-stringify would lose them).
 */
import { locateJsonError } from './json-syntax.js'

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r'

/** The JSON tokens of `text`: punctuation, strings and literals, whitespace dropped. Assumes valid JSON. */
const tokens = (text: string): string[] => {
  const out: string[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (isSpace(c) || c === '\uFEFF') {
      i++
    } else if ('{}[]:,'.includes(c)) {
      out.push(c)
      i++
    } else if (c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      out.push(text.slice(i, j + 1))
      i = j + 1
    } else {
      let j = i
      while (j < text.length && !isSpace(text[j]!) && !'{}[]:,'.includes(text[j]!)) j++
      out.push(text.slice(i, j))
      i = j
    }
  }
  return out
}

/** `text` without whitespace between tokens; `text` unchanged when it is not valid JSON. */
export const compactJsonText = (text: string): string =>
  locateJsonError(text) === undefined ? tokens(text).join('') : text

/** `text` indented like `JSON.stringify(v, null, 2)` but token-preserving; `undefined` when it is not valid JSON. */
export const prettyJsonText = (text: string, indent = '  '): string | undefined => {
  if (locateJsonError(text) !== undefined) return undefined
  const ts = tokens(text)
  let out = ''
  let level = 0
  const newline = (): string => `\n${indent.repeat(level)}`
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!
    if (t === '{' || t === '[') {
      const close = t === '{' ? '}' : ']'
      if (ts[k + 1] === close) {
        out += t + close
        k++
        continue
      }
      level++
      out += t + newline()
    } else if (t === '}' || t === ']') {
      level--
      out += newline() + t
    } else if (t === ',') {
      out += `,${newline()}`
    } else if (t === ':') {
      out += ': '
    } else {
      out += t
    }
  }
  return out
}
