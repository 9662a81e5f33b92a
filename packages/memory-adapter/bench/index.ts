/**
 * Engine benchmark: N CRUD creates through `applyAll` over the memory
 * adapters, at concurrency 1 and 64, against a baseline measured in the same
 * run: `plan` alone for the same N resources. Prints medians; exits non-zero
 * if time per resource grows more than 1.5x from 100 to 100,000 resources.
 * Then a fleet: K runners (engines with their own invokers, one store) apply
 * the same 200 resources in `claimed: 'skip'` mode, handlers taking 10 ms of
 * real time; exits non-zero unless 4 runners take at most half the wall time of one.
 */
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createEngine, plan, type ApplyItem } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import { MemoryInvoker } from '../src/invoker.js'
import { systemClock } from '../src/clock.js'
import { ManualClock } from '../src/manual-clock.js'
import { MemoryStateStore } from '../src/state-store.js'

const SIZES = [100, 10_000, 100_000] as const
const CONCURRENCIES = [1, 64] as const
const MAX_GROWTH = 1.5

const argsOf = (i: number) => ({ functionName: 'seed', input: `{"i":${i},"name":"resource-${i}"}`, lifecycleScope: 'CRUD' })

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

setFlagsFromString('--expose-gc')
/** A full collection between runs, so that no run pays for the garbage of the one before. */
const collect = runInNewContext('gc') as () => void

const repeats = (n: number): number => (n <= 100 ? 31 : n <= 10_000 ? 9 : 5)

/** CPU time of this process (user + system), in microseconds: less disturbed than wall time by other work on a shared machine. */
const cpuNow = (): number => {
  const u = process.cpuUsage()
  return u.user + u.system
}

/** CPU and wall microseconds per resource of one measured run. */
interface Sample {
  readonly cpu: number
  readonly wall: number
}

const measure = async (n: number, body: () => Promise<void> | void): Promise<Sample> => {
  collect()
  const cpu0 = cpuNow()
  const wall0 = performance.now()
  await body()
  return { cpu: (cpuNow() - cpu0) / n, wall: ((performance.now() - wall0) * 1000) / n }
}

/** Microseconds per resource for `plan` alone over n fresh resources. */
const timePlan = async (n: number): Promise<Sample> => {
  const desired = Array.from({ length: n }, (_, i) => argsOf(i))
  let ok = 0
  const sample = await measure(n, () => {
    for (const d of desired) if (E.isRight(plan(undefined, d))) ok++
  })
  if (ok !== n) throw new Error(`plan failed for ${n - ok} resources`)
  return sample
}

/** Microseconds per resource for applying n creates through the engine. */
const timeEngine = async (n: number, concurrency: number): Promise<Sample> => {
  const clock = new ManualClock()
  const invoker = new MemoryInvoker({ clock }).registerRaw('seed', () => '{"ok":true}')
  const store = new MemoryStateStore()
  const engine = createEngine({ invoker, store, clock })
  const items: ApplyItem[] = Array.from({ length: n }, (_, i) => ({ key: `res-${i}`, desired: argsOf(i) }))
  let done = 0
  let report: Awaited<ReturnType<typeof engine.applyAll>> | undefined
  const sample = await measure(n, async () => {
    report = await engine.applyAll(items, { concurrency, onProgress: () => void done++ })
  })
  if (report === undefined || !E.isRight(report)) throw new Error('applyAll refused the call')
  const failed = report.right.results.filter((r) => !E.isRight(r.result)).length
  if (failed > 0 || done !== n || invoker.calls.length !== n) throw new Error(`engine run incomplete: ${failed} failed, ${done} progress events, ${invoker.calls.length} calls`)
  return sample
}

const FLEET_ITEMS = 200
const FLEET_HANDLER_MS = 10
const FLEET_CONCURRENCY = 4
const FLEET_SIZES = [1, 2, 4, 8] as const
const FLEET_RUNS = 5
const MAX_FLEET_RATIO = 0.5

