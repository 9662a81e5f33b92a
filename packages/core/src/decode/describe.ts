/** `Array.isArray`, false for a revoked proxy (which throws there). */
export const isArrayValue = (u: unknown): boolean => {
  try {
    return Array.isArray(u)
  } catch {
    return false
  }
}

/** What a person calls the type of a value in a message: `got number`, `got null`, `got an array`. Never throws. */
export const describeType = (u: unknown): string => {
  if (u === null) return 'null'
  if (isArrayValue(u)) return 'an array'
  if (typeof u === 'string') return u.length === 0 ? 'an empty string' : 'string'
  return typeof u
}

/** A short quoted rendering of a value for messages, cut when long. */
export const quote = (s: string, max = 60): string => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s)

/** True for an object that is not null nor an array. Never throws. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !isArrayValue(u)

/** A value shown in a message: a JSON literal for primitives (`1`, `"x"`, `null`), its type otherwise. Never throws. */
export const showValue = (u: unknown): string => {
  if (u === undefined) return 'nothing'
  if (typeof u === 'string') return quote(u)
  if (typeof u === 'number' || typeof u === 'boolean' || u === null) return String(u)
  return describeType(u)
}

/** What an exception says, for a message; never throws, whatever was thrown. */
export const describeThrown = (e: unknown): string => {
  try {
    if (e instanceof Error) return typeof e.message === 'string' && e.message !== '' ? e.message : String(e.name)
    return typeof e === 'string' ? e : String(e)
  } catch {
    return 'an exception that cannot be shown'
  }
}

/** Text for a value that should be a string: itself, else what `String` makes of it, else its type. Never throws. */
export const asText = (u: unknown): string => {
  if (typeof u === 'string') return u
  try {
    return String(u)
  } catch {
    return describeType(u)
  }
}
