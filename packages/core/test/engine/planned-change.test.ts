import { describe, expect, it } from 'vitest'
import { changeOf } from '../../src/engine/planned-change.js'
import { EMPTY } from '../../src/engine/record-ops.js'

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
