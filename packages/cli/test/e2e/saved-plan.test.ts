/**
 * Saved plans end to end: `plan --out FILE` writes the plan (mode 0600, it
 * holds the payloads); `apply FILE` runs exactly it without asking, or
 * refuses it, invoking nothing, when the config, the state or a record moved
 * since; a corrupt or foreign file is a clear error.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configText, folder, LOGGING_HANDLERS, ranLog, runBin, useFolders } from './harness.js'

const actions = (dir: string): Array<[string, string | undefined]> => ranLog(dir).map((l) => [l.fn, l.event.tf?.action])

const CONFIG = 'lambda-invocation.json'
const STATE = 'lambda-invocation.state.json'
const config = (n: number) =>
  configText({
    a: { functionName: 'echo', input: { n }, lifecycleScope: 'CRUD' },
    b: { functionName: 'other', input: { n: 0 }, lifecycleScope: 'CRUD' },
  })

const folders = useFolders()
const make = (): string => folders({ [CONFIG]: config(1), 'handlers.mjs': LOGGING_HANDLERS })
/** A folder whose config is applied, then edited so that "a" has an update to plan; the handler log emptied. */
const withUpdate = (): string => {
  const dir = make()
  const r = runBin(dir, ['apply', '--auto-approve'])
  if (r.code !== 0) throw new Error(r.stderr)
  writeFileSync(join(dir, CONFIG), config(2))
  writeFileSync(join(dir, 'ran.log'), '')
  return dir
}
const savePlan = (dir: string, more: string[] = []): void => {
  const r = runBin(dir, ['plan', '--out', 'tf.plan', ...more])
  if (r.code !== 0) throw new Error(r.stderr)
}