/** Wall milliseconds for k runners to apply the same items together; checks each create ran once and each report adds up. */
const timeFleet = async (k: number): Promise<number> => {
  const store = new MemoryStateStore()
  const invokers = Array.from({ length: k }, () =>
    new MemoryInvoker({ clock: systemClock }).registerRaw('seed', () => new Promise<string>((r) => setTimeout(() => r('{"ok":true}'), FLEET_HANDLER_MS))),
  )
  const engines = invokers.map((invoker, i) => createEngine({ invoker, store, clock: systemClock, runner: { id: `runner-${i}` } }))
  const items: ApplyItem[] = Array.from({ length: FLEET_ITEMS }, (_, i) => ({ key: `res-${i}`, desired: argsOf(i) }))
  const t0 = performance.now()
  const reports = await Promise.all(engines.map((e) => e.applyAll(items, { concurrency: FLEET_CONCURRENCY, claimed: 'skip' })))
  const wall = performance.now() - t0
  const calls = invokers.reduce((n, inv) => n + inv.calls.length, 0)
  for (const r of reports) {
    if (!E.isRight(r)) throw new Error('applyAll refused the call')
    const s = r.right.summary
    if (s.failed + s.pending > 0 || s.applied + s.unchanged + s.doneByAnother + s.heldByAnother !== FLEET_ITEMS) throw new Error(`a fleet report does not add up: ${JSON.stringify(s)}`)
  }
  if (calls !== FLEET_ITEMS) throw new Error(`the fleet invoked ${calls} times for ${FLEET_ITEMS} creates`)
  return wall
}

const fleet = async (): Promise<boolean> => {
  const walls = new Map<number, number>()
  for (const k of FLEET_SIZES) {
    const runs: number[] = []
    for (let r = 0; r < FLEET_RUNS; r++) runs.push(await timeFleet(k))
    walls.set(k, median(runs))
  }
  const one = walls.get(1) as number
  console.log(`\nFleet: ${FLEET_ITEMS} creates, handlers of ${FLEET_HANDLER_MS} ms, concurrency ${FLEET_CONCURRENCY} per runner, claimed: 'skip'; medians of ${FLEET_RUNS} runs of wall time`)
  console.log('| runners | wall ms | / one runner |')
  console.log('|---:|---:|---:|')
  for (const [k, w] of walls) console.log(`| ${k} | ${w.toFixed(0)} | ${(w / one).toFixed(2)} |`)
  const ratio = (walls.get(4) as number) / one
  const met = ratio <= MAX_FLEET_RATIO
  console.log(`wall time of 4 runners / 1 runner: ${ratio.toFixed(2)} (limit ${MAX_FLEET_RATIO}) ${met ? 'ok' : 'TOO SLOW'}`)
  return met
}

const main = async (): Promise<void> => {
  // Warm up the JIT on a mid-size run so the 100-resource figures are not cold-start figures.
  for (let i = 0; i < 3; i++) {
    await timePlan(10_000)
    await timeEngine(10_000, 64)
  }
  const rows: Array<{ n: number; concurrency: number; engine: number; plan: number; engineWall: number; planWall: number }> = []
  for (const n of SIZES) {
    for (const concurrency of CONCURRENCIES) {
      const engineRuns: Sample[] = []
      const planRuns: Sample[] = []
      for (let r = 0; r < repeats(n); r++) {
        planRuns.push(await timePlan(n))
        engineRuns.push(await timeEngine(n, concurrency))
      }
      rows.push({
        n,
        concurrency,
        engine: median(engineRuns.map((s) => s.cpu)),
        plan: median(planRuns.map((s) => s.cpu)),
        engineWall: median(engineRuns.map((s) => s.wall)),
        planWall: median(planRuns.map((s) => s.wall)),
      })
    }
  }
  console.log('Engine: CRUD creates through applyAll over the memory adapters; medians of CPU µs per resource (wall µs in brackets)')
  console.log('| resources | concurrency | engine µs/resource | plan alone µs/resource | engine / plan |')
  console.log('|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    const cells = [r.n.toLocaleString('en-US'), String(r.concurrency), `${r.engine.toFixed(1)} (${r.engineWall.toFixed(1)})`, `${r.plan.toFixed(2)} (${r.planWall.toFixed(2)})`, (r.engine / r.plan).toFixed(1)]
    console.log(`| ${cells.join(' | ')} |`)
  }
  let failed = false
  for (const concurrency of CONCURRENCIES) {
    const small = rows.find((r) => r.n === 100 && r.concurrency === concurrency) as (typeof rows)[number]
    const large = rows.find((r) => r.n === 100_000 && r.concurrency === concurrency) as (typeof rows)[number]
    const growth = large.engine / small.engine
    const verdict = growth <= MAX_GROWTH ? 'ok' : 'TOO MUCH'
    if (growth > MAX_GROWTH) failed = true
    console.log(`growth of time per resource, 100 -> 100,000 at concurrency ${concurrency}: ${growth.toFixed(2)}x (limit ${MAX_GROWTH}x) ${verdict}`)
  }
  if (!(await fleet())) failed = true
  if (failed) process.exitCode = 1
}

void main()
