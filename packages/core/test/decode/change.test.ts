import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodePlannedChange, PlannedChangeCodec, ResolutionCodec } from '../../src/decode/change.js'
import type { PlannedChange } from '../../src/model/change.js'
import { plan } from '../../src/plan/plan.js'
import { sampleRecord, sampleState } from '../../src/testing/fixtures.js'
import { invocationArgs } from '../arbitraries.js'

const options = { replaceOrder: 'delete-first', encoding: 'terraform' } as const

const changeOf = (prior: unknown, desired: unknown, more: Partial<PlannedChange> = {}): PlannedChange => {
  const p = plan(prior, desired)
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
  return { key: 'k', version: '3', phases: [{ phase: 'main', plan: p.right }], options, ...more }
}

describe('PlannedChangeCodec', () => {
  it('a change survives JSON: decoded from its text, it equals itself', () => {
    fc.assert(
      fc.property(fc.option(invocationArgs, { nil: undefined }), fc.option(invocationArgs, { nil: undefined }), (before, desired) => {
        const prior = before === undefined ? undefined : plan(undefined, before)
        if (prior !== undefined && E.isLeft(prior)) return
        const p = plan(undefined, desired)
        if (E.isLeft(p)) return
        const change: PlannedChange = { key: 'k', phases: [{ phase: 'main', plan: p.right }], options }
        expect(decodePlannedChange(JSON.parse(JSON.stringify(change)))).toEqual(E.right(change))
        expect(PlannedChangeCodec.is(JSON.parse(JSON.stringify(change)))).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('takes a deposed phase, an interrupted step and its resolution', () => {
    const record = sampleRecord()
    const deposedPlan = plan(record.deposed, undefined)
    if (E.isLeft(deposedPlan)) throw new Error('no plan')
    const main = plan(record.state, { functionName: 'echo', input: '{"n":3}', lifecycleScope: 'CRUD', triggers: { build: '1' } })
    if (E.isLeft(main)) throw new Error('no plan')
    const change: PlannedChange = {
      key: 'k',
      version: '3',
      options,
      phases: [{ phase: 'deposed', plan: deposedPlan.right, assumedResult: '' }, { phase: 'main', plan: main.right }],
      deposed: record.deposed,
      interrupted: record.intent,
      resolution: { _tag: 'AssumeDone' },
    }
    expect(decodePlannedChange(JSON.parse(JSON.stringify(change)))).toEqual(E.right(change))
  })

  it('takes a requested replace (forceReplace), and refuses "requested" on another action or with another value', () => {
    const p = plan(sampleState(), { functionName: sampleState().functionName, input: sampleState().input, lifecycleScope: sampleState().lifecycleScope }, { forceReplace: true })
    if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
    expect(p.right).toMatchObject({ action: 'replace', requested: true })
    const change: PlannedChange = { key: 'k', version: '3', phases: [{ phase: 'main', plan: p.right }], options: { ...options, forceReplace: true } }
    expect(decodePlannedChange(JSON.parse(JSON.stringify(change)))).toEqual(E.right(change))
    const problems = (u: unknown): string[] => {
      const d = decodePlannedChange(u)
      return E.isLeft(d) ? d.left.map((x) => `${x.path.join('.')}: ${x.message}`) : ['decoded']
    }
    const created = changeOf(undefined, { functionName: 'fn', input: '{}' })
    expect(problems({ ...created, phases: [{ phase: 'main', plan: { ...created.phases[0].plan, requested: true } }] })).toEqual([
      'phases.0.plan.requested: is not a field of a create plan (only a replace is requested)',
    ])
    expect(problems({ ...change, phases: [{ phase: 'main', plan: { ...p.right, requested: false } }] })).toEqual(['phases.0.plan.requested: must be true (or absent), got false'])
  })

  it('refuses what is not a change, naming each problem at its path', () => {
    const good = changeOf(undefined, { functionName: 'fn', input: '{}' })
    const bad = (u: unknown): string[] => {
      const d = decodePlannedChange(u)
      return E.isLeft(d) ? d.left.map((p) => `${p.path.join('.')}: ${p.message}`) : ['decoded']
    }
    expect(bad(null)).toEqual([': a planned change must be an object, got null'])
    expect(bad({ ...good, verison: '3' })).toEqual(['verison: is not a field of a planned change; did you mean "version"?'])
    expect(bad({ ...good, phases: [good.phases[0], good.phases[0]] })).toEqual(['phases: must be the phases [main] or [deposed, main], got [main, main]'])
    expect(bad({ ...good, phases: [{ phase: 'main', plan: { ...good.phases[0].plan, invocations: [] } }] })).toEqual(['phases.0.plan.invocations: a create plan invokes create, got none'])
    expect(bad({ ...good, phases: [{ phase: 'main', plan: { ...good.phases[0].plan, order: 'create-first' } }] })).toEqual(['phases.0.plan.order: is not a field of a create plan'])
    expect(bad({ ...good, phases: [{ phase: 'main', plan: { ...good.phases[0].plan, invocations: [{ ...good.phases[0].plan.invocations[0], functionName: 'no spaces' }] } }] })).toEqual([
      'phases.0.plan.invocations.0.functionName: "no spaces" is not a function name, partial ARN or ARN (letters, digits, "-" and "_", e.g. "my-function" or "arn:aws:lambda:us-east-1:123456789012:function:my-function")',
    ])
    expect(bad({ ...good, resolution: { _tag: 'Retry' } })).toEqual(['resolution: must be absent without an interrupted step'])
    expect(bad({ ...good, deposed: sampleState() })).toEqual(['deposed: must be absent without a deposed phase'])
    expect(bad({ ...good, options: { replaceOrder: 'sideways' } })).toEqual(['options.replaceOrder: must be "delete-first" or "create-first", got "sideways"'])
    const { key: _key, ...keyless } = good
    expect(bad(keyless)).toEqual(['key: is required'])
  })
})

describe('ResolutionCodec', () => {
  it('takes the three resolutions, a result only with AssumeDone', () => {
    for (const r of [{ _tag: 'Retry' }, { _tag: 'Forget' }, { _tag: 'AssumeDone' }, { _tag: 'AssumeDone', result: '{"ok":1}' }]) expect(ResolutionCodec.decode(r)).toEqual(E.right(r))
    expect(E.isLeft(ResolutionCodec.decode({ _tag: 'Retry', result: 'x' }))).toBe(true)
    expect(E.isLeft(ResolutionCodec.decode({ resolve: 'retry' }))).toBe(true)
  })
})
