import * as E from 'fp-ts/lib/Either.js'
import { compareUtf8, encodeGo, escapeHtml, type GoEncodeHints } from './go-encode.js'
import { findTreeFault, type TreeFault } from './parse.js'

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

const INDEX_KEY = /^(0|[1-9]\d*)$/

/** A copy of `o` with its keys inserted in `sorted` order. */
const reordered = (o: Readonly<Record<string, unknown>>, sorted: ReadonlyArray<string>): Record<string, unknown> => {
  const copy: Record<string, unknown> = {}
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i] as string
    if (k === '__proto__') setKey(copy, k, o[k])
    else copy[k] = o[k]
  }
  return copy
}

/** True when JS enumerates `keys` in Go's order (integer-like keys always come first, in numeric order). */
const enumerable = (keys: ReadonlyArray<string>, sorted: ReadonlyArray<string>): boolean => {
  const copy = reordered({}, sorted)
  const order = Object.keys(copy)
  return order.length === keys.length && order.every((k, i) => k === sorted[i])
}

/** A key order seen recently, and its sorted order: objects of one shape share them. */
interface Shape {
  readonly keys: ReadonlyArray<string>
  readonly sorted: ReadonlyArray<string>
}

const SHAPES = 8

/** The sorted keys of an object, from the recent shapes when one matches (no allocation), else computed and remembered. */
const sortedKeysOf = (
  obj: Readonly<Record<string, unknown>>,
  count: number,
  shapes: Shape[],
  cmp: ((a: string, b: string) => number) | undefined,
): ReadonlyArray<string> => {
  for (let s = 0; s < shapes.length; s++) {
    const shape = shapes[s] as Shape
    if (shape.keys.length !== count) continue
    let i = 0
    let same = true
    for (const k in obj) {
      if (k !== shape.keys[i]) {
        same = false
        break
      }
      i += 1
    }
    if (same) return shape.sorted
  }
  const keys = Object.keys(obj)
  const sorted = keys.slice().sort(cmp)
  if (shapes.length >= SHAPES) shapes.pop()
  shapes.unshift({ keys, sorted })
  return sorted
}

/**
 * Reorders, in place of the parsed value, every object whose keys are not in
 * Go's order (values are shared, never changed). Gives the new root;
 * `'fallback'` when native stringify cannot be exact; `'range'` for a number
 * that overflowed float64.
 */
export const canonical = (root: object, highKeys: boolean): object | 'fallback' | 'range' => {
  const cmp = highKeys ? compareUtf8 : undefined
  let newRoot = root
  const shapes: Shape[] = []
  // Parallel stacks: the node, its depth, and the slot (container and key or index) that holds it.
  const nodes: object[] = [root]
  const depths: number[] = [1]
  const parents: Array<Record<string, unknown> | unknown[] | undefined> = [undefined]
  const slots: Array<string | number> = [0]
  while (nodes.length > 0) {
    const node = nodes.pop() as object
    const depth = depths.pop() as number
    const parent = parents.pop()
    const at = slots.pop() as string | number
    if (depth > NATIVE_DEPTH) return 'fallback'
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i]
        if (typeof v === 'object') {
          if (v !== null) {
            nodes.push(v)
            depths.push(depth + 1)
            parents.push(node)
            slots.push(i)
          }
        } else if (typeof v === 'number' && (v === 0 ? 1 / v < 0 : !Number.isFinite(v))) return v === 0 ? 'fallback' : 'range'
      }
      continue
    }
    let obj = node as Record<string, unknown>
    // for-in walks V8's enum cache: no array is allocated for an object already in order.
    let sorted = true
    let first: string | undefined
    let prev: string | undefined
    let count = 0
    for (const k in obj) {
      if (prev === undefined) first = k
      else if (highKeys ? compareUtf8(prev, k) > 0 : prev > k) sorted = false
      prev = k
      count += 1
    }
    // Integer-like keys enumerate first whatever the insertion order: only some orders are possible.
    const hasIndexKeys = first !== undefined && INDEX_KEY.test(first)
    if (!sorted) {
      const order = sortedKeysOf(obj, count, shapes, cmp)
      if (hasIndexKeys && !enumerable(order, order)) return 'fallback'
      obj = reordered(obj, order)
      if (parent === undefined) newRoot = obj
      else if (Array.isArray(parent)) parent[at as number] = obj
      else parent[at as string] = obj
    } else if (hasIndexKeys) {
      const keys = Object.keys(obj)
      if (!enumerable(keys, keys.slice().sort(cmp))) return 'fallback'
    }
    for (const k in obj) {
      const v = obj[k]
      if (typeof v === 'object') {
        if (v !== null) {
          nodes.push(v)
          depths.push(depth + 1)
          parents.push(obj)
          slots.push(k)
        }
      } else if (typeof v === 'number' && (v === 0 ? 1 / v < 0 : !Number.isFinite(v))) return v === 0 ? 'fallback' : 'range'
    }
  }
  return newRoot
}

/**
 * Go's `json.Marshal` of a value `parseJson` produced, with `extra` added to
 * the root object: the same bytes as `encodeGo`, faster. Also finds what Go
 * would have refused (depth, float64 range) in the same walk, for values
 * parsed with `checkTree: false`. Reorders the keys of objects inside
 * `value` (their content is unchanged).
 */
export const encodeGoFast = (
  value: unknown,
  hints: GoEncodeHints,
  extra?: { readonly key: string; readonly value: unknown },
): E.Either<TreeFault, string> => {
  const slow = (): E.Either<TreeFault, string> => {
    const fault = findTreeFault(value)
    return fault === undefined ? E.right(encodeGo(value, hints, extra)) : E.left(fault)
  }
  if (hints.loneSurrogates || typeof value !== 'object' || value === null) return slow()
  let root: object = value
  if (extra !== undefined && !Array.isArray(value)) {
    const withKey: Record<string, unknown> = {}
    for (const k of Object.keys(value)) setKey(withKey, k, (value as Record<string, unknown>)[k])
    setKey(withKey, extra.key, extra.value)
    root = withKey
  }
  const ordered = canonical(root, hints.highKeys)
  if (ordered === 'range') return E.left('range')
  if (ordered === 'fallback') return slow()
  let text: string
  try {
    text = JSON.stringify(ordered)
  } catch {
    return slow() // a stack limit lower than NATIVE_DEPTH allows
  }
  return E.right(escapeHtml(text))
}