describe('plan --out', () => {
  it('writes a versioned plan with mode 0600, invoking nothing, and says how to apply it', () => {
    const dir = withUpdate()
    // An older, readable file is replaced, not written through.
    writeFileSync(join(dir, 'tf.plan'), 'old')
    chmodSync(join(dir, 'tf.plan'), 0o644)
    const r = runBin(dir, ['plan', '--out', 'tf.plan'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('# a will be updated in place')
    expect(r.stdout).toContain('Saved the plan to: tf.plan (mode 0600')
    expect(r.stdout).toContain('lambda-invocation apply tf.plan\n')
    expect(statSync(join(dir, 'tf.plan')).mode & 0o777).toBe(0o600)
    const doc = JSON.parse(readFileSync(join(dir, 'tf.plan'), 'utf8'))
    expect(doc).toMatchObject({ format: 'lambda-invocation/plan', formatVersion: 1, config: { file: join(dir, CONFIG) }, state: join(dir, STATE), invoker: { kind: 'local' } })
    expect(doc.records.map((x: { key: string }) => x.key)).toEqual(['a', 'b'])
    expect(doc.changes.map((c: { key: string }) => c.key)).toEqual(['a', 'b'])
    expect(doc.changes[0].phases[0].plan.invocations[0].payload).toContain('"n":2')
    const json = runBin(dir, ['plan', '--json', '--out', 'j.plan'])
    expect(JSON.parse(json.stdout)).toMatchObject({ command: 'plan', planFile: join(dir, 'j.plan'), errors: [] })
    expect(statSync(join(dir, 'j.plan')).mode & 0o777).toBe(0o600)
    expect(ranLog(dir)).toEqual([])
  })

  it('saves no plan when the file cannot be written', () => {
    const dir = withUpdate()
    mkdirSync(join(dir, 'plans'))
    const missing = runBin(dir, ['plan', '--out', join('nowhere', 'tf.plan')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`cannot write the plan file ${join(dir, 'nowhere', 'tf.plan')}: its folder does not exist; no plan was saved`)
    const json = runBin(dir, ['plan', '--json', '--out', 'plans'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout).errors.map((e: { error: string }) => e.error)).toEqual(['PlanFileUnwritable'])
  })
})

describe('apply <planfile>', () => {
  it('runs exactly the saved plan without asking (no terminal, no --auto-approve); plan after it is a noop', () => {
    const dir = withUpdate()
    savePlan(dir)
    const saved = JSON.parse(readFileSync(join(dir, 'tf.plan'), 'utf8'))
    const r = runBin(dir, ['apply', 'tf.plan'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toContain('Do you want to perform these actions?')
    expect(r.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.')
    expect(actions(dir)).toEqual([['echo', 'update']])
    // The payload sent is the one saved, byte for byte.
    const sent = ranLog(dir)[0]!.event
    expect(JSON.stringify(sent)).toBe(saved.changes[0].phases[0].plan.invocations[0].payload)
    expect(runBin(dir, ['plan', '--detailed-exitcode']).code).toBe(0)
  })

  it('carries --replace: the saved plan replaces the resource, its delete then its create', () => {
    const dir = withUpdate()
    writeFileSync(join(dir, CONFIG), config(1))
    savePlan(dir, ['--replace', 'b'])
    expect(runBin(dir, ['apply', 'tf.plan']).code).toBe(0)
    expect(actions(dir)).toEqual([
      ['other', 'delete'],
      ['other', 'create'],
    ])
    expect(JSON.parse(readFileSync(join(dir, 'tf.plan'), 'utf8')).options).toEqual({ targets: [], replace: ['b'] })
  })

  it('refuses a plan whose config was edited since, invoking nothing', () => {
    const dir = withUpdate()
    savePlan(dir)
    writeFileSync(join(dir, CONFIG), config(3))
    const r = runBin(dir, ['apply', 'tf.plan'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`the plan is stale: the config ${join(dir, CONFIG)} changed, run plan again`)
    expect(ranLog(dir)).toEqual([])
    const json = runBin(dir, ['apply', 'tf.plan', '--json'])
    expect(JSON.parse(json.stdout).errors.map((e: { error: string }) => e.error)).toEqual(['StaleSavedPlan'])
    expect(ranLog(dir)).toEqual([])
  })

  it('refuses a plan when another apply changed the state since, invoking nothing', () => {
    const dir = withUpdate()
    savePlan(dir)
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    expect(actions(dir)).toEqual([['echo', 'update']])
    const r = runBin(dir, ['apply', 'tf.plan'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/the plan is stale: the record of "a" moved \(version \d+ when planned, now \d+\), run plan again/)
    expect(actions(dir)).toEqual([['echo', 'update']])
  })

  it('refuses a plan when one record it does not change moved, invoking nothing (not even the change to "a")', () => {
    const dir = withUpdate()
    savePlan(dir)
    expect(runBin(dir, ['apply', '--auto-approve', '--target', 'b', '--replace', 'b']).code).toBe(0)
    writeFileSync(join(dir, 'ran.log'), '')
    const r = runBin(dir, ['apply', 'tf.plan'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/the plan is stale: the record of "b" moved \(version \d+ when planned, now \d+\), run plan again/)
    expect(r.stderr).not.toContain('"a"')
    expect(ranLog(dir)).toEqual([])
    expect(runBin(dir, ['plan']).stdout).toContain('# a will be updated in place')
  })

  it('refuses a plan made for another state, or for a record now gone', () => {
    const dir = withUpdate()
    savePlan(dir)
    const elsewhere = runBin(dir, ['apply', 'tf.plan', '--state', 'other.state.json'])
    expect(elsewhere.code).toBe(1)
    expect(elsewhere.stderr).toContain(`the plan is stale: it was made for the state ${join(dir, STATE)}, not ${join(dir, 'other.state.json')}`)
    expect(runBin(dir, ['destroy', '--auto-approve', '--target', 'b']).code).toBe(0)
    writeFileSync(join(dir, 'ran.log'), '')
    const gone = runBin(dir, ['apply', 'tf.plan'])
    expect(gone.stderr).toContain('the record of "b" was removed from the state')
    expect(ranLog(dir)).toEqual([])
  })

  it('a missing, corrupt, foreign or newer plan file is a clear error, invoking nothing', () => {
    const dir = withUpdate()
    savePlan(dir)
    const good = JSON.parse(readFileSync(join(dir, 'tf.plan'), 'utf8'))
    const cases: Array<[string, string, string]> = [
      ['{"format": "lambda-invocation/plan", "changes": [', 'PlanFileInvalid', 'is not a plan saved by lambda-invocation plan --out: it is not valid JSON'],
      ['{"hello": "world"}', 'PlanFileInvalid', 'it is not a lambda-invocation plan (no "format": "lambda-invocation/plan")'],
      [JSON.stringify({ ...good, formatVersion: 2 }), 'PlanFileInvalid', 'it is a plan of format version 2, and this version of lambda-invocation reads version 1'],
      [JSON.stringify({ ...good, chnages: [] }), 'PlanFileInvalid', 'chnages: is not a field of a plan file; did you mean "changes"?'],
      [JSON.stringify({ ...good, changes: [{ ...good.changes[0], phases: [] }] }), 'PlanFileInvalid', 'changes.0.phases: must be the phases [main] or [deposed, main], got []'],
      [JSON.stringify({ ...good, changes: [{ ...good.changes[0], version: '999' }] }), 'PlanFileInvalid', 'changes.0: "a" was planned from another version of its record than the records give'],
    ]
    for (const [text, tag, message] of cases) {
      writeFileSync(join(dir, 'bad.plan'), text)
      const r = runBin(dir, ['apply', 'bad.plan'])
      expect(r.code, text).toBe(1)
      expect(r.stderr).toContain(join(dir, 'bad.plan'))
      expect(r.stderr).toContain(message)
      expect(JSON.parse(runBin(dir, ['apply', 'bad.plan', '--json']).stdout).errors.map((e: { error: string }) => e.error)).toEqual([tag])
    }
    const missing = runBin(dir, ['apply', 'none.plan', '--json'])
    expect(JSON.parse(missing.stdout).errors).toEqual([
      { key: '', error: 'PlanFileUnreadable', message: `cannot read the plan file ${join(dir, 'none.plan')}: there is no such file (save one with plan --out)`, problems: [] },
    ])
    expect(ranLog(dir)).toEqual([])
  })
})
