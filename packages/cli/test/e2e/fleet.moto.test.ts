/**
 * `apply --fleet`: runners started at once on one S3 state (moto) share the
 * work of one config. Every resource is invoked exactly once across the
 * fleet, every runner exits 0 reporting what it and the others did, and the
 * fleet's wall time falls as runners are added.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { configText, folder, LOGGING_HANDLERS, removeFolder, requireBuiltBinary } from './harness.js'
import { motoBucket, motoRecords, runOnMoto, startOnMoto } from './moto-state.js'

const RESOURCES = 200
const resources = Object.fromEntries(Array.from({ length: RESOURCES }, (_, i) => [`r${String(i).padStart(3, '0')}`, { functionName: 'work', input: { name: `r${i}` } }]))

let bucket: string
beforeAll(async () => {
  requireBuiltBinary()
  bucket = await motoBucket('cli-fleet')
})
let dirs: string[] = []
afterEach(() => {
  for (const d of dirs) removeFolder(d)
  dirs = []
})

/** The names each handler call logged, in `dir`'s ran.log. */
const invoked = (dir: string): string[] =>
  existsSync(join(dir, 'ran.log'))
    ? readFileSync(join(dir, 'ran.log'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => (JSON.parse(l) as { event: { name: string } }).event.name)
    : []

/** Starts `n` runners at once on a fresh prefix with 50 ms handlers; waits for all; gives the wall time and their runs. */
const fleet = async (n: number) => {
  const dir = folder({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText(resources) })
  dirs.push(dir)
  const prefix = `fleet-${n}/`
  const started = Date.now()
  const runners = Array.from({ length: n }, () => startOnMoto(dir, ['apply', '--auto-approve', '--fleet', '--state-s3', `s3://${bucket}/${prefix}`], { HANDLER_DELAY_MS: '50' }))
  const codes = await Promise.all(runners.map((r) => r.exited))
  return { ms: Date.now() - started, dir, prefix, codes, outs: runners.map((r) => r.out) }
}

describe('apply --fleet over S3', () => {
  it('1, 2 and 4 runners: every resource invoked exactly once, every runner exits 0, and 4 runners finish faster than 1', { timeout: 120_000 }, async () => {
    const times = new Map<number, number>()
    for (const n of [1, 2, 4]) {
      const run = await fleet(n)
      times.set(n, run.ms)
      for (const [i, code] of run.codes.entries()) expect(code, `runner ${i} of ${n}: ${run.outs[i]!.stderr}`).toBe(0)
      const names = invoked(run.dir)
      expect(names).toHaveLength(RESOURCES)
      expect(new Set(names).size).toBe(RESOURCES)
      // Each runner's summary: its own share, the others' share, nothing pending or failed; the shares add up.
      let mine = 0
      for (const out of run.outs) {
        const m = /Fleet apply complete: this runner (?:(\d+) created|did nothing)[^;]*; other runners [^;]*; 0 pending, 0 failed \(of 200\)\./.exec(out.stdout)
        expect(m, out.stdout.slice(-400)).not.toBeNull()
        mine += Number(m![1] ?? 0)
      }
      expect(mine).toBe(RESOURCES)
      if (n > 1) for (const out of run.outs) expect(out.stdout).toMatch(/: applied by another runner|: being applied by another runner/)
      const records = await motoRecords(bucket, run.prefix)
      expect(records.size).toBe(RESOURCES)
      expect([...records.values()].every((r) => r.intent === undefined && r.state !== undefined)).toBe(true)
    }
    const [t1, t2, t4] = [times.get(1)!, times.get(2)!, times.get(4)!]
    // The slack is wide: the runners, moto and the handlers share a small machine, so 4 runners
    // cannot take a quarter of the time; the fleet must still be faster, and clearly so at best.
    const wallTimes = `wall times: 1 runner ${t1} ms, 2 runners ${t2} ms, 4 runners ${t4} ms`
    expect(t4, wallTimes).toBeLessThan(t1)
    expect(Math.min(t2, t4), wallTimes).toBeLessThan(0.8 * t1)
  })

  it('a runner after the fleet finds nothing to do', async () => {
    const dir = folder({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ a: { functionName: 'work', input: { name: 'a' } } }) })
    dirs.push(dir)
    const state = ['--state-s3', `s3://${bucket}/after/`]
    expect((await runOnMoto(dir, ['apply', '--auto-approve', '--fleet', ...state])).code).toBe(0)
    const again = await runOnMoto(dir, ['apply', '--auto-approve', '--fleet', ...state])
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toContain('Fleet apply complete: this runner did nothing (1 unchanged); other runners did none; 0 pending, 0 failed (of 1).')
    expect(invoked(dir)).toEqual(['a'])
  })

  it('a step left by a runner known gone (killed on this host) is reported as an interrupted step to resolve, not left to it', async () => {
    const dir = folder({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ a: { functionName: 'work', input: { name: 'a' } } }) })
    dirs.push(dir)
    const state = ['--state-s3', `s3://${bucket}/gone/`]
    const killed = startOnMoto(dir, ['apply', '--auto-approve', '--fleet', ...state], { HANDLER_DELAY_MS: '20000' })
    const end = Date.now() + 15_000
    while ([...(await motoRecords(bucket, 'gone/')).values()][0]?.intent === undefined) {
      if (Date.now() > end) throw new Error('timed out waiting for the intent')
      await new Promise((r) => setTimeout(r, 50))
    }
    process.kill(killed.pid, 'SIGKILL')
    await killed.exited
    const after = await runOnMoto(dir, ['apply', '--auto-approve', '--fleet', ...state])
    expect(after.code).toBe(1)
    expect(after.stdout).toContain('Fleet apply incomplete: this runner did nothing; other runners did none; 0 pending, 1 failed (of 1).')
    expect(after.stderr).toContain('Nothing more runs until you choose a resolution: retry')
    expect(invoked(dir)).toEqual([])
  })
})
