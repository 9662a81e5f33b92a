import { left, right, type Either } from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyAll } from '../../src/engine/apply-all.js'
import type { Applied, ApplyItem, EngineError } from '../../src/engine/types.js'

const applied = (key: string): Either<EngineError, Applied> =>
  right({ key, plan: { action: 'noop', invocations: [], prior: undefined, desired: undefined }, state: undefined, invocations: [] })

describe('applyAll', () => {
  it('never runs more than `concurrency` at once, runs each item once, and returns results in item order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10 }), async (n, concurrency) => {
        let inFlight = 0
        let most = 0
        const seen: string[] = []
        const items: ApplyItem[] = Array.from({ length: n }, (_, i) => ({ key: `k${i}`, desired: i }))
        const results = await applyAll(
          items,
          async (item) => {
            seen.push(item.key)
            inFlight++
            most = Math.max(most, inFlight)
            await new Promise((r) => setImmediate(r))
            inFlight--
            return (item.desired as number) % 3 === 0 ? left({ _tag: 'Aborted', key: item.key }) : applied(item.key)
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
    })
    expect(results.map((r) => r.result._tag)).toEqual(['Left', 'Right'])
    expect(results[0]?.result._tag === 'Left' && results[0].result.left._tag).toBe('StoreFailed')
  })

  it('marks every item Aborted when the signal aborted before the start', async () => {
    const controller = new AbortController()
    controller.abort()
    let calls = 0
    const results = await applyAll([{ key: 'a', desired: 1 }, { key: 'b', desired: 2 }], async (i) => (calls++, applied(i.key)), { signal: controller.signal })
    expect(calls).toBe(0)
    expect(results.map((r) => r.result._tag === 'Left' && r.result.left._tag)).toEqual(['Aborted', 'Aborted'])
  })
})
