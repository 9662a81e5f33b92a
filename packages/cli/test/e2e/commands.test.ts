/**
 * The commands that check and look after the state without planning:
 * validate, output, state list/rm/mv, --lock-timeout, and per-command help;
 * the built binary against a file state.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configText, folder, LOGGING_HANDLERS, runBin, runBinAsync, useFolders } from './harness.js'

const make = useFolders()

const ranCount = (dir: string): number => (existsSync(join(dir, 'ran.log')) ? readFileSync(join(dir, 'ran.log'), 'utf8').trim().split('\n').length : 0)
const STATE = 'lambda-invocation.state.json'

/** A folder with `a` (CRUD) and `b` applied. */
const applied = (): string => {
  const dir = make({
    'handlers.mjs': LOGGING_HANDLERS,
    'lambda-invocation.json': configText({
      a: { functionName: 'echo', input: { name: 'alpha' }, lifecycleScope: 'CRUD' },
      b: { functionName: 'other', input: '{"name":"beta"}' },
    }),
  })
  const r = runBin(dir, ['apply', '--auto-approve'])
  expect(r.code, r.stdout + r.stderr).toBe(0)
  expect(ranCount(dir)).toBe(2)
  return dir
}

describe('validate', () => {
  it('says a valid config is valid, touching no state', () => {
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{}' } }) })
    const r = runBin(dir, ['validate'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('The configuration is valid.\n')
    expect(existsSync(join(dir, STATE))).toBe(false)
    expect(existsSync(join(dir, `${STATE}.lock`))).toBe(false)
    const json = JSON.parse(runBin(dir, ['validate', '--json']).stdout) as { command: string; valid: boolean; errors: unknown[] }
    expect(json).toMatchObject({ command: 'validate', valid: true, errors: [] })
  })

  it('reports a typo with the nearest name, and exits 1', () => {
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ a: { fuctionName: 'echo', input: '{}' } }) })
    const r = runBin(dir, ['validate'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('resources["a"].fuctionName: is not an argument; did you mean "functionName"?')
    const json = JSON.parse(runBin(dir, ['validate', '--json']).stdout) as { valid: boolean; errors: Array<{ error: string }> }
    expect(json.valid).toBe(false)
    expect(json.errors.map((e) => e.error)).toEqual(['ConfigError'])
  })

  it('reports a function without a handler, unless --aws', () => {
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ a: { functionName: 'nope', input: '{}' } }) })
    const r = runBin(dir, ['validate'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('resource "a": no handler for function "nope"')
    const aws = runBin(dir, ['validate', '--aws'])
    expect(aws.code, aws.stderr).toBe(0)
    expect(aws.stdout).toBe('The configuration is valid.\n')
    rmSync(join(dir, 'handlers.mjs'))
    const missing = runBin(dir, ['validate', '--json'])
    expect((JSON.parse(missing.stdout) as { errors: Array<{ error: string }> }).errors.map((e) => e.error)).toEqual(['MissingHandlers'])
  })
})

