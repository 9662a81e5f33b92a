/**
 * The output polish of issue 10 (item 8), end to end through the built
 * binary: markers, summaries, --target suggestions, triggers, function
 * errors, handler checks, an empty state file and the --json documents.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configText, LOGGING_HANDLERS, runBin, useFolders } from './harness.js'

const make = useFolders()

describe('triggers', () => {
  it('are printed the same way by plan and show', () => {
    const dir = make({ 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{}', triggers: { z: '1', build: 'x y' } } }), 'handlers.mjs': LOGGING_HANDLERS })
    const planned = runBin(dir, ['plan'])
    const shown = '{ "build" = "x y", "z" = "1" }'
    expect(planned.stdout).toMatch(new RegExp(`\\+ triggers += ${shown.replace(/[{}]/g, '\\$&')}\\n`))
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    expect(runBin(dir, ['show']).stdout).toMatch(new RegExp(`\\n  triggers += ${shown.replace(/[{}]/g, '\\$&')}\\n`))
  })
})

describe('an empty state file', () => {
  it('is an empty state: plan and apply work, and apply writes it', () => {
    const dir = make({ 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{}' } }), 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.state.json': '' })
    const planned = runBin(dir, ['plan'])
    expect(planned.code).toBe(0)
    expect(planned.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy. 1 to invoke.')
    expect(runBin(dir, ['apply', '--auto-approve']).stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')
    expect(runBin(dir, ['plan']).stdout).toBe('No changes. 1 resource matches the config.\n')
    writeFileSync(join(dir, 'other.json'), '')
    expect(runBin(dir, ['show', '--state', 'other.json']).stdout).toBe(`No resources in the state (${join(dir, 'other.json')}).\n`)
  })
})

describe('--target', () => {
  const files = () => ({ 'lambda-invocation.json': configText({ 'seed-users': { functionName: 'echo', input: '{}' }, other: { functionName: 'other', input: '{}' } }), 'handlers.mjs': LOGGING_HANDLERS })

  it('with a mistyped name: an error suggesting the nearest one, and nothing runs', () => {
    const dir = make(files())
    const r = runBin(dir, ['apply', '--auto-approve', '--target', 'seed-user'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('unknown resource "seed-user" (did you mean "seed-users"?) given to --target')
    expect(r.stdout).toBe('')
    expect(existsSync(join(dir, 'ran.log'))).toBe(false)
  })

  it('warns in the plan that targeting is in effect', () => {
    const dir = make(files())
    const r = runBin(dir, ['plan', '--target', 'other'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Warning: Resource targeting is in effect: the plan may be incomplete/)
    expect(r.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy. 1 to invoke.')
    expect(runBin(dir, ['plan']).stdout).not.toContain('targeting')
  })

  it('says the same in --json, as the warnings of plan and apply', () => {
    const dir = make(files())
    const warned = (argv: string[]): unknown => (JSON.parse(runBin(dir, argv).stdout) as { warnings?: unknown }).warnings
    const sentence = 'Resource targeting is in effect: the plan may be incomplete (only the --target resources and nothing else were planned).'
    expect(warned(['plan', '--json', '--target', 'other'])).toEqual([sentence])
    expect(warned(['apply', '--json', '--auto-approve', '--target', 'other'])).toEqual([sentence])
    expect(warned(['plan', '--json'])).toBeUndefined()
  })
})

describe('handlers checked by plan', () => {
  const config = configText({ a: { functionName: 'echo', input: '{}' }, b: { functionName: 'missing-fn', input: '{}' }, c: { functionName: 'gone', input: '{}' } })

  it('plan lists every missing handler, with the form to add for each, and fails', () => {
    const dir = make({ 'lambda-invocation.json': config, 'handlers.mjs': LOGGING_HANDLERS })
    const r = runBin(dir, ['plan'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy. 3 to invoke.')
    expect(r.stderr).toContain(`Error: resource "b": no handler for function "missing-fn" in ${join(dir, 'handlers.mjs')}`)
    expect(r.stderr).toContain(`resource "c": no handler for function "gone" in ${join(dir, 'handlers.mjs')}`)
    expect(r.stderr).toContain('export default { "missing-fn": async (event) => ... }')
    expect(r.stderr).toContain('export const gone = async (event) => ...')
    const json = JSON.parse(runBin(dir, ['plan', '--json']).stdout) as { errors: Array<{ error: string; message: string }> }
    expect(json.errors.map((e) => e.error)).toEqual(['MissingHandler'])
  })

  it('apply and destroy refuse before anything runs', () => {
    const dir = make({ 'lambda-invocation.json': config, 'handlers.mjs': LOGGING_HANDLERS })
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('no handler for function "missing-fn"')
    expect(r.stderr).toContain('Nothing was applied.')
    expect(existsSync(join(dir, 'ran.log'))).toBe(false)
  })

  it('a plan with nothing to invoke, or with --aws, needs no handlers module', () => {
    const dir = make({ 'lambda-invocation.json': configText({}) })
    expect(runBin(dir, ['plan']).code).toBe(0)
    const aws = make({ 'lambda-invocation.json': config })
    expect(runBin(aws, ['plan', '--aws']).code).toBe(0)
    const local = runBin(aws, ['plan'])
    expect(local.code).toBe(1)
    expect(local.stderr).toContain('no handlers module at')
  })
})

describe('a function error in text', () => {
  it("shows the handler's errorType, message and stack frames, one a line", () => {
    const handlers = 'export const seeder = async (event) => {\n  throw new RangeError(`rows must be under 10, got ${event.rows}`)\n}\n'
    const dir = make({ 'lambda-invocation.json': configText({ seed: { functionName: 'seeder', input: '{"rows":12}' } }), 'handlers.mjs': handlers })
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /^Error: The function seeder failed \(Unhandled\) in the create invocation of seeder:\$LATEST for "seed":\n {4}RangeError: rows must be under 10, got 12\n {8}at seeder \(file:\/\/.*handlers\.mjs:2:9\)\n/,
    )
    expect(r.stderr).toContain('\n  The state is as it was before this step, so the next apply runs it again.\n')
    expect(r.stderr).not.toContain('"errorType"')
    expect(r.stdout).toContain('Apply incomplete! Resources: 0 added, 0 changed, 0 destroyed; 1 failed.')
  })
})

describe('--json documents', () => {
  const keysOf = (stdout: string): string[] => Object.keys(JSON.parse(stdout) as Record<string, unknown>)

  it('every one has command, changes, summary and errors: plan, apply, destroy, show, import and failures', () => {
    const dir = make({ 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{"n":1}' } }), 'handlers.mjs': LOGGING_HANDLERS })
    const runs = [
      ['plan', '--json'],
      ['apply', '--auto-approve', '--json'],
      ['show', '--json'],
      ['destroy', '--auto-approve', '--json'],
      ['import', 'a', 'echo,$LATEST,0123456789abcdef0123456789abcdef', '--json'],
      ['plan', '--json', '--target', 'nope'],
      ['plan', '--json', '--bogus'],
    ]
    for (const args of runs) {
      const r = runBin(dir, args)
      expect(keysOf(r.stdout), args.join(' ')).toEqual(expect.arrayContaining(['formatVersion', 'command', 'changes', 'summary', 'errors']))
    }
    const failed = JSON.parse(runBin(dir, ['plan', '--json', '--target', 'nope']).stdout) as { command: string; changes: unknown[]; errors: Array<{ error: string; problems: unknown[] }> }
    expect(failed).toMatchObject({ command: 'plan', changes: [], errors: [{ error: 'UnknownResource', problems: [] }] })
    expect((JSON.parse(runBin(dir, ['plna', '--json']).stdout) as { command: string }).command).toBe('')
  })

  it('plan entries carry before and after; an invalid config gives its problems as { path, message }', () => {
    const dir = make({ 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{"n":1}' } }), 'handlers.mjs': LOGGING_HANDLERS })
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    writeFileSync(join(dir, 'lambda-invocation.json'), configText({ a: { functionName: 'echo', input: '{"n":2}' } }))
    const plan = JSON.parse(runBin(dir, ['plan', '--json']).stdout) as { changes: Array<{ before: Record<string, unknown>; after: Record<string, unknown> }> }
    expect(plan.changes[0]?.before).toMatchObject({ functionName: 'echo', input: '{"n":1}' })
    expect(plan.changes[0]?.before).not.toHaveProperty('result')
    expect(plan.changes[0]?.after).toMatchObject({ functionName: 'echo', input: '{"n":2}' })
    const shown = JSON.parse(runBin(dir, ['plan', '--json', '--show-payloads']).stdout) as typeof plan
    expect(shown.changes[0]?.before).toMatchObject({ result: '{"ok":"echo"}' })

    writeFileSync(join(dir, 'lambda-invocation.json'), configText({ a: { functionName: 'echo', input: '{}', qualifer: '1' } }))
    const bad = JSON.parse(runBin(dir, ['plan', '--json']).stdout) as { errors: Array<{ error: string; problems: unknown[] }> }
    expect(bad.errors).toEqual([
      { key: '', error: 'ConfigError', message: expect.stringContaining('qualifer'), problems: [{ path: ['resources', 'a', 'qualifer'], message: 'is not an argument; did you mean "qualifier"?' }] },
    ])
  })
})

describe('plan markers and summaries', () => {
  it('+/- for a create-first replace, a destroy left out of the config says so, and the counts are Terraform\'s', () => {
    const resources = { a: { functionName: 'echo', input: '{}' }, b: { functionName: 'echo', input: '{}' } }
    const dir = make({ 'lambda-invocation.json': configText(resources, { replaceOrder: 'create-first' }), 'handlers.mjs': LOGGING_HANDLERS })
    expect(runBin(dir, ['apply', '--auto-approve']).stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.')
    writeFileSync(join(dir, 'lambda-invocation.json'), configText({ a: { functionName: 'other', input: '{}' } }, { replaceOrder: 'create-first' }))
    const plan = runBin(dir, ['plan'])
    expect(plan.stdout).toMatch(/\n\+\/- a\n/)
    expect(plan.stdout).toContain('# b will be destroyed (not in the config any more)')
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 2 to destroy. 1 to invoke.')
    expect(runBin(dir, ['apply', '--auto-approve']).stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 2 destroyed.')
    const destroyed = runBin(dir, ['destroy', '--auto-approve'])
    expect(destroyed.stdout).toContain('# a will be destroyed\n')
    expect(destroyed.stdout).toContain('Destroy complete! Resources: 0 added, 0 changed, 1 destroyed.')
  })
})
