import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyAll, startOf, summarize, type Outcome } from '../../src/engine/apply-all.js'
import type { ItemResult } from '../../src/engine/types.js'

interface TestItem {
  readonly key: string
  readonly desired: number
}

const applied = (key: string): Outcome => ({
  status: 'unchanged',
  result: E.right({ key, plan: { action: 'noop', invocations: [], prior: undefined, desired: undefined }, state: undefined, invocations: [] }),
})
const aborted = (key: string): Outcome => ({ status: 'pending', result: E.left({ _tag: 'Aborted', key }) })

describe('applyAll', () => {
  it('never runs more than `concurrency` at once, runs each item once, and returns results in item order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10 }), async (n, concurrency) => {
        let inFlight = 0
        let most = 0
        const seen: string[] = []
        const items: TestItem[] = Array.from({ length: n }, (_, i) => ({ key: `k${i}`, desired: i }))
        const results = await applyAll(
          items,
          async (item) => {
            seen.push(item.key)
            inFlight++
            most = Math.max(most, inFlight)
            await new Promise((r) => setImmediate(r))
            inFlight--
            return item.desired % 3 === 0 ? aborted(item.key) : applied(item.key)
          },
          { concurrency },
        )
        expect(most).toBeLessThanOrEqual(concurrency)
        if (n >= concurrency) expect(most).toBe(concurrency)
        expect([...seen].sort()).toEqual(items.map((i) => i.key).sort())
        expect(results.map((r) => r.key)).toEqual(items.map((i) => i.key))
      }),
      { numRuns: 30 },
    )
  })

  it('reports progress once per item with a growing count', async () => {
    const done: number[] = []
    await applyAll([{ key: 'a', desired: 1 }, { key: 'b', desired: 2 }, { key: 'c', desired: 3 }], async (i) => applied(i.key), {
      concurrency: 2,
      onProgress: (p) => done.push(p.done * 10 + p.total),
    })
    expect(done).toEqual([13, 23, 33])
  })

  it('turns an apply that throws into a failure of that item only', async () => {
    const results = await applyAll([{ key: 'a', desired: 1 }, { key: 'b', desired: 2 }], async (i) => {
      if (i.key === 'a') throw new Error('adapter bug')
      return applied(i.key)
    }, { concurrency: 8 })
    expect(results.map((r) => r.result._tag)).toEqual(['Left', 'Right'])
    expect(results[0]?.result._tag === 'Left' && results[0].result.left._tag).toBe('StoreFailed')
  })

  it('marks every item Aborted when the signal aborted before the start', async () => {
    const controller = new AbortController()
    controller.abort()
    let calls = 0
    const results = await applyAll([{ key: 'a', desired: 1 }, { key: 'b', desired: 2 }], async (i) => (calls++, applied(i.key)), { concurrency: 8, signal: controller.signal })
    expect(calls).toBe(0)
    expect(results.map((r) => r.result._tag === 'Left' && r.result.left._tag)).toEqual(['Aborted', 'Aborted'])
  })

  it('starts at the given index and goes round, the results still in the items order', async () => {
    const seen: string[] = []
    const items = ['a', 'b', 'c', 'd', 'e'].map((key, i) => ({ key, desired: i }))
    const results = await applyAll(items, async (i) => (seen.push(i.key), applied(i.key)), { concurrency: 1, start: 3 })
    expect(seen).toEqual(['d', 'e', 'a', 'b', 'c'])
    expect(results.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('gives each item its status, and the summary adds up to the items', async () => {
    const statuses = ['applied', 'unchanged', 'done-by-another', 'held-by-another', 'failed', 'pending'] as const
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...statuses), { maxLength: 30 }), async (wanted) => {
        const items = wanted.map((status, i) => ({ key: `k${i}`, desired: i }))
        const results = await applyAll(items, async (i) => ({ ...applied(i.key), status: wanted[i.desired] ?? 'failed' }), { concurrency: 3 })
        expect(results.map((r: ItemResult) => r.status)).toEqual(wanted)
        const s = summarize(results)
        expect(s.applied + s.unchanged + s.doneByAnother + s.heldByAnother + s.failed + s.pending).toBe(s.total)
        expect(s.total).toBe(wanted.length)
        expect(s.doneByAnother).toBe(wanted.filter((w) => w === 'done-by-another').length)
      }),
      { numRuns: 50 },
    )
  })
})

describe('startOf', () => {
  it('is a place in the items that the runner id decides', () => {
    expect(startOf(undefined, 10)).toBe(0)
    expect(startOf('r1', 0)).toBe(0)
    expect(startOf('r1', 200)).toBe(startOf('r1', 200))
    const starts = new Set(Array.from({ length: 20 }, (_, i) => startOf(`runner-${i}`, 200)))
    expect(starts.size).toBeGreaterThan(15)
    for (const s of starts) expect(s).toBeGreaterThanOrEqual(0)
    for (const s of starts) expect(s).toBeLessThan(200)
  })
})
