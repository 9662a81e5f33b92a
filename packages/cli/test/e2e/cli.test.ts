import { createHash } from 'node:crypto'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { loadStateFile } from '../../src/state-file/load.js'
import { BIN, configText, deadPid, folder, LOGGING_HANDLERS, ranLog, runBin, runMain, useFolders } from './harness.js'

const DEMO = fileURLToPath(new URL('../../../../examples/demo', import.meta.url))
const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')

interface JsonChange {
  key: string
  action: string
  forcedBy: string[]
  changed: string[]
  interrupted: unknown
  invocations: Array<{ functionName: string; lifecycle: string; payload?: string }>
}


/** The stored state, read as the store reads it (the file is a journal). */
const stateOf = (dir: string): { records: Record<string, { record: { state?: { input: string; result: string; id: string }; intent?: unknown } }> } => {
  const loaded = loadStateFile(join(dir, 'lambda-invocation.state.json'))
  if (E.isLeft(loaded)) throw new Error(loaded.left.message)
  return loaded.right.state as unknown as ReturnType<typeof stateOf>
}

const make = useFolders()

describe('the demo', () => {
  it('runs examples/demo/run.mjs to the end: create, update, no changes, destroy', () => {
    const demo = spawnSync(process.execPath, [join(DEMO, 'run.mjs')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 })
    expect(demo.status, demo.stderr).toBe(0)
    expect(demo.stdout).toContain('Demo complete.')
    const received = [...demo.stdout.matchAll(/\[seeder\] \S+ received (.*)/g)].map((m) => JSON.parse(m[1]!))
    expect(received.map((e) => e.tf.action)).toEqual(['create', 'update', 'delete'])
    expect(received[1].tf.prev_input).toEqual({ rows: 3, table: 'users' })
    // the plans, as a person sees them
    expect(demo.stdout).toContain('# seed-users will be created')
    expect(demo.stdout).toContain('payload (create): {"rows":3,"table":"users","tf":{"action":"create","prev_input":null}}')
    expect(demo.stdout).toContain('# seed-users will be updated in place')
    expect(demo.stdout).toMatch(/- {3}"rows": 3,?\n.*\+ {3}"rows": 5/)
    expect(demo.stdout).toContain('No changes. 1 resource matches the config.')
    expect(demo.stdout).toContain('Destroy complete! Resources: 0 added, 0 changed, 1 destroyed.')
    expect(demo.stdout).toContain('No resources in the state')
  })
})

