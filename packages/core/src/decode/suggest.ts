const distance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost))
    }
    prev = row
  }
  return prev[b.length] ?? 0
}

const fold = (s: string): string => s.replace(/[_-]/g, '').toLowerCase()

/**
 * The known name closest to `name` (case, `_` and `-` ignored first, then
 * edit distance up to a third of its length), or `undefined`.
 */
export const closest = (name: string, known: ReadonlyArray<string>): string | undefined => {
  if (name.length > 64) return undefined
  const exact = known.find((k) => fold(k) === fold(name))
  if (exact !== undefined) return exact
  let best: string | undefined
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1
  for (const k of known) {
    const d = distance(fold(name), fold(k))
    if (d < bestD) {
      best = k
      bestD = d
    }
  }
  return best
}
