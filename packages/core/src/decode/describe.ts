/** What a person calls the type of a value in a message: `got number`, `got null`, `got an array`. */
export const describeType = (u: unknown): string => {
  if (u === null) return 'null'
  if (Array.isArray(u)) return 'an array'
  if (typeof u === 'string') return u.length === 0 ? 'an empty string' : 'string'
  return typeof u
}

/** A short quoted rendering of a value for messages, cut when long. */
export const quote = (s: string, max = 60): string => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s)

/** True for a plain object (not null, not an array). */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** A value shown in a message: a JSON literal for primitives (`1`, `"x"`, `null`), its type otherwise. Never throws. */
export const showValue = (u: unknown): string => {
  if (u === undefined) return 'nothing'
  if (typeof u === 'string') return quote(u)
  if (typeof u === 'number' || typeof u === 'boolean' || u === null) return String(u)
  return describeType(u)
}
