/** Lambda's limits, and how a payload is measured against them. */

/** Lambda's limit on a synchronous request or response payload: 6 MB (6,291,456 bytes). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024

/** Go's encoding/json refuses JSON nested deeper than this. */
export const MAX_JSON_DEPTH = 10_000

/** Lambda's limit on the base64 client context of an invoke. */
export const MAX_CLIENT_CONTEXT_BYTES = 3583

const CHUNK = 1 << 16
const encoder = new TextEncoder()

/** The number of UTF-8 bytes of `s` (a lone surrogate counts as U+FFFD, 3 bytes). */
export const utf8Length = (s: string): number => {
  // Native encoding of chunks into one small buffer: several times faster than a charCodeAt loop.
  const buffer = new Uint8Array(Math.min(s.length, CHUNK + 1) * 3)
  let bytes = 0
  for (let i = 0; i < s.length; ) {
    let end = Math.min(i + CHUNK, s.length)
    const last = s.charCodeAt(end - 1)
    if (last >= 0xd800 && last <= 0xdbff && end < s.length) end += 1 // keep a surrogate pair in one chunk
    bytes += encoder.encodeInto(s.slice(i, end), buffer).written
    i = end
  }
  return bytes
}

/** True when the UTF-8 form of `s` is longer than `limit` bytes; counts only when it has to. */
export const exceedsBytes = (s: string, limit: number): boolean =>
  s.length > limit ? true : s.length * 3 <= limit ? false : utf8Length(s) > limit
