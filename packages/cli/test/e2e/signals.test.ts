/**
 * SIGTERM and SIGHUP stop `apply` as Ctrl-C does: the invocation in flight
 * finishes and is recorded, nothing new starts, the lock is released, and the
 * exit code is 128 plus the signal's number; a second signal exits at once,
 * leaving the step it cut short as an interrupted step for the next plan.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { loadStateFile } from '../../src/state-file/load.js'
import { BIN, configText, LOGGING_HANDLERS, runBin, useFolders } from './harness.js'

interface Record_ {
  readonly record: { readonly state?: { readonly result: string }; readonly intent?: { readonly lifecycle: string } }
}

const stateOf = (dir: string): Readonly<Record<string, Record_>> => {
  const loaded = loadStateFile(join(dir, 'lambda-invocation.state.json'))
  if (E.isLeft(loaded)) throw new Error(loaded.left.message)
  return (loaded.right.state as unknown as { records: Record<string, Record_> }).records
}

const ranNames = (dir: string): string[] =>
  existsSync(join(dir, 'ran.log'))
    ? readFileSync(join(dir, 'ran.log'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => (JSON.parse(l) as { event: { name: string } }).event.name)
    : []

const waitFor = async (ok: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Starts `apply --auto-approve` in `dir` with handlers that take `delayMs`; collects its output. */
const startApply = (dir: string, delayMs: number) => {
  const child = spawn(process.execPath, [BIN, 'apply', '--auto-approve'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', HANDLER_DELAY_MS: String(delayMs) } })
  const out = { stdout: '', stderr: '' }
  child.stdout.on('data', (d) => (out.stdout += d))
  child.stderr.on('data', (d) => (out.stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
  return { child, out, exited }
}

const make = useFolders()

const LOCK = 'lambda-invocation.state.json.lock'

describe.each([
  { signal: 'SIGTERM', code: 143 },
  { signal: 'SIGHUP', code: 129 },
] as const)('$signal', ({ signal, code }) => {
  it(`lets the invocation in flight finish and be recorded, starts no more, releases the lock and exits ${code}`, async () => {
    const resources = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`r${i}`, { functionName: 'work', input: { name: `r${i}` } }]))
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText(resources) })
    const { child, out, exited } = startApply(dir, 600)
    // Once the first invocation is under way, its intent is in the state file.
    await waitFor(() => existsSync(join(dir, 'lambda-invocation.state.json')))
    child.kill(signal)
    expect(await exited, out.stderr).toBe(code)
    expect(out.stderr).toContain(`Interrupt received (${signal})`)
    expect(ranNames(dir)).toEqual(['r0'])
    const records = stateOf(dir)
    expect(Object.keys(records)).toEqual(['r0'])
    expect(records['r0']!.record.intent).toBeUndefined()
    expect(records['r0']!.record.state!.result).toBe('{"ok":"r0"}')
    expect(out.stdout).toContain('2 not started')
    expect(existsSync(join(dir, LOCK))).toBe(false)
    const plan = runBin(dir, ['plan'])
    expect(plan.code, plan.stderr).toBe(0)
    expect(plan.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.')
    expect(plan.stdout).not.toContain('interrupted step')
  })

  it(`sent twice, exits ${code} at once, the step in flight left recorded as interrupted for the next plan`, async () => {
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ slow: { functionName: 'work', input: { name: 'slow' } } }) })
    const { child, out, exited } = startApply(dir, 5000)
    await waitFor(() => existsSync(join(dir, 'lambda-invocation.state.json')))
    const started = Date.now()
    child.kill(signal)
    await waitFor(() => out.stderr.includes('Interrupt received'))
    child.kill(signal)
    expect(await exited).toBe(code)
    expect(Date.now() - started).toBeLessThan(4000)
    expect(out.stderr).toContain(`Exiting now (${signal} again)`)
    expect(ranNames(dir)).toEqual([])
    expect(stateOf(dir)['slow']!.record.intent?.lifecycle).toBe('create')
    expect(existsSync(join(dir, LOCK))).toBe(false)
    const plan = runBin(dir, ['plan'])
    expect(plan.stdout).toContain('slow has an interrupted step: the create invocation of work:$LATEST')
    expect(plan.stdout).toContain('--resolve retry')
  })
})
