/**
 * Crash test: `apply` of many resources (creates, or updates of an applied
 * state), killed with SIGKILL at seeded random moments. After each kill the state file parses, every invocation whose
 * result was stored is still stored, every invocation that ran without its
 * result stored shows as an interrupted step, and the next plan reports
 * exactly those steps.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { backupPathFor } from '../../src/state-file/files.js'
import { serializeStateV1 } from '../../src/state-file/format-v1.js'
import { loadStateFile } from '../../src/state-file/load.js'
import { BIN, configText, folder, LOGGING_HANDLERS, removeFolder, requireBuiltBinary, runMain } from './harness.js'

const RESOURCES = 30
const RUNS = 50
const SEED = 0x5eed_2026

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
const random = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const names = Array.from({ length: RESOURCES }, (_, i) => `r${String(i).padStart(2, '0')}`)
const config = configText(Object.fromEntries(names.map((n) => [n, { functionName: 'work', lifecycleScope: 'CRUD', input: { name: n } }])))

const freshFolder = (): string => folder({ 'lambda-invocation.json': config, 'handlers.mjs': LOGGING_HANDLERS })

/**
 * Starts `apply`; when `killAfterMs` is set, kills it with SIGKILL that long
 * after its lock file appears (the command has started, so no kill is wasted
 * on Node's start-up). Resolves when it has exited, with how long the apply
 * held the lock.
 */
const applyAndKill = async (dir: string, killAfterMs: number | undefined): Promise<{ pid: number; lockedMs: number }> => {
  const child = spawn(process.execPath, [BIN, 'apply', '--auto-approve', '--concurrency', '2'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', HANDLER_DELAY_MS: '3' },
    stdio: 'ignore',
  })
  const lock = join(dir, 'lambda-invocation.state.json.lock')
  let exited = false
  let lockedAt: number | undefined
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  void exit.then(() => (exited = true))
  while (!exited && lockedAt === undefined) {
    if (existsSync(lock)) lockedAt = Date.now()
    else await new Promise((r) => setTimeout(r, 1))
  }
  const timer = killAfterMs === undefined || exited ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  await exit
  clearTimeout(timer)
  return { pid: child.pid!, lockedMs: Date.now() - (lockedAt ?? Date.now()) }
}

interface Entry {
  readonly record: { readonly state?: { readonly result: string; readonly input: string }; readonly intent?: { readonly lifecycle: string } }
}

/**
 * What a run applies: creates from nothing, or updates of every resource from
 * an applied state, that state in the journal or (`migrate`) in the format of
 * before the journal, which the run's first write rewrites as a journal.
 */
type Mode = 'create' | 'update' | 'migrate'

/** What a run's invocations do: `migrate` is a run of updates. */
const lifecycleOf = (mode: Mode): 'create' | 'update' => (mode === 'create' ? 'create' : 'update')

const updatedInput = (name: string): string => JSON.stringify({ name, v: 2 })
const updatedConfig = configText(Object.fromEntries(names.map((n) => [n, { functionName: 'work', lifecycleScope: 'CRUD', input: { name: n, v: 2 } }])))

/** A folder ready for the run: for updates, everything applied first (in-process) and the inputs then changed. */
const prepare = async (mode: Mode): Promise<string> => {
  const dir = freshFolder()
  if (mode !== 'create') {
    const first = await runMain(dir, ['apply', '--auto-approve'])
    if (first.code !== 0) throw new Error(`preparing an update run failed: ${first.stderr}`)
    rmSync(join(dir, 'ran.log'))
    writeFileSync(join(dir, 'lambda-invocation.json'), updatedConfig)
  }
  if (mode === 'migrate') {
    const file = join(dir, 'lambda-invocation.state.json')
    const loaded = loadStateFile(file)
    if (!E.isRight(loaded)) throw new Error(loaded.left.message)
    writeFileSync(file, serializeStateV1({ ...loaded.right.state, formatVersion: 1 }))
  }
  return dir
}

