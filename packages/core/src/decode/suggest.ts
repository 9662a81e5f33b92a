import * as E from 'fp-ts/lib/Either.js'
import { readPlain } from './read.js'

/** Edits between two words: insertions, deletions, substitutions and swaps of neighbours (`plna` is one from `plan`). */
const distance = (a: string, b: string): number => {
  let before: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1)
      row.push(d)
    }
    before = prev
    prev = row
  }
  return prev[b.length] ?? 0
}

const fold = (s: string): string => s.replace(/[_-]/g, '').toLowerCase()

const nearest = (name: string, known: ReadonlyArray<string>): string | undefined => {
  if (typeof name !== 'string' || name.length > 64) return undefined
  // Read safely: a caller's list may be a proxy, or lie about its length.
  const read = readPlain(known)
  if (E.isLeft(read) || !Array.isArray(read.right)) return undefined
  const names = read.right.filter((k): k is string => typeof k === 'string')
  const exact = names.find((k) => fold(k) === fold(name))
  if (exact !== undefined) return exact
  let best: string | undefined
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1
  for (const k of names) {
    const d = distance(fold(name), fold(k))
    if (d < bestD) {
      best = k
      bestD = d
    }
  }
  return best
}

/**
 * The known name closest to `name` (case, `_` and `-` ignored first, then
 * edit distance up to a third of its length), or `undefined`. Never throws:
 * what is not a name, or not a list of names, has none.
 */
export const closest = (name: string, known: ReadonlyArray<string>): string | undefined => {
  try {
    return nearest(name, known)
  } catch {
    return undefined
  }
}
