import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../src/main.js'
import type { CliIo } from '../src/setup/io.js'
import { loadStateFile } from '../src/state-file/load.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'li-main-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const run = async (args: string[], extra: Partial<CliIo> = {}) => {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: dir,
    ...extra,
  })
  return { code, stdout, stderr }
}

const write = (name: string, text: string): void => writeFileSync(join(dir, name), text)
const config = (resources: Record<string, unknown>): void => write('lambda-invocation.json', JSON.stringify({ resources }))
const HANDLERS = 'export const echo = (event) => ({ got: event })\nexport const boom = () => { throw new Error("kaput") }\n'

describe('main', () => {
  it('a bug is reported in one line, its stack trace only with LAMBDA_INVOCATION_DEBUG', async () => {
    const broken = { write: (): never => { throw new TypeError('stdout is gone') } }
    const plain = await run(['--help'], { stdout: broken })
    expect(plain.code).toBe(1)
    expect(plain.stderr).toBe(
      'Error: unexpected failure (a bug; please report it): stdout is gone (set LAMBDA_INVOCATION_DEBUG=1 to include the stack trace in the report)\n',
    )
    const debug = await run(['--help'], { stdout: broken, env: { LAMBDA_INVOCATION_DEBUG: '1' } })
    expect(debug.stderr).toMatch(/stdout is gone\n\s+at /)
  })

  it("plan's note about a stale lock quotes a path with spaces in its rm command", async () => {
    config({ a: { functionName: 'echo', input: '{}' } })
    write('my state.json.lock', '999999999\n')
    const r = await run(['plan', '--state', 'my state.json'])
    expect(r.stderr).toContain(`apply will refuse until you remove it (rm '${join(dir, 'my state.json.lock')}').`)
  })

  it('a deposed state left by a create-first replace whose delete failed: the next plan counts its delete, apply says it deleted it', async () => {
    write('handlers.mjs', "export const f = (e) => { if (e.tf.action === 'delete' && globalThis.failDelete) throw new Error('no'); return 1 }\n")
    write('lambda-invocation.json', JSON.stringify({ replaceOrder: 'create-first', resources: { a: { functionName: 'f', input: '{}', lifecycleScope: 'CRUD', triggers: { v: '1' } } } }))
    expect((await run(['apply', '--auto-approve'])).code).toBe(0)
    write('lambda-invocation.json', JSON.stringify({ replaceOrder: 'create-first', resources: { a: { functionName: 'f', input: '{}', lifecycleScope: 'CRUD', triggers: { v: '2' } } } }))
    ;(globalThis as { failDelete?: boolean }).failDelete = true
    try {
      expect((await run(['apply', '--auto-approve'])).code).toBe(1)
    } finally {
      delete (globalThis as { failDelete?: boolean }).failDelete
    }
    expect((await run(['plan'])).stdout).toMatch(/its delete \(f:\$LATEST\) is invoked first\n\nPlan: 0 to add, 0 to change, 1 to destroy\. 1 to invoke\.\n$/)
    const applied = await run(['apply', '--auto-approve'])
    expect(applied.stdout).toContain('a: deposed state deleted [id=')
    expect(applied.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 1 destroyed.')
  })

  it('prints help and the version', async () => {
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: lambda-invocation <command> [options]')
    const version = await run(['--version'])
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  it('explains a missing config for plan and apply, and needs none for show', async () => {
    const plan = await run(['plan'])
    expect(plan.code).toBe(1)
    expect(plan.stderr).toContain(`no config file at ${join(dir, 'lambda-invocation.json')}`)
    const show = await run(['show'])
    expect(show.code).toBe(0)
    expect(show.stdout).toContain('No resources in the state')
  })

  it('applies through the handlers module, and a function error leaves the state as it was', async () => {
    write('handlers.mjs', HANDLERS)
    config({ a: { functionName: 'echo', input: '{"x":1}', lifecycleScope: 'CRUD' } })
    expect((await run(['apply', '--auto-approve'])).code).toBe(0)
    const stored = () => {
      const loaded = loadStateFile(join(dir, 'lambda-invocation.state.json'))
      if (E.isLeft(loaded)) throw new Error(loaded.left.message)
      return loaded.right.state.records['a']?.record
    }
    const before = stored()
    // A new file: a module once imported stays cached in this process.
    write('refusing.mjs', HANDLERS.replace('({ got: event })', '{ throw new TypeError("update refused") }'))
    config({ a: { functionName: 'echo', input: '{"x":2}', lifecycleScope: 'CRUD' } })
    const failed = await run(['apply', '--auto-approve', '--handlers', 'refusing.mjs'])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/failed \(Unhandled\) in the update invocation of echo:\$LATEST for "a":\n {4}TypeError: update refused\n {8}at .*refusing\.mjs:\d+:\d+/)
    expect(failed.stdout).toContain('Apply incomplete! Resources: 0 added, 0 changed, 0 destroyed; 1 failed.')
    // Terraform would have stored the new input; here the state is as it was, and the next plan proposes the same update.
    expect(stored()).toEqual(before)
    const doc = JSON.parse((await run(['plan', '--json'])).stdout) as { changes: Array<{ action: string }> }
    expect(doc.changes.map((c) => c.action)).toEqual(['update'])
    const full = await run(['apply', '--auto-approve', '--show-payloads', '--handlers', 'refusing.mjs'])
    expect(full.stderr).toContain('"trace":')
  })

  it('reads its handlers and state paths from the config, relative to it', async () => {
    write('fns.mjs', HANDLERS)
    write('lambda-invocation.json', JSON.stringify({ handlers: './fns.mjs', state: 'my.state.json', resources: { a: { functionName: 'echo', input: '{}' } } }))
    expect((await run(['apply', '--auto-approve'])).code).toBe(0)
    expect(existsSync(join(dir, 'my.state.json'))).toBe(true)
  })

  it('honours --config and --state paths', async () => {
    write('handlers.mjs', HANDLERS)
    write('other.json', JSON.stringify({ resources: { a: { functionName: 'echo', input: '{}' } } }))
    expect((await run(['apply', '--auto-approve', '--config', 'other.json', '--state', 'elsewhere.json'])).code).toBe(0)
    expect(existsSync(join(dir, 'elsewhere.json'))).toBe(true)
    expect(existsSync(join(dir, 'lambda-invocation.state.json'))).toBe(false)
  })

  it('imports by id without invoking, then plans a noop', async () => {
    config({ a: { functionName: 'echo', input: '{"x":1}' } })
    const imported = await run(['import', 'a', 'echo,$LATEST,0123456789abcdef0123456789abcdef'])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toContain('Imported a [id=echo,$LATEST,0123456789abcdef0123456789abcdef]')
    expect((await run(['plan'])).stdout).toContain('No changes.')
    const bad = await run(['import', 'a', 'not-an-id'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/Error: Invalid input for "a":\n  id: /)
    const unknown = await run(['import', 'zz', 'echo,$LATEST,0123456789abcdef0123456789abcdef'])
    expect(unknown.stderr).toContain('unknown resource "zz": add it to')
  })

  it('import-terraform of a pre-0.12 state (format 3) says how to upgrade it; a file that is no state says so', async () => {
    write('old.tfstate', JSON.stringify({ version: 3, terraform_version: '0.11.14', modules: [{ path: ['root'], resources: {} }] }))
    const old = await run(['import-terraform', 'old.tfstate'])
    expect(old.code).toBe(1)
    expect(old.stderr).toContain('a Terraform state of format version 3 (Terraform before 0.12); run any terraform command of 0.12 or later')
    write('other.json', '{"name":"x"}')
    expect((await run(['import-terraform', 'other.json'])).stderr).toContain('not a Terraform state file (version 4): it has no "resources" list')
    expect(existsSync(join(dir, 'lambda-invocation.state.json'))).toBe(false)
  })

  it('import-terraform --json tags every unusable Terraform state TerraformStateInvalid, an invalid instance as well as a file that is no state', async () => {
    write('bad.tfstate', JSON.stringify({ version: 4, resources: [{ mode: 'managed', type: 'aws_lambda_invocation', name: 'x', instances: [{ schema_version: 1, attributes: { function_name: 'echo' } }] }] }))
    write('not.json', '{"version": ')
    write('none.tfstate', JSON.stringify({ version: 4, resources: [] }))
    const tags = async (file: string) => (JSON.parse((await run(['import-terraform', file, '--json'])).stdout) as { errors: Array<{ error: string }> }).errors.map((e) => e.error)
    expect(await tags('bad.tfstate')).toEqual(['TerraformStateInvalid'])
    expect(await tags('not.json')).toEqual(['TerraformStateInvalid'])
    expect(await tags('none.tfstate')).toEqual(['NothingToImport'])
    expect(await tags('missing.tfstate')).toEqual(['TerraformStateUnreadable'])
  })

  it('import-terraform of a state that records a region the config leaves out plans a noop', async () => {
    write('handlers.mjs', HANDLERS) // plan checks the handlers of what it would invoke
    config({ a: { functionName: 'echo', input: '{"a":1}' } })
    const attributes = { id: 'echo,$LATEST,0123456789abcdef0123456789abcdef', function_name: 'echo', input: '{"a":1}', qualifier: '$LATEST', triggers: null, lifecycle_scope: 'CREATE_ONLY', terraform_key: 'tf', tenant_id: null, region: 'eu-west-1', result: '' }
    write('terraform.tfstate', JSON.stringify({ version: 4, resources: [{ mode: 'managed', type: 'aws_lambda_invocation', name: 'a', instances: [{ schema_version: 1, sensitive_attributes: [], private: 'e30=', dependencies: [], attributes }] }] }))
    const r = await run(['import-terraform', 'terraform.tfstate'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toContain('Note:')
    expect((await run(['plan', '--detailed-exitcode'])).code).toBe(0)
    config({ a: { functionName: 'echo', input: '{"a":1}', region: 'us-east-1' } })
    const moved = await run(['plan', '--detailed-exitcode'])
    expect(moved.code).toBe(2)
    expect(moved.stdout).toContain('region')
  })

  it('resolves an interrupted step with --resolve', async () => {
    write('handlers.mjs', HANDLERS)
    config({ a: { functionName: 'echo', input: '{"x":1}' } })
    const intent = { action: 'create', lifecycle: 'create', functionName: 'echo', qualifier: '$LATEST', payloadMd5: createHash('md5').update('{"x":1}').digest('hex'), startedAt: '2026-01-01T00:00:00.000Z' }
    write(
      'lambda-invocation.state.json',
      JSON.stringify({ format: 'lambda-invocation/state', formatVersion: 1, serial: 1, records: { a: { version: '1', record: { schemaVersion: 1, intent } } } }),
    )
    const refused = await run(['apply', '--auto-approve'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('a has an interrupted step: choose how to resolve it with --resolve')
    const resolved = await run(['apply', '--auto-approve', '--resolve', 'retry', '--show-payloads'])
    expect(resolved.code, resolved.stderr).toBe(0)
    expect(resolved.stdout).toContain('a: created')
    expect((await run(['plan', '--detailed-exitcode'])).code).toBe(0)
  })

  it('Ctrl-C before anything starts: nothing runs, exit 130', async () => {
    write('handlers.mjs', HANDLERS)
    config({ a: { functionName: 'echo', input: '{}' }, b: { functionName: 'echo', input: '{}' } })
    const r = await run(['apply', '--auto-approve'], { onInterrupt: (h) => (h('SIGINT'), () => undefined) })
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('Interrupt received')
    expect(r.stdout).toContain('Apply incomplete! Resources: 0 added, 0 changed, 0 destroyed; 2 not started.')
    const json = await run(['apply', '--auto-approve', '--json'], { onInterrupt: (h) => (h('SIGINT'), () => undefined) })
    expect(json.code).toBe(130)
    const doc = JSON.parse(json.stdout) as { cancelled: boolean; applied: unknown[]; errors: Array<{ error: string }> }
    expect(doc.cancelled).toBe(true)
    expect(doc.applied).toEqual([])
    expect(doc.errors.map((e) => e.error)).toEqual(['Aborted', 'Aborted'])
    expect(existsSync(join(dir, 'lambda-invocation.state.json'))).toBe(false)
  })
})