describe('--json', () => {
  const setup = (): string => {
    const dir = make({
      'handlers.mjs': LOGGING_HANDLERS,
      'lambda-invocation.json': configText({
        a: { functionName: 'echo', input: { name: 'a' }, lifecycleScope: 'CRUD' },
        b: { functionName: 'echo', input: { name: 'b' } },
        c: { functionName: 'echo', input: { name: 'c' }, lifecycleScope: 'CRUD' },
      }),
    })
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    writeFileSync(
      join(dir, 'lambda-invocation.json'),
      configText({
        a: { functionName: 'echo', input: { name: 'a', more: true }, lifecycleScope: 'CRUD' },
        b: { functionName: 'other', input: { name: 'b' } },
        d: { functionName: 'echo', input: { name: 'd' } },
      }),
    )
    return dir
  }

  it('gives one document with every action, forcing attributes and invocations, payloads hidden', () => {
    const dir = setup()
    const r = runBin(dir, ['plan', '--json', '--detailed-exitcode'])
    expect(r.code).toBe(2)
    const doc = JSON.parse(r.stdout) as { command: string; changes: JsonChange[]; summary: Record<string, number>; errors: unknown[] }
    expect(doc.command).toBe('plan')
    expect(doc.errors).toEqual([])
    const byKey = Object.fromEntries(doc.changes.map((c) => [c.key, c]))
    expect(byKey['a']).toMatchObject({ action: 'update', changed: ['input'], forcedBy: [] })
    expect(byKey['b']).toMatchObject({ action: 'replace', forcedBy: ['functionName'] })
    expect(byKey['c']).toMatchObject({ action: 'delete' })
    expect(byKey['d']).toMatchObject({ action: 'create' })
    expect(byKey['c']!.invocations).toEqual([{ functionName: 'echo', qualifier: '$LATEST', lifecycle: 'delete' }])
    expect(doc.summary).toMatchObject({ create: 1, update: 1, replace: 1, delete: 1, noop: 0, invocations: 4 })
  })

  it('shows the exact payloads with --show-payloads', () => {
    const dir = setup()
    const doc = JSON.parse(runBin(dir, ['plan', '--json', '--show-payloads']).stdout) as { changes: JsonChange[] }
    const a = doc.changes.find((c) => c.key === 'a')!
    expect(a.invocations[0]!.payload).toBe('{"more":true,"name":"a","tf":{"action":"update","prev_input":{"name":"a"}}}')
  })

  it('reports what apply did, and errors as { key, error, message }', () => {
    const dir = setup()
    const r = runBin(dir, ['apply', '--auto-approve', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as { applied: Array<{ key: string; action: string; id: string | null }>; errors: unknown[] }
    expect(doc.applied.map((a) => [a.key, a.action]).sort()).toEqual([['a', 'update'], ['b', 'replace'], ['c', 'delete'], ['d', 'create']])
    expect(doc.applied.find((a) => a.key === 'd')!.id).toBe(`echo,$LATEST,${md5('{"name":"d"}')}`)
    const bad = runBin(dir, ['plan', '--json', '--target', 'nope'])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout).errors).toEqual([{ key: '', error: 'UnknownResource', message: expect.stringContaining('unknown resource "nope"'), problems: [] }])
  })
})

describe('apply runs the plan it printed', () => {
  /** The handler log's events as text, per resource (each input names its resource), in the order they ran. */
  const receivedByResource = (dir: string): Map<string, string[]> => {
    const byKey = new Map<string, string[]>()
    for (const { event } of ranLog(dir)) byKey.set(event.name!, [...(byKey.get(event.name!) ?? []), JSON.stringify(event)])
    return byKey
  }
  /** The payloads `apply --show-payloads` printed in its plan, per resource, in their order. */
  const printedByResource = (stdout: string): Map<string, string[]> => {
    const byKey = new Map<string, string[]>()
    for (const [, payload] of stdout.matchAll(/^ +payload \((?:create|update|delete)\): (.*)$/gm)) {
      const name = (JSON.parse(payload!) as { name: string }).name
      byKey.set(name, [...(byKey.get(name) ?? []), payload!])
    }
    return byKey
  }

  it('--show-payloads prints byte for byte the payloads the handlers then receive, in their order per resource', () => {
    // A Node handler sees the parsed event: these inputs come back from JSON.parse and JSON.stringify unchanged
    // (no number or escape that either would rewrite), so the logged text is the payload's bytes.
    const crud = (name: string, more: Record<string, unknown> = {}) => ({ functionName: 'echo', input: { name, ...more }, lifecycleScope: 'CRUD' })
    const dir = make({
      'handlers.mjs': LOGGING_HANDLERS,
      'lambda-invocation.json': configText({
        updated: crud('updated', { n: 1 }),
        replaced: { ...crud('replaced'), triggers: { v: '1' } },
        destroyed: crud('destroyed'),
        renamed: { functionName: 'echo', input: '{"name":"renamed"}' },
        same: crud('same'),
      }),
    })
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    writeFileSync(join(dir, 'ran.log'), '')
    writeFileSync(
      join(dir, 'lambda-invocation.json'),
      configText({
        updated: crud('updated', { n: 2, list: [1, 'two', { three: null }] }),
        replaced: { ...crud('replaced'), triggers: { v: '2' } },
        renamed: { functionName: 'other', input: '{"name":"renamed"}' },
        created: crud('created', { deep: { a: { b: true } } }),
        same: crud('same'),
      }),
    )
    const r = runBin(dir, ['apply', '--auto-approve', '--show-payloads', '--concurrency', '3'])
    expect(r.code, r.stderr).toBe(0)
    const printed = printedByResource(r.stdout)
    expect([...printed.keys()].sort()).toEqual(['created', 'destroyed', 'renamed', 'replaced', 'updated'])
    expect(printed.get('replaced')!.map((p) => JSON.parse(p).tf.action)).toEqual(['delete', 'create'])
    expect(receivedByResource(dir)).toEqual(printed)
  })
})

