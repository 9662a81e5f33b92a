/**
 * Checks that a value read from the state file is a stored record, and says
 * what is wrong with it when it is not.
 */

/** `undefined` when `value` is a record this version can use; otherwise why not, in a sentence. */
export const checkRecord = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not an object'
  const r = value as Record<string, unknown>
  if (r['schemaVersion'] !== 1) return `"schemaVersion" must be 1, got ${JSON.stringify(r['schemaVersion'])}`
  for (const field of ['state', 'deposed', 'intent'] as const) {
    const v = r[field]
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) return `"${field}" must be an object`
  }
  return undefined
}
