/**
 * Where a resource key lives in the bucket: `prefix + encodeURIComponent(key)
 * + '.json'`. The encoding keeps every key a single path segment (a `/` in a
 * key cannot create folders or collide with another key) and is reversible.
 */

const SUFFIX = '.json'

/** The object key for a resource key, or `undefined` when the key is not well-formed Unicode (an unpaired surrogate cannot be encoded). */
export const objectKeyOf = (prefix: string, key: string): string | undefined => {
  try {
    return `${prefix}${encodeURIComponent(key)}${SUFFIX}`
  } catch {
    return undefined
  }
}

/** The resource key an object key stands for, or `undefined` for an object this store did not write. */
export const resourceKeyOf = (prefix: string, objectKey: string): string | undefined => {
  if (!objectKey.startsWith(prefix) || !objectKey.endsWith(SUFFIX)) return undefined
  const encoded = objectKey.slice(prefix.length, objectKey.length - SUFFIX.length)
  let key: string
  try {
    key = decodeURIComponent(encoded)
  } catch {
    return undefined
  }
  // Only the canonical spelling counts, so two objects never claim one key.
  return objectKeyOf(prefix, key) === objectKey ? key : undefined
}
