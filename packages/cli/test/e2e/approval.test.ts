/**
 * Approval: `apply` and `destroy` show the plan and, on a terminal, ask for
 * "yes" before anything runs; `--auto-approve` skips the question; without a
 * terminal (or with --json) and without the flag they refuse, invoking
 * nothing. The terminal is a real pseudo-terminal: util-linux `script` runs
 * the built binary on one and types the answer.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, configText, LOGGING_HANDLERS, ranLog, runBin, useFolders, type Ran } from './harness.js'

const QUESTION = "Do you want to perform these actions? Only 'yes' will be accepted"

const shellWord = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/** Runs the binary on a pseudo-terminal in `dir`, typing `input` (a line) into it. */
const runOnTerminal = (dir: string, args: ReadonlyArray<string>, input: string): Ran => {
  const command = [process.execPath, BIN, ...args].map(shellWord).join(' ')
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, input, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } })
  // On a terminal stdout and stderr are one stream.
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}


const folders = useFolders()
const make = (): string => folders({ 'lambda-invocation.json': configText({ seed: { functionName: 'echo', input: { n: 1 }, lifecycleScope: 'CRUD' } }), 'handlers.mjs': LOGGING_HANDLERS })
const STATE = 'lambda-invocation.state.json'

beforeAll(() => {
  expect(spawnSync('script', ['--version'], { encoding: 'utf8' }).status, 'util-linux script runs the pseudo-terminal tests').toBe(0)
})

describe('approval on a terminal', () => {
  it('apply shows the plan, asks, and runs on "yes"', () => {
    const dir = make()
    const r = runOnTerminal(dir, ['apply'], 'yes\n')
    expect(r.code, r.stdout).toBe(0)
    const plan = r.stdout.indexOf('# seed will be created')
    const question = r.stdout.indexOf(QUESTION)
    expect(plan).toBeGreaterThan(-1)
    expect(question).toBeGreaterThan(plan)
    expect(r.stdout.indexOf('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')).toBeGreaterThan(question)
    expect(ranLog(dir).map((l) => l.event.tf?.action)).toEqual(['create'])
  })

  it('apply answered "no" (or anything but "yes") runs nothing: "Apply cancelled.", exit 1, no state written', () => {
    const dir = make()
    for (const answer of ['no', 'y', 'YES', '']) {
      const r = runOnTerminal(dir, ['apply'], `${answer}\n`)
      expect(r.code, r.stdout).toBe(1)
      expect(r.stdout).toContain(QUESTION)
      expect(r.stdout).toContain('Apply cancelled.')
      expect(r.stdout).not.toContain('Apply complete')
    }
    expect(ranLog(dir)).toEqual([])
    expect(existsSync(join(dir, STATE))).toBe(false)
  })

  it('destroy asks too: "no" keeps the resource, "yes" deletes it', () => {
    const dir = make()
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    const declined = runOnTerminal(dir, ['destroy'], 'no\n')
    expect(declined.code, declined.stdout).toBe(1)
    expect(declined.stdout).toContain('# seed will be destroyed')
    expect(declined.stdout).toContain(QUESTION)
    expect(declined.stdout).toContain('Destroy cancelled.')
    expect(ranLog(dir).map((l) => l.event.tf?.action)).toEqual(['create'])
    const approved = runOnTerminal(dir, ['destroy'], 'yes\n')
    expect(approved.code, approved.stdout).toBe(0)
    expect(approved.stdout).toContain('Destroy complete! Resources: 0 added, 0 changed, 1 destroyed.')
    expect(ranLog(dir).map((l) => l.event.tf?.action)).toEqual(['create', 'delete'])
  })

  it('a saved plan is not asked about: apply <planfile> on a terminal runs at once', () => {
    const dir = make()
    expect(runBin(dir, ['plan', '--out', 'tf.plan']).code).toBe(0)
    const r = runOnTerminal(dir, ['apply', 'tf.plan'], '')
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).not.toContain(QUESTION)
    expect(r.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')
    expect(ranLog(dir).map((l) => l.event.tf?.action)).toEqual(['create'])
  })

  it('--auto-approve does not ask; nothing to do does not ask', () => {
    const dir = make()
    const auto = runOnTerminal(dir, ['apply', '--auto-approve'], '')
    expect(auto.code, auto.stdout).toBe(0)
    expect(auto.stdout).not.toContain(QUESTION)
    expect(ranLog(dir)).toHaveLength(1)
    const nothing = runOnTerminal(dir, ['apply'], '')
    expect(nothing.code, nothing.stdout).toBe(0)
    expect(nothing.stdout).toContain('No changes.')
    expect(nothing.stdout).not.toContain(QUESTION)
    expect(ranLog(dir)).toHaveLength(1)
  })
})

describe('approval without a terminal', () => {
  it('apply and destroy refuse before invoking, naming --auto-approve (ApprovalRequired)', () => {
    const dir = make()
    const apply = runBin(dir, ['apply'])
    expect(apply.code).toBe(1)
    expect(apply.stdout).toContain('# seed will be created')
    expect(apply.stderr).toContain('apply asks for approval before it runs, and there is no terminal to ask on')
    expect(apply.stderr).toContain('add --auto-approve')
    expect(apply.stderr).toContain('Nothing was applied.')
    expect(ranLog(dir)).toEqual([])
    expect(existsSync(join(dir, STATE))).toBe(false)

    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    const destroy = runBin(dir, ['destroy'])
    expect(destroy.code).toBe(1)
    expect(destroy.stderr).toContain('destroy asks for approval before it runs')
    expect(destroy.stderr).toContain('add --auto-approve')
    expect(ranLog(dir).map((l) => l.event.tf?.action)).toEqual(['create'])
  })

  it('--json without --auto-approve refuses too, even on a terminal; nothing to do needs no approval', () => {
    const dir = make()
    for (const r of [runBin(dir, ['apply', '--json']), runOnTerminal(dir, ['apply', '--json'], 'yes\n')]) {
      expect(r.code).toBe(1)
      const doc = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { errors: Array<{ error: string; message: string }>; applied: unknown[] }
      expect(doc.errors.map((e) => e.error)).toEqual(['ApprovalRequired'])
      expect(doc.errors[0]!.message).toContain('add --auto-approve')
      expect(doc.applied).toEqual([])
    }
    expect(ranLog(dir)).toEqual([])
    expect(runBin(dir, ['apply', '--json', '--auto-approve']).code).toBe(0)
    const nothing = runBin(dir, ['apply', '--json'])
    expect(nothing.code, nothing.stdout).toBe(0)
    expect(ranLog(dir)).toHaveLength(1)
  })
})
