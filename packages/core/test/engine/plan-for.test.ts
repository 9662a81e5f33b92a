import { describe, expect, it } from 'vitest'
import { planFor } from '../../src/engine/plan-for.js'

describe('planFor', () => {
  it('gives the plan, or the plan problems as InvalidInput naming the key', () => {
    const created = planFor('k', undefined, { functionName: 'fn', input: '{}' }, {})
    expect(created._tag === 'Right' && created.right.action).toBe('create')
    const bad = planFor('k', undefined, { functionName: 'fn' }, {})
    expect(bad._tag === 'Left' && bad.left).toMatchObject({ _tag: 'InvalidInput', key: 'k', problems: [{ path: ['input'] }] })
  })
})
