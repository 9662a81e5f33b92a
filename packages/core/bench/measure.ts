/** Milliseconds per call of `fn`, timed over enough calls to last about `budgetMs`. */
export const msPerCall = (fn: () => unknown, budgetMs: number): number => {
  let calls = 0
  const start = performance.now()
  let now = start
  do {
    fn()
    calls += 1
    now = performance.now()
  } while (now - start < budgetMs)
  return (now - start) / calls
}

/** The median of some numbers. */
export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
