/**
 * The safe reader: copies a value a caller handed in into plain data before
 * any codec looks at it. Getters, proxies and their traps run here, once, and
 * whatever throws becomes a problem at its path ("input: could not be read:
 * boom"); the codecs then read plain objects, arrays and primitives only, and
 * cannot be made to throw, nor see a value change between two reads.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { PathSegment, Problem } from '../model/problem.js'
import { describeThrown } from './describe.js'

/**
 * How many levels of objects and arrays are copied. A deeper one is copied
 * empty (an object or an array still, so messages name its type): no codec
 * looks deeper than a record's state's attributes' triggers (4 levels).
 */
export const MAX_READ_DEPTH = 8

/** How many entries (object properties and array elements) one read copies at most. */
export const MAX_READ_VALUES = 1_000_000

type Container = Record<string, unknown> | unknown[]

/** A container whose entries are still to copy; its path is kept as a link to its parent, built only for a problem. */
interface Pending {
  readonly source: object
  readonly target: Container
  readonly depth: number
  readonly parent: Pending | undefined
  readonly key: PathSegment | undefined
}

const pathOf = (at: Pending | undefined, last?: PathSegment): PathSegment[] => {
  const path: PathSegment[] = last === undefined ? [] : [last]
  for (let p = at; p !== undefined && p.key !== undefined; p = p.parent) path.push(p.key)
  return path.reverse()
}

// Functions are no data: a stub keeps their type for messages and drops everything they could do.
const FUNCTION_STUB = (): undefined => undefined

const put = (target: Record<string, unknown>, key: string, value: unknown): void => {
  // Assigning `__proto__` would set the prototype; a JSON key of that name is a plain key.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/** One read in progress: the containers still to copy, the problems found, what the budget has left. */
interface Reading {
  readonly queue: Pending[]
  readonly problems: Problem[]
  budget: number
}

const unreadable = (reading: Reading, path: PathSegment[], e: unknown): void => {
  reading.problems.push({ path, message: `could not be read: ${describeThrown(e)}` })
}

/** The copy of one value: itself, or an empty container queued for its entries. */
const start = (reading: Reading, value: unknown, parent: Pending | undefined, key: PathSegment | undefined, depth: number): unknown => {
  if (typeof value === 'function') return FUNCTION_STUB
  if (typeof value !== 'object' || value === null) return value
  let array: boolean
  try {
    array = Array.isArray(value)
  } catch (e) {
    unreadable(reading, pathOf(parent, key), e)
    return undefined
  }
  const target: Container = array ? [] : {}
  if (depth < MAX_READ_DEPTH) reading.queue.push({ source: value, target, depth, parent, key })
  return target
}

/** Copies the entries of one container, queueing those that are containers. */
const copyEntries = (reading: Reading, p: Pending): void => {
  let keys: ReadonlyArray<string> | undefined
  let count: number
  try {
    if (Array.isArray(p.target)) count = arrayLength(p.source)
    else {
      keys = Object.keys(p.source)
      count = keys.length
    }
  } catch (e) {
    unreadable(reading, pathOf(p), e)
    return
  }
  if (count > reading.budget) {
    reading.problems.push({ path: pathOf(p), message: `could not be read: more than ${MAX_READ_VALUES.toLocaleString('en-US')} values in all` })
    reading.budget = 0
    return
  }
  reading.budget -= count
  for (let i = 0; i < count; i++) {
    const k: PathSegment = keys === undefined ? i : (keys[i] as string)
    let value: unknown
    try {
      value = (p.source as Record<PathSegment, unknown>)[k]
    } catch (e) {
      unreadable(reading, pathOf(p, k), e)
      continue
    }
    const copy = start(reading, value, p, k, p.depth + 1)
    if (keys === undefined) (p.target as unknown[]).push(copy)
    else put(p.target as Record<string, unknown>, k as string, copy)
  }
}

/**
 * Copies `u` into plain data: own enumerable string keys of objects, array
 * elements, primitives as they are, functions as a stub. Iterative, so depth
 * costs no stack; bounded by `MAX_READ_DEPTH` and `MAX_READ_VALUES`. Every
 * trap or getter that throws, and every container beyond the budget, is a
 * problem at its path. Never throws.
 */
export const readPlain = (u: unknown): E.Either<Problem[], unknown> => {
  // A primitive is its own copy: nothing to read, nothing allocated.
  if ((typeof u !== 'object' || u === null) && typeof u !== 'function') return E.right(u)
  const reading: Reading = { queue: [], problems: [], budget: MAX_READ_VALUES }
  const root = start(reading, u, undefined, undefined, 0)
  for (let next = 0; next < reading.queue.length; next++) copyEntries(reading, reading.queue[next] as Pending)
  return reading.problems.length > 0 ? E.left(reading.problems) : E.right(root)
}

/** The length of an array (or of a proxy of one), which its `length` trap may get wrong. */
const arrayLength = (array: object): number => {
  const length: unknown = (array as { readonly length: unknown }).length
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) throw new Error(`its length is not an array length (${typeof length})`)
  return length
}

/**
 * Reads one level of `u`: an object's own enumerable string keys, or an
 * array's elements, their values taken as they are (not copied). For values
 * that are more than data (ports, callbacks, signals), and for collections
 * whose entries their own codecs read. A trap or getter that throws is a
 * problem at its path. Never throws.
 */
export const readOwn = (u: unknown): E.Either<Problem[], unknown> => {
  if (typeof u !== 'object' || u === null) return E.right(u)
  let keys: ReadonlyArray<string> | undefined
  let count: number
  try {
    if (Array.isArray(u)) count = arrayLength(u)
    else {
      keys = Object.keys(u)
      count = keys.length
    }
  } catch (e) {
    return E.left([{ path: [], message: `could not be read: ${describeThrown(e)}` }])
  }
  if (count > MAX_READ_VALUES) return E.left([{ path: [], message: `could not be read: more than ${MAX_READ_VALUES.toLocaleString('en-US')} values in all` }])
  const problems: Problem[] = []
  const out: Container = keys === undefined ? [] : {}
  for (let i = 0; i < count; i++) {
    const k: PathSegment = keys === undefined ? i : (keys[i] as string)
    let value: unknown
    try {
      value = (u as Record<PathSegment, unknown>)[k]
    } catch (e) {
      problems.push({ path: [k], message: `could not be read: ${describeThrown(e)}` })
      continue
    }
    if (keys === undefined) (out as unknown[]).push(value)
    else put(out as Record<string, unknown>, k as string, value)
  }
  return problems.length > 0 ? E.left(problems) : E.right(out)
}
