/**
 * One attribute's value as `plan` and `show` print it, in the manner of
 * Terraform's: a string quoted, a map (triggers) as `{ "key" = "value", … }`
 * with its keys sorted.
 */

/** The text of an attribute value; `undefined` for none, and for an empty map (the same as none). */
export const attributeText = (v: string | Readonly<Record<string, string>> | undefined): string | undefined => {
  if (v === undefined) return undefined
  if (typeof v === 'string') return JSON.stringify(v)
  const keys = Object.keys(v).sort()
  if (keys.length === 0) return undefined
  return `{ ${keys.map((k) => `${JSON.stringify(k)} = ${JSON.stringify(v[k])}`).join(', ')} }`
}