describe('local handlers', () => {
  it('--json keeps stdout one document when handlers print: their output goes to stderr', () => {
    const dir = make({
      'handlers.mjs': "export const noisy = (event) => { console.log('noisy got', event.tf.action); process.stdout.write('raw\\n'); return 1 }\n",
      'lambda-invocation.json': configText({ a: { functionName: 'noisy', input: {}, lifecycleScope: 'CRUD' } }),
    })
    for (const command of ['apply', 'destroy']) {
      const r = runBin(dir, [command, '--json', '--auto-approve'])
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).command).toBe(command)
      expect(r.stderr).toContain('raw')
    }
    expect(runBin(dir, ['apply', '--auto-approve']).stdout).toContain('noisy got create') // text output keeps them inline
  })

  it('an error raised outside the handler\'s promise fails its invocation, as Lambda does: no crash, no stale lock', () => {
    const dir = make({
      'handlers.mjs': [
        "export const timer = async () => { setTimeout(() => { throw new Error('thrown in a timer') }, 5); await new Promise((r) => setTimeout(r, 200)); return 1 }",
        "export const floating = async () => { Promise.reject(new Error('never awaited')); await new Promise((r) => setTimeout(r, 200)); return 2 }",
        "export const late = () => { setTimeout(() => { throw new Error('after answering') }, 5); return 3 }",
        "export const after = async () => { await new Promise((r) => setTimeout(r, 100)); return 4 }",
        "setTimeout(() => { throw new Error('set off as the module loaded') }, 5)",
      ].join('\n'),
      'lambda-invocation.json': configText({
        a: { functionName: 'timer', input: {} },
        b: { functionName: 'floating', input: {} },
        c: { functionName: 'late', input: {} },
        d: { functionName: 'after', input: {} },
      }),
    })
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('The function timer failed (Unhandled)')
    expect(r.stderr).toContain('thrown in a timer')
    expect(r.stderr).toContain('The function floating failed (Unhandled)')
    expect(r.stderr).toContain('Warning: the handler of late raised an error after it had answered (ignored): Error: after answering')
    expect(r.stderr).toContain(`Warning: the handlers module ${join(dir, 'handlers.mjs')} raised an error outside any handler (ignored): Error: set off as the module loaded`)
    expect(r.stderr).not.toMatch(/\(ignored\): [^\n]*\n\s+at /) // a warning: no stack trace
    expect(r.stderr).toMatch(/\n {4}Error: thrown in a timer\n {8}at /) // a function error: its trace, one frame a line
    expect(existsSync(join(dir, 'lambda-invocation.state.json.lock'))).toBe(false)
    expect(Object.keys(stateOf(dir).records).sort()).toEqual(['c', 'd'])
  })
})

