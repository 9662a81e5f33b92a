/**
 * The one reporter: io-ts validation errors as our problems, each with the
 * path from the root of the value and the message a person reads.
 */
import type * as t from 'io-ts'
import { problem, type PathSegment, type Problem } from '../model/problem.js'
import { describeType, isArrayValue } from './describe.js'

const INDEX = /^(?:0|[1-9]\d*)$/

// Entries below these are the alternatives or parts of one value, not a step of its path.
const TRANSPARENT = new Set(['UnionType', 'IntersectionType'])

const tagOf = (d: unknown): string | undefined => {
  const tag = (d as { readonly _tag?: unknown })._tag
  return typeof tag === 'string' ? tag : undefined
}

/** The path of an error: the keys of its context below the root, indices of arrays as numbers. */
const pathOf = (context: t.Context): PathSegment[] => {
  const path: PathSegment[] = []
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1] as t.ContextEntry
    const entry = context[i] as t.ContextEntry
    if (TRANSPARENT.has(tagOf(parent.type) ?? '')) continue
    path.push(INDEX.test(entry.key) && isArrayValue(parent.actual) ? Number(entry.key) : entry.key)
  }
  return path
}

/** The message of an error; for one made by a plain io-ts codec (no message), what was expected and what came. */
const messageOf = (e: t.ValidationError): string => {
  if (e.message !== undefined) return e.message
  const expected = e.context[e.context.length - 1]?.type.name ?? 'valid'
  return `must be ${expected}, got ${describeType(e.value)}`
}

/** Turns io-ts errors into problems (`{ path, message }`), in their order (render them with `formatProblems`). */
export const reportProblems = (errors: t.Errors): Problem[] => errors.map((e) => problem(pathOf(e.context), messageOf(e)))
