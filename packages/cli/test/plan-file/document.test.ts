import * as E from 'fp-ts/lib/Either.js'
import { plan as planOf, type PlannedChange } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { decodeSavedPlan, PLAN_FORMAT, type SavedPlan } from '../../src/plan-file/document.js'

const created = planOf(undefined, { functionName: 'fn', input: '{"n":1}', lifecycleScope: 'CRUD' })
if (E.isLeft(created)) throw new Error('no plan')
const change: PlannedChange = { key: 'a', phases: [{ phase: 'main', plan: created.right }], options: { replaceOrder: 'delete-first', encoding: 'terraform' } }
const saved: SavedPlan = {
  format: PLAN_FORMAT,
  formatVersion: 1,
  config: { file: '/p/c.json', sha256: '0'.repeat(64) },
  state: '/p/s.json',
  invoker: { kind: 'aws', region: 'eu-west-1' },
  options: { targets: ['a'], replace: [], resolution: { _tag: 'Retry' } },
  records: [{ key: 'a' }, { key: 'b', version: '4' }],
  changes: [change],
}
const problems = (u: unknown): ReadonlyArray<string> => {
  const d = decodeSavedPlan(u)
  return E.isLeft(d) ? d.left : ['decoded']
}

describe('decodeSavedPlan', () => {
  it('a plan survives JSON: decoded from its text, it equals itself', () => {
    expect(decodeSavedPlan(JSON.parse(JSON.stringify(saved)))).toEqual(E.right(saved))
  })

  it('says a foreign document or another format version in one sentence', () => {
    expect(problems([])).toEqual(['it is not a lambda-invocation plan (no "format": "lambda-invocation/plan")'])
    expect(problems({ format: 'lambda-invocation/state', formatVersion: 1 })).toEqual(['it is not a lambda-invocation plan (no "format": "lambda-invocation/plan")'])
    expect(problems({ ...saved, formatVersion: '1' })).toEqual([
      'it is a plan of format version "1", and this version of lambda-invocation reads version 1: run plan again',
    ])
  })

  it('names every problem of the fields at its path, unknown keys with the nearest one', () => {
    expect(
      problems({
        ...saved,
        config: { file: '/p/c.json', sha256: 'abc' },
        invoker: { kind: 'lambda' },
        options: { targets: ['a', ''], replace: [], resolutoin: 'x' },
        records: 'all',
        extra: 1,
      }),
    ).toEqual([
      'extra: is not a field of a plan file (known: format, formatVersion, config, state, invoker, options, records, changes)',
      'config.sha256: must be a SHA-256 digest (64 lower-case hex digits), got "abc"',
      'invoker.kind: must be "local" or "aws", got "lambda"',
      'options.resolutoin: is not an option of the plan; did you mean "resolution"?',
      'options.targets.1: must not be empty',
      'records: must be a list, got "all"',
    ])
  })

  it('refuses a change whose record version is not the one the records give, and a key listed twice', () => {
    expect(problems({ ...saved, changes: [{ ...change, version: '2' }] })).toEqual(['changes.0: "a" was planned from another version of its record than the records give'])
    expect(problems({ ...saved, changes: [{ ...change, key: 'c' }] })).toEqual(['changes.0: "c" is not in the records'])
    expect(problems({ ...saved, records: [{ key: 'a' }, { key: 'a' }] })).toEqual(['records: "a" is listed twice'])
  })
})