describe('exit codes and output', () => {
  it('0 without changes, 2 with changes (--detailed-exitcode), 1 on errors and misuse', () => {
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{}' } }) })
    expect(runBin(dir, ['plan']).code).toBe(0)
    expect(runBin(dir, ['plan', '--detailed-exitcode']).code).toBe(2)
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    expect(runBin(dir, ['plan', '--detailed-exitcode']).code).toBe(0)
    const misuse = runBin(dir, ['plan', '--bogus'])
    expect(misuse.code).toBe(1)
    expect(misuse.stderr).toContain('unknown option "--bogus"')
    expect(runBin(dir, ['frobnicate']).stderr).toContain('unknown command "frobnicate"')
    expect(runBin(dir, ['import', 'a']).stderr).toContain('import needs a resource name and an id')
  })

  it('exits when done even if the handlers module keeps timers running', () => {
    const dir = make({
      'handlers.mjs': 'setInterval(() => {}, 1000)\nexport const echo = () => 1\n',
      'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{}' } }),
    })
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code, r.stderr).toBe(0) // runBin would time out (null) if the process hung
    expect(r.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')
  })

  it('colours a terminal only: none when NO_COLOR is set or output is piped', () => {
    const dir = make({ 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{}' } }) })
    expect(runBin(dir, ['plan']).stdout).not.toContain('\u001b[')
    expect(runBin(dir, ['plan'], { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain('\u001b[32m+\u001b[39m')
    expect(runBin(dir, ['plan'], { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).not.toContain('\u001b[')
  })

  it('applies many resources with progress and --concurrency', () => {
    const resources = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`r${i}`, { functionName: 'work', input: { name: `r${i}` } }]))
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText(resources) })
    const r = runBin(dir, ['apply', '--auto-approve', '--concurrency', '4'])
    expect(r.code, r.stderr).toBe(0)
    const progress = [...r.stdout.matchAll(/\[(\d+)\/12\] (r\d+): created/g)]
    expect(progress.map((m) => Number(m[1]))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(new Set(progress.map((m) => m[2])).size).toBe(12)
    expect(ranLog(dir)).toHaveLength(12)
  })

  it('Ctrl-C lets the invocation in flight finish and be recorded, starts no more, and exits 130', async () => {
    const resources = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`r${i}`, { functionName: 'work', input: { name: `r${i}` } }]))
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText(resources) })
    const child = spawn(process.execPath, [BIN, 'apply', '--auto-approve'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', HANDLER_DELAY_MS: '400' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    // Interrupt once the first invocation is under way (its intent is in the state file).
    await waitFor(() => existsSync(join(dir, 'lambda-invocation.state.json')))
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code, stderr).toBe(130)
    expect(stderr).toContain('Interrupt received')
    const ran = ranLog(dir).map((l) => l.event.name)
    expect(ran).toEqual(['r0'])
    const records = stateOf(dir).records
    expect(Object.keys(records)).toEqual(['r0'])
    expect(records['r0']!.record.intent).toBeUndefined()
    expect(records['r0']!.record.state!.result).toBe('{"ok":"r0"}')
    expect(stdout).toContain('5 not started')
    expect(existsSync(join(dir, 'lambda-invocation.state.json.lock'))).toBe(false)
  })
})

describe('a second Ctrl-C', () => {
  it('exits at once, leaving the step in flight as interrupted for the next plan', async () => {
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ slow: { functionName: 'work', input: { name: 'slow' } } }) })
    const child = spawn(process.execPath, [BIN, 'apply', '--auto-approve'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', HANDLER_DELAY_MS: '5000' } })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    await waitFor(() => existsSync(join(dir, 'lambda-invocation.state.json')))
    const started = Date.now()
    child.kill('SIGINT')
    await waitFor(() => stderr.includes('Interrupt received'))
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code).toBe(130)
    expect(Date.now() - started).toBeLessThan(4000)
    expect(ranLog(dir)).toEqual([])
    expect(stateOf(dir).records['slow']!.record.intent).toBeDefined()
    expect(stderr).toContain('Exiting now')
    expect(existsSync(join(dir, 'lambda-invocation.state.json.lock'))).toBe(false)
    const plan = runBin(dir, ['plan'])
    expect(plan.stdout).toContain('slow has an interrupted step')
  })
})

