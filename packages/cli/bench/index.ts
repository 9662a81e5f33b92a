/**
 * CLI benchmark. `apply` of N fresh resources and `plan` of N unchanged ones
 * (file state store, local no-op handler), as CPU time per resource: the
 * figure at 10,000 must be within 1.2× of the figure at 100. Start-up, as
 * ratios to `node -e 0` measured in the same run: `--version` within 1.3×, a
 * one-resource local `plan` within 2×. Prints medians; exits non-zero when a
 * target is missed.
 */
import { run, timeApply, timePlan } from './commands.js'
import { median, project, type Sample } from './measure.js'
import { timeStart } from './start-up.js'

const SIZES = [100, 1_000, 10_000] as const
const RUNS: Record<(typeof SIZES)[number], number> = { 100: 15, 1_000: 7, 10_000: 3 }
/** Resources applied at once: enough that writes share their syncs, as they do for a user of --concurrency. */
const CONCURRENCY = 16
const MAX_GROWTH = 1.2
const START_PAIRS = 31
const MAX_VERSION = 1.3
const MAX_PLAN_ONE = 2

const fmt = (s: ReadonlyArray<Sample>): string => `${median(s.map((x) => x.cpu)).toFixed(1)} (${median(s.map((x) => x.wall)).toFixed(1)})`
const cpu = (s: ReadonlyArray<Sample>): number => median(s.map((x) => x.cpu))

const main = async (): Promise<void> => {
  const verdicts: string[] = []
  const check = (what: string, value: number, limit: number): void => {
    verdicts.push(`${what}: ${value.toFixed(2)}× (limit ${limit}×) ${value <= limit ? 'ok' : 'OVER'}`)
  }

  // Start-up first, before the runs below leave the disk busy writing back their state files.
  const startUp: string[] = []
  const one = project(1)
  try {
    await run(one.dir, ['apply', '--auto-approve'])
    const version = timeStart(['--version'], one.dir, START_PAIRS)
    const planOne = timeStart(['plan', '--detailed-exitcode'], one.dir, START_PAIRS)
    startUp.push('')
    startUp.push(`Start-up: the built command as a process, paired with node -e 0; medians of ${START_PAIRS} pairs, wall ms`)
    startUp.push('| command | ms | node -e 0 ms | median ratio |')
    startUp.push('|---|---:|---:|---:|')
    startUp.push(`| --version | ${version.ms.toFixed(1)} | ${version.baselineMs.toFixed(1)} | ${version.ratio.toFixed(2)}× |`)
    startUp.push(`| plan, one local resource | ${planOne.ms.toFixed(1)} | ${planOne.baselineMs.toFixed(1)} | ${planOne.ratio.toFixed(2)}× |`)
    check('--version / node -e 0', version.ratio, MAX_VERSION)
    check('plan of one resource / node -e 0', planOne.ratio, MAX_PLAN_ONE)
  } finally {
    one.dispose()
  }

  // Warm-up: the JIT, the handlers module and the file cache, so that 100 is not a cold-start figure.
  await timeApply(1_000, CONCURRENCY, 2)
  await timePlan(1_000, 2)

  const apply = new Map<number, Sample[]>()
  const plan = new Map<number, Sample[]>()
  for (const n of SIZES) {
    apply.set(n, await timeApply(n, CONCURRENCY, RUNS[n]))
    plan.set(n, await timePlan(n, RUNS[n]))
  }
  // For reference: one write and its sync per step, as `apply` runs by default.
  const serial = new Map<number, Sample[]>([
    [100, await timeApply(100, 1, 5)],
    [1_000, await timeApply(1_000, 1, 3)],
  ])

  console.log(`CLI: apply of N fresh resources (--concurrency ${CONCURRENCY}) and plan of N unchanged ones, file state store, local no-op handler; medians of CPU µs per resource (wall µs in brackets)`)
  console.log('| resources | apply µs/resource | plan µs/resource | apply --concurrency 1 µs/resource |')
  console.log('|---:|---:|---:|---:|')
  for (const n of SIZES) {
    const s = serial.get(n)
    console.log(`| ${n.toLocaleString('en-US')} | ${fmt(apply.get(n)!)} | ${fmt(plan.get(n)!)} | ${s === undefined ? '' : fmt(s)} |`)
  }
  // What each resource beyond the first 100 or 1,000 cost: the command's fixed cost (config, lock, state, handlers) taken out.
  const marginal = (runs: Map<number, Sample[]>, from: number, to: number): string => ((cpu(runs.get(to)!) * to - cpu(runs.get(from)!) * from) / (to - from)).toFixed(1)
  console.log(`CPU µs per added resource, 100 -> 1,000 and 1,000 -> 10,000: apply ${marginal(apply, 100, 1_000)} and ${marginal(apply, 1_000, 10_000)}, plan ${marginal(plan, 100, 1_000)} and ${marginal(plan, 1_000, 10_000)}`)
  check('apply, CPU per resource, 10,000 / 100', cpu(apply.get(10_000)!) / cpu(apply.get(100)!), MAX_GROWTH)
  check('plan, CPU per resource, 10,000 / 100', cpu(plan.get(10_000)!) / cpu(plan.get(100)!), MAX_GROWTH)

  for (const line of startUp) console.log(line)
  console.log('')
  for (const v of verdicts) console.log(v)
  if (verdicts.some((v) => v.endsWith('OVER'))) process.exitCode = 1
}

void main()
