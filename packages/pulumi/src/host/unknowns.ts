/**
 * Values Pulumi does not know yet. During a preview the engine sends an input
 * that comes from a resource not yet created as this sentinel string (the
 * Node.js SDK's `unknownValue`); by the time anything is created or updated,
 * every input is known.
 */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9'

/** Whether `u` is, or holds anywhere inside it, a value not known yet. */
export const containsUnknown = (u: unknown): boolean => {
  if (u === UNKNOWN) return true
  if (Array.isArray(u)) return u.some(containsUnknown)
  if (typeof u === 'object' && u !== null) return Object.values(u).some(containsUnknown)
  return false
}

/** The top-level keys of `inputs` whose value is not (entirely) known yet. */
export const unknownKeys = (inputs: Readonly<Record<string, unknown>>): ReadonlyArray<string> =>
  Object.keys(inputs).filter((k) => containsUnknown(inputs[k]))
