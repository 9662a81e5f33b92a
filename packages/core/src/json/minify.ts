/**
 * Removes the whitespace between the tokens of a valid JSON text, keeping
 * every token (strings with their escapes, numbers with their digits) exactly
 * as written. The text must be valid JSON.
 */
export const minifyJson = (text: string): string => {
  let out = ''
  let start = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      // Skip the string: find the closing quote not preceded by an odd run of backslashes.
      let j = text.indexOf('"', i + 1)
      for (;;) {
        if (j < 0) return out + text.slice(start) // not closed: not JSON, keep the rest as it is
        let b = j - 1
        while (text.charCodeAt(b) === 0x5c) b -= 1
        if ((j - 1 - b) % 2 === 0) break
        j = text.indexOf('"', j + 1)
      }
      i = j + 1
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