const waitFor = async (ok: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('import-terraform', () => {
  it('reads schema 0 and 1 instances with "_" and "," ids, keeps results, and the next plan is a noop', () => {
    const legacyInput = '{"name": "legacy"}'
    const crudInput = (i: number): string => `{"name":"crud${i}"}`
    const crudPayload = (i: number): string => `{"name":"crud${i}","tf":{"action":"create","prev_input":null}}`
    const tfstate = {
      version: 4,
      terraform_version: '1.9.0',
      serial: 3,
      lineage: 'x',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'aws_lambda_invocation',
          name: 'legacy',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [
            {
              schema_version: 0,
              attributes: { id: `echo_$LATEST_${md5(legacyInput)}`, function_name: 'echo', input: legacyInput, qualifier: '$LATEST', triggers: null, result: '{"ok":"legacy"}' },
            },
          ],
        },
        {
          mode: 'managed',
          type: 'aws_lambda_invocation',
          name: 'crud',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [0, 1].map((i) => ({
            index_key: i,
            schema_version: 1,
            attributes: {
              id: `echo,$LATEST,${md5(crudPayload(i))}`,
              function_name: 'echo',
              input: crudInput(i),
              qualifier: '$LATEST',
              triggers: { build: '7' },
              lifecycle_scope: 'CRUD',
              terraform_key: 'tf',
              result: `{"ok":"crud${i}"}`,
            },
          })),
        },
        { mode: 'data', type: 'aws_lambda_invocation', name: 'ignored', instances: [{ schema_version: 0, attributes: {} }] },
        { mode: 'managed', type: 'aws_s3_bucket', name: 'other', instances: [{ schema_version: 0, attributes: { id: 'b' } }] },
      ],
    }
    const dir = make({
      'handlers.mjs': LOGGING_HANDLERS,
      'terraform.tfstate': JSON.stringify(tfstate, null, 2),
      'lambda-invocation.json': configText({
        legacy: { functionName: 'echo', input: legacyInput },
        'crud[0]': { functionName: 'echo', input: crudInput(0), lifecycleScope: 'CRUD', triggers: { build: '7' } },
        'crud[1]': { functionName: 'echo', input: crudInput(1), lifecycleScope: 'CRUD', triggers: { build: '7' } },
      }),
    })
    const imported = runBin(dir, ['import-terraform', 'terraform.tfstate'])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toContain('Imported 3 invocations')
    const plan = runBin(dir, ['plan', '--detailed-exitcode'])
    expect(plan.code, plan.stdout + plan.stderr).toBe(0)
    expect(plan.stdout).toContain('No changes.')
    const shown = JSON.parse(runBin(dir, ['show', '--json', '--show-payloads']).stdout) as { resources: Array<{ key: string; state: { result: string; lifecycleScope: string } }> }
    expect(shown.resources.map((r) => [r.key, r.state.lifecycleScope, r.state.result])).toEqual([
      ['crud[0]', 'CRUD', '{"ok":"crud0"}'],
      ['crud[1]', 'CRUD', '{"ok":"crud1"}'],
      ['legacy', 'CREATE_ONLY', '{"ok":"legacy"}'],
    ])
    // Importing again refuses, changing nothing.
    const before = readFileSync(join(dir, 'lambda-invocation.state.json'), 'utf8')
    const again = runBin(dir, ['import-terraform', 'terraform.tfstate'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already in the state')
    expect(readFileSync(join(dir, 'lambda-invocation.state.json'), 'utf8')).toBe(before)
    expect(ranLog(dir)).toEqual([])
  })

  it('refuses an instance it cannot read, naming it, and imports nothing', () => {
    const dir = make({
      'terraform.tfstate': JSON.stringify({
        version: 4,
        resources: [{ mode: 'managed', type: 'aws_lambda_invocation', name: 'x', instances: [{ schema_version: 1, attributes: { function_name: 'echo' } }] }],
      }),
      'lambda-invocation.json': configText({}),
    })
    const r = runBin(dir, ['import-terraform', 'terraform.tfstate'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('x (resources[0].instances[0])')
    expect(existsSync(join(dir, 'lambda-invocation.state.json'))).toBe(false)
  })
})

describe('bad input: a clear message, exit code 1, nothing changed', () => {
  /** A folder with one applied resource, and a snapshot of its state file. */
  const applied = async (): Promise<{ dir: string; state: string }> => {
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ a: { functionName: 'echo', input: '{"name":"a"}' } }) })
    expect((await runMain(dir, ['apply', '--auto-approve'])).code).toBe(0) // set up in-process: only the command under test runs the binary
    writeFileSync(join(dir, 'ran.log'), '')
    return { dir, state: readFileSync(join(dir, 'lambda-invocation.state.json'), 'utf8') }
  }
  const unchanged = (dir: string, state: string): void => {
    expect(readFileSync(join(dir, 'lambda-invocation.state.json'), 'utf8')).toBe(state)
    expect(ranLog(dir)).toEqual([])
    expect(existsSync(join(dir, 'lambda-invocation.state.json.lock'))).toBe(false)
  }

  it('a malformed config: its line and column', async () => {
    const { dir, state } = await applied()
    writeFileSync(join(dir, 'lambda-invocation.json'), '{\n  "resources": {\n    "a": { "functionName": "echo" "input": "{}" }\n  }\n}\n')
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('lambda-invocation.json: not valid JSON: unexpected character "\\"" at line 3, column 35: expected "," or "}"')
    unchanged(dir, state)
  })

  it('an unknown resource', async () => {
    const { dir, state } = await applied()
    const r = runBin(dir, ['apply', '--auto-approve', '--target', 'b'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('unknown resource "b"')
    expect(r.stderr).toContain('Known resources: a.')
    unchanged(dir, state)
  })

  it('import of a name the state already holds: says so (not a lost race), naming the id', async () => {
    const { dir, state } = await applied()
    const id = stateOf(dir).records['a']!.record.state!.id
    const r = runBin(dir, ['import', 'a', id])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Error: "a" is already in the state (${join(dir, 'lambda-invocation.state.json')}) [id=${id}]; nothing was imported.`)
    expect(r.stderr).not.toContain('another apply')
    unchanged(dir, state)
  })

  it('a state file in a folder that does not exist, a missing Terraform state, a corrupt state without a backup: said plainly', async () => {
    const { dir, state } = await applied()
    const r = runBin(dir, ['apply', '--auto-approve', '--state', 'nowhere/state.json'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`Error: the folder of the state file ${join(dir, 'nowhere', 'state.json')} does not exist: create it, or choose another state file (--state, or "state" in the config)\n`)
    expect(existsSync(join(dir, 'nowhere'))).toBe(false)
    const tf = runBin(dir, ['import-terraform', 'terraform.tfstate'])
    expect(tf.code).toBe(1)
    expect(tf.stderr).toBe(`Error: cannot read the Terraform state ${join(dir, 'terraform.tfstate')}: there is no such file\n`)
    writeFileSync(join(dir, 'hand-made.json'), '{"records": ')
    const corrupt = runBin(dir, ['plan', '--state', 'hand-made.json'])
    expect(corrupt.code).toBe(1)
    expect(corrupt.stderr).toContain(`There is no backup to go back to (no ${join(dir, 'hand-made.json.backup')})`)
    unchanged(dir, state)
  })

  it('a handlers module with a syntax error: its line; a TypeScript one: what to give instead', async () => {
    const { dir, state } = await applied()
    writeFileSync(join(dir, 'lambda-invocation.json'), configText({ a: { functionName: 'echo', input: '{"name":"a2"}' } }))
    writeFileSync(join(dir, 'handlers.mjs'), 'export const echo = () => 1\nexport const other = ( => 2\n')
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Error: cannot load the handlers module ${join(dir, 'handlers.mjs')} (line 2): Unexpected token '=>'\nNothing was applied.`)
    unchanged(dir, state)
    writeFileSync(join(dir, 'handlers.ts'), 'export const echo = (): number => 1\n')
    const ts = runBin(dir, ['apply', '--auto-approve', '--handlers', 'handlers.ts'])
    expect(ts.code).toBe(1)
    expect(ts.stderr).toContain(`cannot load the handlers module ${join(dir, 'handlers.ts')}: Node does not run this kind of file; give a JavaScript module (.mjs, .js or .cjs), compiling TypeScript first`)
    unchanged(dir, state)
  })

  it('a missing handler, naming the function and what the module exports', async () => {
    const { dir, state } = await applied()
    writeFileSync(
      join(dir, 'lambda-invocation.json'),
      configText({ a: { functionName: 'echo', input: '{"name":"a2"}' }, b: { functionName: 'nosuch', input: '{}' } }),
    )
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('resource "b": no handler for function "nosuch"')
    expect(r.stderr).toContain('it exports: echo, other, work')
    expect(r.stderr).toContain('Nothing was applied.')
    unchanged(dir, state)
  })

  it("invalid arguments: the core's problems, with the config file, the resource and their paths", async () => {
    const { dir, state } = await applied()
    writeFileSync(
      join(dir, 'lambda-invocation.json'),
      configText({ a: { functionName: 'echo', input: '{"name":"a"}', lifecycleScope: 'SOMETIMES' }, b: { functionName: 'echo', input: '{}', fuctionName: 'x' } }),
    )
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    // Checked as the config loads (it was when each resource was planned): the file is named, and every problem is said at once.
    const file = join(dir, 'lambda-invocation.json')
    expect(r.stderr).toBe(
      `Error: ${file}: resources["a"].lifecycleScope: must be "CREATE_ONLY" or "CRUD", got "SOMETIMES"\n` +
        `  ${file}: resources["b"].fuctionName: is not an argument; did you mean "functionName"?\n`,
    )
    unchanged(dir, state)
  })

  it('a corrupt state file: refused, the backup named', async () => {
    const { dir } = await applied()
    const corrupt = '{"format": "lambda-invocation/state", "records": {'
    writeFileSync(join(dir, 'lambda-invocation.state.json'), corrupt)
    for (const command of ['plan', 'apply', 'destroy', 'show']) {
      const r = command === 'plan' || command === 'apply' ? runBin(dir, [command]) : await runMain(dir, [command])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('is corrupt: it is not valid JSON (unexpected end at line 1, column 51)')
      expect(r.stderr).toContain(`${join(dir, 'lambda-invocation.state.json.backup')}`)
    }
    unchanged(dir, corrupt)
  })

  it('a held lock: the holder pid named', async () => {
    const { dir, state } = await applied()
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'])
    try {
      writeFileSync(join(dir, 'lambda-invocation.state.json.lock'), `${holder.pid}\n`)
      writeFileSync(join(dir, 'lambda-invocation.json'), configText({ a: { functionName: 'echo', input: '{"name":"changed"}' } }))
      const r = runBin(dir, ['apply', '--auto-approve'])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`the state is locked by process ${holder.pid}`)
      expect(readFileSync(join(dir, 'lambda-invocation.state.json.lock'), 'utf8')).toBe(`${holder.pid}\n`)
      // plan takes no lock, but says who holds it
      const plan = runBin(dir, ['plan'])
      expect(plan.code).toBe(0)
      expect(plan.stderr).toContain(`process ${holder.pid} holds the state lock`)
    } finally {
      holder.kill('SIGKILL')
    }
    expect(readFileSync(join(dir, 'lambda-invocation.state.json'), 'utf8')).toBe(state)
  })

  it('a stale lock: reported with how to clear it, not taken over', async () => {
    const { dir, state } = await applied()
    const pid = deadPid()
    const lock = join(dir, 'lambda-invocation.state.json.lock')
    writeFileSync(lock, `${pid}\n`)
    writeFileSync(join(dir, 'lambda-invocation.json'), configText({ a: { functionName: 'echo', input: '{"name":"changed"}' } }))
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`process ${pid}, which is no longer running`)
    expect(r.stderr).toContain(`rm ${lock}`)
    expect(readFileSync(lock, 'utf8')).toBe(`${pid}\n`)
    expect(readFileSync(join(dir, 'lambda-invocation.state.json'), 'utf8')).toBe(state)
  })
})

