/**
 * `pnpm bench`: plans per second of the core for inputs of 1 KB to 6 MB, each
 * as a ratio to a baseline measured in the same process on the same input
 * (JSON.parse + JSON.stringify + md5), medians of several interleaved rounds;
 * and the heap one CRUD plan of the largest input allocates (in a child
 * process whose young generation holds it all, so no GC hides garbage).
 * Targets: CRUD (Terraform encoding) ≤ 2×, CREATE_ONLY ≤ 1.3×, heap < 10× the input.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as E from 'fp-ts/lib/Either.js'
import { MAX_PAYLOAD_BYTES } from '../src/model/limits.js'
import { plan } from '../src/plan/plan.js'
import { makeInput } from './inputs.js'
import { median, msPerCall } from './measure.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7)
const SIZES: ReadonlyArray<readonly [string, number]> = [
  ['1 KB', 1024],
  ['64 KB', 64 * 1024],
  ['1 MB', 1024 * 1024],
  ['6 MB', MAX_PAYLOAD_BYTES - 1024], // just under 6 MiB, so the CRUD payload stays within Lambda's limit
]

const baseline = (text: string): string => createHash('md5').update(JSON.stringify(JSON.parse(text)), 'utf8').digest('hex')

const planOrThrow = (args: unknown, options?: unknown): void => {
  const p = plan(undefined, args, options)
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left.problems).slice(0, 500))
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))

/**
 * Heap: everything one CRUD plan of the largest input allocates, garbage
 * included. Run in a child with a young generation bigger than that, so no
 * scavenge hides any of it: the figure bounds the peak from above.
 */
const measureHeap = (): { size: number; heap: number; retained: number; baseHeap: number } => {
  const big = makeInput(MAX_PAYLOAD_BYTES - 1024)
  const size = Buffer.byteLength(big)
  const heap: number[] = []
  const retained: number[] = []
  const baseHeap: number[] = []
  // A first plan grows the young generation to its size; without it that round would scavenge.
  plan(undefined, { functionName: 'bench', input: big, lifecycleScope: 'CRUD' })
  for (let r = 0; r < ROUNDS; r++) {
    gc()
    const start = process.memoryUsage().heapUsed
    let b: unknown = baseline(big)
    baseHeap.push(process.memoryUsage().heapUsed - start)
    b = undefined
    void b
    gc()
    const before = process.memoryUsage().heapUsed
    let p: unknown = plan(undefined, { functionName: 'bench', input: big, lifecycleScope: 'CRUD' })
    heap.push(process.memoryUsage().heapUsed - before)
    gc()
    retained.push(process.memoryUsage().heapUsed - before)
    p = undefined
    void p
  }
  return { size, heap: median(heap), retained: median(retained), baseHeap: median(baseHeap) }
}

if (process.env['BENCH_HEAP_CHILD'] === '1') {
  console.log(JSON.stringify(measureHeap()))
  process.exit(0)
}

const child = spawnSync(process.execPath, [...process.execArgv, '--max-semi-space-size=512', process.argv[1] as string], {
  env: { ...process.env, BENCH_HEAP_CHILD: '1' },
  encoding: 'utf8',
})
if (child.status !== 0) throw new Error(`heap child failed: ${child.stderr}`)
const { size, heap, retained, baseHeap } = JSON.parse(child.stdout) as ReturnType<typeof measureHeap>

const rows: string[] = []
const verdicts: string[] = []
for (const [label, bytes] of SIZES) {
  const input = makeInput(bytes)
  const crud = { functionName: 'bench', input, lifecycleScope: 'CRUD' }
  const createOnly = { functionName: 'bench', input }
  // The same input with its keys already in Go's order, as Terraform's jsonencode writes it.
  const sortedInput = JSON.stringify(JSON.parse(input), (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
  const crudSorted = { functionName: 'bench', input: sortedInput, lifecycleScope: 'CRUD' }
  const budget = bytes > 1_000_000 ? 400 : 150
  const base: number[] = []
  const crudR: number[] = []
  const createR: number[] = []
  const preserveR: number[] = []
  const sortedR: number[] = []
  const baseMs: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    gc()
    const b = msPerCall(() => baseline(input), budget)
    gc()
    const c = msPerCall(() => planOrThrow(crud), budget)
    gc()
    const o = msPerCall(() => planOrThrow(createOnly), budget)
    gc()
    const p = msPerCall(() => planOrThrow(crud, { encoding: 'preserve' }), budget)
    base.push(1000 / b)
    baseMs.push(b)
    crudR.push(c / b)
    createR.push(o / b)
    preserveR.push(p / b)
    gc()
    const bs = msPerCall(() => baseline(sortedInput), budget)
    gc()
    sortedR.push(msPerCall(() => planOrThrow(crudSorted), budget) / bs)
  }
  const crudRatio = median(crudR)
  const createRatio = median(createR)
  rows.push(
    `| ${label} (${Buffer.byteLength(input).toLocaleString('en-US')} B) | ${fmt(median(base))} | ${fmt(median(baseMs))} | ${fmt(median(base) / crudRatio)} | ${crudRatio.toFixed(2)}× | ${fmt(median(base) / createRatio)} | ${createRatio.toFixed(2)}× | ${median(preserveR).toFixed(2)}× | ${median(sortedR).toFixed(2)}× |`,
  )
  verdicts.push(`${label}: CRUD ${crudRatio <= 2 ? 'within' : 'OVER'} 2×, CREATE_ONLY ${createRatio <= 1.3 ? 'within' : 'OVER'} 1.3×`)
}

console.log(`core bench: node ${process.version}, ${ROUNDS} rounds, medians\n`)
console.log('| input | baseline ops/s | baseline ms | CRUD plans/s | CRUD ratio | CREATE_ONLY plans/s | CREATE_ONLY ratio | CRUD preserve ratio | CRUD ratio, keys already sorted |')
console.log('|---|---|---|---|---|---|---|---|---|')
for (const row of rows) console.log(row)
console.log('')
console.log(
  `Heap of one CRUD plan of ${size.toLocaleString('en-US')} B: ${(heap / 1e6).toFixed(1)} MB allocated in all, garbage included (${(heap / size).toFixed(1)}× the input; target < 10×), ${(retained / 1e6).toFixed(1)} MB retained by the plan (its payload). The baseline allocates ${(baseHeap / 1e6).toFixed(1)} MB (${(baseHeap / size).toFixed(1)}×).`,
)
verdicts.push(`heap: ${heap / size < 10 ? 'within' : 'OVER'} 10×`)
console.log('')
for (const v of verdicts) console.log(v)
// A missed target fails the run, as the other packages' benchmarks do.
if (verdicts.some((v) => v.includes('OVER'))) process.exitCode = 1
