import { compareUtf8, encodeGo, escapeHtml, type GoEncodeHints } from './go-encode.js'

/**
 * The fast path of the Go encoding: put every object's keys in Go's order
 * (rebuilding only objects whose keys are out of order), then let the native
 * `JSON.stringify` write it. That is exact unless a value is `-0`, an object
 * has integer-like keys JS cannot enumerate in Go's order, or the nesting is
 * deeper than native recursion allows: then the iterative `encodeGo` runs.
 */

// Native JSON.stringify recurses; keep well clear of the stack limit.
const NATIVE_DEPTH = 1000

const setKey = (o: Record<string, unknown>, k: string, v: unknown): void => {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  else o[k] = v
}

/** A copy of `o` whose keys enumerate in `sorted` order, or `undefined` when JS cannot (integer-like keys). */
const reordered = (o: Readonly<Record<string, unknown>>, sorted: ReadonlyArray<string>): Record<string, unknown> | undefined => {
  const copy: Record<string, unknown> = {}
  for (const k of sorted) setKey(copy, k, o[k])
  const keys = Object.keys(copy)
  // Integer-like keys always enumerate first, in numeric order.
  if (keys[0] !== sorted[0] || keys[keys.length - 1] !== sorted[sorted.length - 1] || !keys.every((k, i) => k === sorted[i])) return undefined
  return copy
}

interface Slot {
  readonly node: object
  readonly depth: number
  readonly parent: Record<string, unknown> | unknown[] | undefined
  readonly at: string | number
}

/**
 * Reorders, in place of the parsed value, every object whose keys are not in
 * Go's order (values are shared, never changed). Gives the new root, or
 * `undefined` when native stringify cannot be exact.
 */
const canonical = (root: object, highKeys: boolean): object | undefined => {
  const cmp = highKeys ? compareUtf8 : undefined
  let newRoot = root
  const stack: Slot[] = [{ node: root, depth: 1, parent: undefined, at: 0 }]
  while (stack.length > 0) {
    const { node, depth, parent, at } = stack.pop() as Slot
    if (depth > NATIVE_DEPTH) return undefined
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i]
        if (typeof v === 'object') {
          if (v !== null) stack.push({ node: v, depth: depth + 1, parent: node, at: i })
        } else if (v === 0 && 1 / v < 0) return undefined
      }
      continue
    }
    let obj = node as Record<string, unknown>
    const keys = Object.keys(obj)
    let sorted = true
    for (let i = 1; i < keys.length; i++) {
      const a = keys[i - 1] as string
      const b = keys[i] as string
      if (highKeys ? compareUtf8(a, b) > 0 : a > b) {
        sorted = false
        break
      }
    }
    if (!sorted) {
      const copy = reordered(obj, keys.sort(cmp))
      if (copy === undefined) return undefined
      obj = copy
      if (parent === undefined) newRoot = copy
      else if (Array.isArray(parent)) parent[at as number] = copy
      else parent[at as string] = copy
    } else if (keys.length > 0 && /^(0|[1-9]\d*)$/.test(keys[0] as string)) {
      // Sorted by JS, but integer-like keys: check JS enumerates them as Go sorts them.
      if (reordered(obj, keys.slice().sort(cmp)) === undefined) return undefined
    }
    for (const k of keys) {
      const v = obj[k]
      if (typeof v === 'object') {
        if (v !== null) stack.push({ node: v, depth: depth + 1, parent: obj, at: k })
      } else if (v === 0 && 1 / v < 0) return undefined
    }
  }
  return newRoot
}

/**
 * Go's `json.Marshal` of a value `parseJson` produced (no lone surrogates),
 * with `extra` added to the root object. Same bytes as `encodeGo`, faster.
 * Reorders the keys of objects inside `value` (their content is unchanged).
 */
export const encodeGoFast = (
  value: unknown,
  hints: GoEncodeHints,
  extra?: { readonly key: string; readonly value: unknown },
): string => {
  if (hints.loneSurrogates || typeof value !== 'object' || value === null) return encodeGo(value, hints, extra)
  let root: object = value
  if (extra !== undefined && !Array.isArray(value)) {
    const withKey: Record<string, unknown> = {}
    for (const k of Object.keys(value)) setKey(withKey, k, (value as Record<string, unknown>)[k])
    setKey(withKey, extra.key, extra.value)
    root = withKey
  }
  const ordered = canonical(root, hints.highKeys)
  if (ordered === undefined) return encodeGo(value, hints, extra)
  let text: string
  try {
    text = JSON.stringify(ordered)
  } catch {
    return encodeGo(value, hints, extra) // a stack limit lower than NATIVE_DEPTH allows
  }
  return escapeHtml(text)
}
