/**
 * A line diff (longest common subsequence), for showing how an input changed.
 */

/** One line of a diff: kept, removed (only before) or added (only after). */
export type DiffLine =
  | { readonly _tag: 'Kept'; readonly text: string }
  | { readonly _tag: 'Removed'; readonly text: string }
  | { readonly _tag: 'Added'; readonly text: string }

/** Kept lines left out of a collapsed diff: how many. */
export interface Skipped {
  readonly _tag: 'Skipped'
  readonly count: number
}

/** Above this many cells the table is not built: everything before is removed and everything after added. */
const MAX_CELLS = 4_000_000

/** The lines of `before` and `after`, in order, each marked kept, removed or added; removals come before additions. */
export const diffLines = (before: ReadonlyArray<string>, after: ReadonlyArray<string>): DiffLine[] => {
  // Common head and tail are kept as they are; only the middle needs the table.
  let head = 0
  while (head < before.length && head < after.length && before[head] === after[head]) head++
  let tail = 0
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++
  const a = before.slice(head, before.length - tail)
  const b = after.slice(head, after.length - tail)
  const out: DiffLine[] = before.slice(0, head).map((text) => ({ _tag: 'Kept', text }))
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    out.push(...a.map((text) => ({ _tag: 'Removed' as const, text })), ...b.map((text) => ({ _tag: 'Added' as const, text })))
  } else {
    const n = a.length
    const m = b.length
    const w = m + 1
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]
    const lcs = new Uint32Array((n + 1) * w)
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!)
    let i = 0
    let j = 0
    const removed: DiffLine[] = []
    const added: DiffLine[] = []
    const flush = (): void => {
      out.push(...removed, ...added)
      removed.length = 0
      added.length = 0
    }
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) {
        flush()
        out.push({ _tag: 'Kept', text: a[i]! })
        i++
        j++
      } else if (j >= m || (i < n && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) removed.push({ _tag: 'Removed', text: a[i++]! })
      else added.push({ _tag: 'Added', text: b[j++]! })
    }
    flush()
  }
  out.push(...before.slice(before.length - tail).map((text) => ({ _tag: 'Kept' as const, text })))
  return out
}

/** Replaces runs of kept lines longer than `2 * context` by one marker line saying how many were left out. */
export const collapseUnchanged = (lines: ReadonlyArray<DiffLine>, context = 3): Array<DiffLine | Skipped> => {
  const out: Array<DiffLine | Skipped> = []
  let k = 0
  while (k < lines.length) {
    if (lines[k]!._tag !== 'Kept') {
      out.push(lines[k]!)
      k++
      continue
    }
    let end = k
    while (end < lines.length && lines[end]!._tag === 'Kept') end++
    const run = lines.slice(k, end)
    const keepHead = k === 0 ? 0 : context
    const keepTail = end === lines.length ? 0 : context
    if (run.length > keepHead + keepTail + 1) {
      out.push(...run.slice(0, keepHead), { _tag: 'Skipped', count: run.length - keepHead - keepTail }, ...run.slice(run.length - keepTail))
    } else out.push(...run)
    k = end
  }
  return out
}
