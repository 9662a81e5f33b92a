import { describe, expect, it } from 'vitest'
import { changeOf } from '../../src/engine/planned-change.js'
import { EMPTY, intentFor } from '../../src/engine/record-ops.js'
import { md5Hex } from '../../src/plan/id.js'
import { sampleState } from '../../src/testing/fixtures.js'

const none = { record: EMPTY, version: undefined }
const options = { replaceOrder: 'delete-first', encoding: 'terraform' } as const

describe('changeOf', () => {
  it('gives the plan, or the plan problems as InvalidInput naming the key', () => {
    const created = changeOf('k', none, { functionName: 'fn', input: '{}' }, options, undefined)
    expect(created._tag === 'Right' && created.right.phases[0].plan.action).toBe('create')
    const bad = changeOf('k', none, { functionName: 'fn' }, options, undefined)
    expect(bad._tag === 'Left' && bad.left).toMatchObject({ _tag: 'InvalidInput', key: 'k', problems: [{ path: ['input'] }] })
  })
})

describe('changeOf: what a read record gives', () => {
  const state = sampleState('echo', '{"n":1}')
  const deposed = sampleState('old', '{"n":0}')
  const desired = { functionName: 'echo', input: '{"n":1}', lifecycleScope: 'CRUD', triggers: { build: '1' } }

  it('a deposed state is deleted in a phase of its own, before the main plan; the version and what was read are kept', () => {
    const c = changeOf('k', { record: { schemaVersion: 1, state, deposed }, version: '7' }, desired, options, undefined)
    expect(c._tag === 'Right' && c.right).toMatchObject({
      key: 'k',
      version: '7',
      deposed,
      phases: [
        { phase: 'deposed', plan: { action: 'delete', prior: deposed } },
        { phase: 'main', plan: { action: 'noop' } },
      ],
      options,
    })
    expect(c._tag === 'Right' && 'interrupted' in c.right).toBe(false)
  })

  it('a requested replace is of the current state: the deposed state is still just deleted', () => {
    const c = changeOf('k', { record: { schemaVersion: 1, state, deposed }, version: '7' }, desired, { ...options, forceReplace: true }, undefined)
    expect(c._tag === 'Right' && c.right.phases).toMatchObject([
      { phase: 'deposed', plan: { action: 'delete', prior: deposed } },
      { phase: 'main', plan: { action: 'replace', requested: true, prior: state } },
    ])
  })

  it('bad arguments are refused before the deposed delete is even planned', () => {
    const c = changeOf('k', { record: { schemaVersion: 1, state, deposed }, version: '7' }, { functionName: 'echo' }, options, undefined)
    expect(c._tag === 'Left' && c.left).toMatchObject({ _tag: 'InvalidInput', problems: [{ path: ['input'] }] })
  })

  it('keeps a resolution only with an interrupted step, and AssumeDone marks the pending phase', () => {
    const plan = changeOf('k', { record: { schemaVersion: 1, state }, version: '1' }, { ...desired, input: '{"n":2}' }, options, undefined)
    if (plan._tag === 'Left') throw new Error('no plan')
    const step = plan.right.phases[0].plan.invocations[0]
    if (step === undefined) throw new Error('no step')
    const intent = intentFor('update', step, new Date(0), md5Hex(step.payload))
    const record = { schemaVersion: 1, state, intent } as const
    const assumed = changeOf('k', { record, version: '2' }, { ...desired, input: '{"n":2}' }, options, { _tag: 'AssumeDone' })
    expect(assumed._tag === 'Right' && assumed.right).toMatchObject({ interrupted: intent, resolution: { _tag: 'AssumeDone' }, phases: [{ phase: 'main', assumedResult: '' }] })
    const none = changeOf('k', { record: { schemaVersion: 1, state }, version: '1' }, desired, options, { _tag: 'Forget' })
    expect(none._tag === 'Right' && 'resolution' in none.right).toBe(false)
  })
})
