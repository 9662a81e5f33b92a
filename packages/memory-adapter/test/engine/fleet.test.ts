import { createEngine, formatEngineError, type ApplyAllReport, type ApplyItem, type Engine, type EngineError, type ItemStatus } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { MemoryInvoker } from '../../src/invoker.js'
import { ManualClock } from '../../src/manual-clock.js'
import { MemoryStateStore } from '../../src/state-store.js'

/*
 * A fleet of runners: K engines (each its own invoker, as K machines would
 * have) over one store, applying the same items in `claimed: 'skip'` mode.
 */

const ok = <A>(e: E.Either<EngineError, A>): A => {
  if (E.isLeft(e)) throw new Error(formatEngineError(e.left))
  return e.right
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

interface Runner {
  readonly id: string
  readonly invoker: MemoryInvoker
  readonly engine: Engine
}

const fleet = (k: number, store: MemoryStateStore, named = true): Runner[] =>
  Array.from({ length: k }, (_, i) => {
    const id = `runner-${i}`
    const invoker = new MemoryInvoker({ clock: systemClock }).register('slow', async (event: unknown) => {
      await sleep(2)
      return event
    })
    const engine = createEngine({ invoker, store, clock: systemClock, ...(named ? { runner: { id, host: 'ci', pid: 1000 + i } } : {}) })
    return { id, invoker, engine }
  })

const itemsOf = (n: number, input: (i: number) => string, more: Record<string, unknown> = {}): ApplyItem[] =>
  Array.from({ length: n }, (_, i) => ({ key: `r${i}`, desired: { functionName: 'slow', input: input(i), lifecycleScope: 'CRUD', ...more } }))

const STATUSES: ReadonlyArray<ItemStatus> = ['applied', 'unchanged', 'done-by-another', 'held-by-another']

/** Each report: every item in order, with a status that is not a failure, and counts that add up to the whole config. */
const checkReports = (reports: ReadonlyArray<ApplyAllReport>, items: ReadonlyArray<ApplyItem>): void => {
  for (const report of reports) {
    expect(report.results.map((r) => r.key)).toEqual(items.map((i) => ('key' in i ? i.key : i.change.key)))
    for (const r of report.results) expect(STATUSES, `${r.key}: ${r.status} ${E.isLeft(r.result) ? formatEngineError(r.result.left) : ''}`).toContain(r.status)
    const s = report.summary
    expect(s.total).toBe(items.length)
    expect(s.applied + s.unchanged + s.doneByAnother + s.heldByAnother + s.failed + s.pending).toBe(items.length)
    expect([s.failed, s.pending]).toEqual([0, 0])
  }
}

/** Every (key, lifecycle, payload) invoked across the fleet. */
const stepsRun = (runners: ReadonlyArray<Runner>): string[] =>
  runners.flatMap((r) => r.invoker.calls.filter((c) => c.ran).map((c) => `${c.call.lifecycle}:${c.call.payload}`))

describe('a fleet of runners on one store', () => {
  it('runs each planned step exactly once across K runners, and every report adds up to the whole config', async () => {
    const store = new MemoryStateStore()
    const runners = fleet(4, store)
    const items = itemsOf(200, (i) => `{"i":${i}}`)
    const reports = (await Promise.all(runners.map((r) => r.engine.applyAll(items, { concurrency: 4, claimed: 'skip' })))).map(ok)
    checkReports(reports, items)
    const creates = stepsRun(runners)
    expect(creates).toHaveLength(200)
    expect(new Set(creates).size).toBe(200)
    // Each create was applied by exactly one runner, and the runners shared the work.
    expect(reports.reduce((n, r) => n + r.summary.applied, 0)).toBe(200)
    expect(reports.filter((r) => r.summary.applied > 0).length).toBeGreaterThan(1)
    const records = store.snapshot()
    expect(Object.keys(records)).toHaveLength(200)
    expect(Object.values(records).every((r) => r.state !== undefined && r.intent === undefined)).toBe(true)

    // Then a replace of every item (two steps each): still each step once, claimed from one step to the next.
    for (const r of runners) r.invoker.reset()
    const replaced = itemsOf(200, (i) => `{"i":${i}}`, { triggers: { v: '2' } })
    const again = (await Promise.all(runners.map((r) => r.engine.applyAll(replaced, { concurrency: 4, claimed: 'skip' })))).map(ok)
    checkReports(again, replaced)
    const steps = stepsRun(runners)
    expect(steps).toHaveLength(400)
    expect(new Set(steps).size).toBe(400)
    expect(steps.filter((s) => s.startsWith('delete:'))).toHaveLength(200)
  })

  it('runners without ids start together and race on every item: each step still runs once, and the loser reports it held or done by another', async () => {
    const store = new MemoryStateStore()
    const runners = fleet(3, store, false)
    const items = itemsOf(30, (i) => `{"i":${i}}`)
    const reports = (await Promise.all(runners.map((r) => r.engine.applyAll(items, { concurrency: 1, claimed: 'skip' })))).map(ok)
    checkReports(reports, items)
    expect(stepsRun(runners)).toHaveLength(30)
    expect(reports.reduce((n, r) => n + r.summary.applied, 0)).toBe(30)
    expect(reports.reduce((n, r) => n + r.summary.heldByAnother + r.summary.doneByAnother, 0)).toBeGreaterThan(0)
  })

  it('in the default mode, the same race is reported as a conflict: nothing is left to another runner', async () => {
    const store = new MemoryStateStore()
    const runners = fleet(2, store)
    const items = itemsOf(10, (i) => `{"i":${i}}`)
    const reports = (await Promise.all(runners.map((r) => r.engine.applyAll(items, { concurrency: 1 })))).map(ok)
    expect(stepsRun(runners)).toHaveLength(10)
    for (const r of reports) expect(r.summary.doneByAnother + r.summary.heldByAnother).toBe(0)
    expect(reports.reduce((n, r) => n + r.summary.failed, 0)).toBeGreaterThan(0)
  })
})

describe('a step another runner holds', () => {
  const setup = () => {
    const clock = new ManualClock({ start: '2026-05-01T10:00:00.000Z' })
    const store = new MemoryStateStore()
    let release: () => void = () => undefined
    const hanging = new MemoryInvoker({ clock }).register('slow', () => new Promise<string>((r) => (release = () => r('done'))), { timeoutMs: 15 * 60 * 1000 })
    const holder = createEngine({ invoker: hanging, store, clock, runner: { id: 'a', host: 'ci-1', pid: 11 } })
    const invoker = new MemoryInvoker({ clock }).register('slow', () => 'mine')
    const other = createEngine({ invoker, store, clock, runner: { id: 'b', host: 'ci-2', pid: 22 }, leaseMs: 60_000 })
    const items: ApplyItem[] = [{ key: 'k', desired: { functionName: 'slow', input: '{}' } }]
    return { clock, store, holder, other, invoker, items, release: () => release() }
  }

  it('is skipped while its holder may still run it, with the holder named, and is interrupted once the lease has passed', async () => {
    const { clock, store, holder, other, invoker, items, release } = setup()
    const running = holder.apply('k', { functionName: 'slow', input: '{}' })
    await sleep(1)
    expect(store.snapshot()['k']?.intent?.holder).toEqual({ id: 'a', host: 'ci-1', pid: 11 })
    const skipped = ok(await other.applyAll(items, { claimed: 'skip' }))
    expect(skipped.results[0]?.status).toBe('held-by-another')
    const held = skipped.results[0]?.result
    expect(held !== undefined && E.isLeft(held) && held.left).toMatchObject({ _tag: 'Interrupted', live: true, intent: { holder: { id: 'a' } } })
    expect(held !== undefined && E.isLeft(held) ? formatEngineError(held.left) : '').toContain('by another apply (runner a on ci-1 (pid 11)), which may still be running it')
    expect(held !== undefined && E.isLeft(held) ? formatEngineError(held.left) : '').not.toContain('retry (invoke it again)')
    expect(invoker.calls).toEqual([])
    // Without the fleet mode, the same step is an interrupted one to wait for, not retried.
    const plain = await other.apply('k', { functionName: 'slow', input: '{}' })
    expect(E.isLeft(plain) && plain.left).toMatchObject({ _tag: 'Interrupted', live: true })
    clock.advance(60_000)
    const late = ok(await other.applyAll(items, { claimed: 'skip' }))
    expect(late.results[0]?.status).toBe('failed')
    expect(late.results[0]?.result).toMatchObject({ left: { _tag: 'Interrupted', live: false } })
    release()
    expect(E.isRight(await running)).toBe(true)
    expect(ok(await other.applyAll(items, { claimed: 'skip' })).results[0]?.status).toBe('unchanged')
  })

  it("a runner's own intent from an earlier run is an interrupted step for it, not another runner's", async () => {
    const { store, holder, items } = setup()
    const clock = new ManualClock({ start: '2026-05-01T10:00:00.000Z' })
    await store.write('k', { schemaVersion: 1, intent: { action: 'create', lifecycle: 'create', functionName: 'slow', qualifier: '$LATEST', payloadMd5: '0'.repeat(32), startedAt: '2026-05-01T10:00:00.000Z', holder: { id: 'b' } } }, undefined)
    const again = createEngine({ invoker: new MemoryInvoker({ clock }), store, clock, runner: { id: 'b' } })
    const report = ok(await again.applyAll(items, { claimed: 'skip' }))
    expect(report.results[0]).toMatchObject({ status: 'failed', result: { left: { _tag: 'Interrupted', live: false } } })
    expect(ok(await holder.applyAll(items, { claimed: 'skip' })).results[0]?.status).toBe('held-by-another')
  })
})