describe('output', () => {
  it('prints each stored result; --raw one exactly; --json all in one object', () => {
    const dir = applied()
    const all = runBin(dir, ['output'])
    expect(all.code, all.stderr).toBe(0)
    expect(all.stdout).toBe('a = "{\\"ok\\":\\"alpha\\"}"\nb = "{\\"ok\\":\\"beta\\"}"\n')
    expect(runBin(dir, ['output', 'b']).stdout).toBe('"{\\"ok\\":\\"beta\\"}"\n')
    const raw = runBin(dir, ['output', '--raw', 'a'])
    expect(raw.code).toBe(0)
    expect(raw.stdout).toBe('{"ok":"alpha"}')
    const json = JSON.parse(runBin(dir, ['output', '--json']).stdout) as { command: string; outputs: Record<string, string> }
    expect(json.command).toBe('output')
    expect(json.outputs).toEqual({ a: '{"ok":"alpha"}', b: '{"ok":"beta"}' })
    expect(ranCount(dir)).toBe(2)
  })

  it('refuses a name the state does not hold, and --raw without a name', () => {
    const dir = applied()
    const r = runBin(dir, ['output', 'zz'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('"zz" is not in the state')
    expect(r.stderr).toContain('It holds: a, b.')
    const raw = runBin(dir, ['output', '--raw'])
    expect(raw.code).toBe(1)
    expect(raw.stderr).toContain('output --raw needs the resource name')
  })
})

describe('state', () => {
  it('list prints the names in the state, one per line', () => {
    const dir = applied()
    const r = runBin(dir, ['state', 'list'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('a\nb\n')
  })

  it('mv renames a record: with the config renamed too, the next plan is a noop and nothing is invoked', () => {
    const dir = applied()
    const mv = runBin(dir, ['state', 'mv', 'a', 'renamed'])
    expect(mv.code, mv.stderr).toBe(0)
    expect(mv.stdout).toContain('Moved a to renamed. Nothing was invoked.')
    expect(runBin(dir, ['state', 'list']).stdout).toBe('b\nrenamed\n')
    writeFileSync(
      join(dir, 'lambda-invocation.json'),
      configText({
        renamed: { functionName: 'echo', input: { name: 'alpha' }, lifecycleScope: 'CRUD' },
        b: { functionName: 'other', input: '{"name":"beta"}' },
      }),
    )
    const plan = runBin(dir, ['plan', '--detailed-exitcode'])
    expect(plan.code, plan.stdout + plan.stderr).toBe(0)
    expect(plan.stdout).toContain('No changes.')
    expect(runBin(dir, ['output', '--raw', 'renamed']).stdout).toBe('{"ok":"alpha"}')
    expect(ranCount(dir)).toBe(2)
    expect(existsSync(join(dir, `${STATE}.lock`))).toBe(false)
  })

  it('mv refuses a new name the state holds and an old one it does not, changing nothing', () => {
    const dir = applied()
    const before = readFileSync(join(dir, STATE), 'utf8')
    const taken = runBin(dir, ['state', 'mv', 'a', 'b'])
    expect(taken.code).toBe(1)
    expect(taken.stderr).toContain('"b" is already in the state')
    expect(taken.stderr).toContain('nothing was moved')
    const missing = runBin(dir, ['state', 'mv', 'zz', 'c', '--json'])
    expect(missing.code).toBe(1)
    expect((JSON.parse(missing.stdout) as { errors: Array<{ error: string; key: string }> }).errors).toMatchObject([{ error: 'NotInState', key: 'zz' }])
    expect(readFileSync(join(dir, STATE), 'utf8')).toBe(before)
  })

  it('rm forgets a resource without invoking (not even a CRUD delete): the next plan shows a create', () => {
    const dir = applied()
    const rm = runBin(dir, ['state', 'rm', 'a'])
    expect(rm.code, rm.stderr).toBe(0)
    expect(rm.stdout).toContain('Removed a from the state')
    expect(ranCount(dir)).toBe(2)
    expect(runBin(dir, ['state', 'list']).stdout).toBe('b\n')
    const plan = runBin(dir, ['plan', '--detailed-exitcode', '--json'])
    expect(plan.code, plan.stderr).toBe(2)
    const doc = JSON.parse(plan.stdout) as { changes: Array<{ key: string; action: string }> }
    expect(doc.changes.filter((c) => c.action !== 'noop').map((c) => [c.key, c.action])).toEqual([['a', 'create']])
    expect(ranCount(dir)).toBe(2)
  })

  it('rm checks every name first: one unknown name removes nothing', () => {
    const dir = applied()
    const before = readFileSync(join(dir, STATE), 'utf8')
    const r = runBin(dir, ['state', 'rm', 'a', 'zz'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('"zz" is not in the state')
    expect(r.stderr).toContain('Nothing was removed.')
    expect(readFileSync(join(dir, STATE), 'utf8')).toBe(before)
    const both = JSON.parse(runBin(dir, ['state', 'rm', 'a', 'b', '--json']).stdout) as { removed: string[] }
    expect(both.removed).toEqual(['a', 'b'])
    expect(runBin(dir, ['state', 'list']).stdout).toBe('')
  })

  it('a subcommand is required, and an unknown one is answered with the nearest', () => {
    const dir = make({})
    expect(runBin(dir, ['state']).stderr).toContain('state needs a subcommand: list, rm or mv')
    const r = runBin(dir, ['state', 'lst'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('unknown state subcommand "lst"; did you mean "list"?')
  })
})

describe('--lock-timeout', () => {
  it('waits for a held lock: fails after the timeout, or goes ahead once the holder lets go', async () => {
    const dir = applied()
    const lock = join(dir, `${STATE}.lock`)
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'])
    try {
      writeFileSync(lock, `${holder.pid}\n`)
      const atOnce = runBin(dir, ['state', 'rm', 'a'])
      expect(atOnce.code).toBe(1)
      expect(atOnce.stderr).toContain(`the state is locked by process ${holder.pid}`)
      expect(atOnce.stderr).toContain('(or wait for it: --lock-timeout 30s)')
      const started = Date.now()
      const waited = runBin(dir, ['state', 'rm', 'a', '--lock-timeout', '1s'])
      expect(waited.code).toBe(1)
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
      expect(waited.stderr).toContain(`the state is locked by process ${holder.pid}`)
      expect(waited.stderr).toContain('(waited 1s: --lock-timeout)')
      // Released while the command waits: it takes the lock and runs.
      const running = runBinAsync(dir, ['state', 'rm', 'a', '--lock-timeout', '20s'])
      await new Promise((r) => setTimeout(r, 700))
      rmSync(lock)
      const r = await running
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain('Removed a from the state')
    } finally {
      holder.kill('SIGKILL')
    }
    expect(existsSync(lock)).toBe(false)
  })

  it('must be a duration', () => {
    const r = runBin(make({}), ['apply', '--auto-approve', '--lock-timeout', 'soon'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('--lock-timeout must be a duration such as 0s, 500ms, 30s, 2m or 1h')
  })
})

describe('per-command help', () => {
  it('plan --help and help apply print that command\'s usage and flags', () => {
    const dir = make({})
    const plan = runBin(dir, ['plan', '--help'])
    expect(plan.code).toBe(0)
    expect(plan.stdout).toMatch(/^Usage: lambda-invocation plan \[options\]\n/)
    expect(plan.stdout).toContain('--detailed-exitcode')
    expect(plan.stdout).not.toContain('--auto-approve')
    const apply = runBin(dir, ['help', 'apply'])
    expect(apply.code).toBe(0)
    expect(apply.stdout).toMatch(/^Usage: lambda-invocation apply \[<planfile>\] \[options\]\n/)
    expect(apply.stdout).toContain('--auto-approve')
    expect(apply.stdout).toContain('--lock-timeout <duration>')
    expect(apply.stdout).not.toContain('--detailed-exitcode')
    expect(runBin(dir, ['help', 'state', 'mv']).stdout).toMatch(/^Usage: lambda-invocation state mv <old> <new> \[options\]\n/)
    expect(runBin(dir, ['state', 'rm', '--help']).stdout).toMatch(/^Usage: lambda-invocation state rm <name>\.\.\. \[options\]\n/)
    const state = runBin(dir, ['help', 'state']).stdout
    expect(state.match(/^Usage: lambda-invocation state (list|rm|mv)/gm)).toEqual(['Usage: lambda-invocation state list', 'Usage: lambda-invocation state rm', 'Usage: lambda-invocation state mv'])
    const unknown = runBin(dir, ['help', 'aply'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('help: unknown command "aply"')
  })
})