describe('apply killed with SIGKILL at random moments', () => {
  beforeAll(() => requireBuiltBinary())

  it(`never loses a stored result and reports every unrecorded invocation (${RUNS} runs, creates, updates and updates migrating the state file, seed ${SEED})`, async () => {
    // How long an uninterrupted apply takes here, so kill times spread over it.
    const calibration = freshFolder()
    const full = await applyAndKill(calibration, undefined)
    removeFolder(calibration)
    const next = random(SEED)
    let midApply = 0
    let withInterrupted = 0

    // Two applies at a time (each in its own folder), then the checks of each.
    for (let pair = 0; pair < RUNS; pair += 2) {
      const runs = await Promise.all(
        [pair, pair + 1]
          .filter((r) => r < RUNS)
          .map(async (run) => {
            const mode: Mode = (['create', 'create', 'update', 'update', 'migrate', 'migrate'] as const)[run % 6]!
            return { run, mode, dir: await prepare(mode), killAt: Math.round(full.lockedMs * 1.1 * next()) }
          }),
      )
      const killed = await Promise.all(runs.map(({ dir, killAt }) => applyAndKill(dir, killAt)))
      for (const [k, { run, mode, dir, killAt }] of runs.entries()) {
        try {
          const ranCount = await check(`run ${run} (${mode}s; seed ${SEED}, killed ${killAt} ms into an apply of ~${full.lockedMs} ms)`, mode, dir, killed[k]!.pid)
          if (ranCount.interrupted) withInterrupted++
          if (ranCount.ran > 0 && ranCount.ran < RESOURCES) midApply++
        } finally {
          removeFolder(dir)
        }
      }
    }
    // The kills must land mid-apply often enough for the checks above to mean something.
    expect(midApply).toBeGreaterThanOrEqual(RUNS / 5)
    console.info(`crash test: ${RUNS} runs, ${midApply} killed mid-apply, ${withInterrupted} left an interrupted step; full apply ${full.lockedMs} ms`)
  }, 120_000)
})

/** The checks after one killed apply; gives how many invocations ran and whether a step was left interrupted. */
const check = async (where: string, mode: Mode, dir: string, pid: number): Promise<{ ran: number; interrupted: boolean }> => {
  const stateFile = join(dir, 'lambda-invocation.state.json')

  // 1. The state file, and its backup, always parse and hold valid records.
  const loaded = loadStateFile(stateFile)
  expect(E.isRight(loaded), `${where}: ${!E.isRight(loaded) ? loaded.left.message : ''}`).toBe(true)
  if (existsSync(backupPathFor(stateFile))) expect(E.isRight(loadStateFile(backupPathFor(stateFile))), where).toBe(true)
  const records = (E.isRight(loaded) ? loaded.right.state.records : {}) as Readonly<Record<string, Entry>>

  // 2. What ran: the handler logs after doing its work, before answering, so a logged call completed.
  const ran = existsSync(join(dir, 'ran.log'))
    ? readFileSync(join(dir, 'ran.log'), 'utf8')
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { event: { name: string; tf: { action: string } } })
    : []
  for (const r of ran) expect(r.event.tf.action, where).toBe(lifecycleOf(mode))
  const ranNames = ran.map((r) => r.event.name)
  expect(new Set(ranNames).size, `${where}: a function ran twice`).toBe(ranNames.length)

  // 3. A step is done when its result is stored: created, or updated to the new input.
  const done = (name: string): boolean => {
    const state = records[name]?.record.state
    return mode === 'create' ? state !== undefined : state?.input === updatedInput(name)
  }
  const intent = (name: string): boolean => records[name]?.record.intent !== undefined
  for (const name of names) {
    // An update never loses the state it started from.
    if (mode !== 'create') expect(records[name]?.record.state, `${where}: ${name} lost its state`).toBeDefined()
    // Every invocation that completed is stored, or shows as an interrupted step...
    if (ranNames.includes(name)) expect(done(name) || intent(name), `${where}: ${name} ran, but is neither stored nor interrupted`).toBe(true)
    // ... and nothing is stored that did not run.
    if (done(name)) {
      expect(ranNames, `${where}: ${name} is stored but never ran`).toContain(name)
      expect(records[name]?.record.state?.result, where).toBe(JSON.stringify({ ok: name }))
    }
  }

  // 4. A lock left by the killed process is reported as stale, naming it, with how to clear it.
  const lock = `${stateFile}.lock`
  if (existsSync(lock)) {
    expect(readFileSync(lock, 'utf8'), where).toBe(`${pid}\n`)
    const refused = await runMain(dir, ['apply', '--auto-approve'])
    expect(refused.code, where).toBe(1)
    expect(refused.stderr, where).toContain(`process ${pid}, which is no longer running`)
    expect(refused.stderr, where).toContain(`rm ${lock}`)
    rmSync(lock)
  }

  // 5. The next plan reports exactly the interrupted steps; what is done is a noop, the rest still to do.
  const plan = await runMain(dir, ['plan', '--json'])
  expect(plan.code, `${where}: ${plan.stdout}`).toBe(0)
  const doc = JSON.parse(plan.stdout) as { changes: Array<{ key: string; action: string; interrupted: unknown }> }
  const interruptedInPlan = doc.changes.filter((c) => c.interrupted !== null).map((c) => c.key).sort()
  const intents = names.filter(intent).sort()
  expect(interruptedInPlan, where).toEqual(intents)
  expect(doc.changes.map((c) => c.key).sort(), where).toEqual([...names].sort())
  for (const c of doc.changes) expect(c.action, `${where}: ${c.key}`).toBe(done(c.key) ? 'noop' : lifecycleOf(mode))
  if (intents.length > 0) expect((await runMain(dir, ['plan'])).stdout, where).toContain('has an interrupted step')
  return { ran: ranNames.length, interrupted: intents.length > 0 }
}
