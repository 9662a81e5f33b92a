import * as E from 'fp-ts/lib/Either.js'
import { decodeState, type InvocationState } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { fromOutputs, toOutputs } from '../../src/host/outputs.js'
import { bridgeOutputs } from '../support/bridge-state.js'

const decoded = (u: unknown): InvocationState => {
  const d = decodeState(u)
  if (E.isLeft(d)) throw new Error(JSON.stringify(d.left))
  return d.right
}

const state = decoded({
  schemaVersion: 1,
  id: 'echo,$LATEST,9f86d081884c7d659a2feaa0c55ad015',
  functionName: 'echo',
  input: '{"a":"x"}',
  qualifier: '$LATEST',
  triggers: { v: '1' },
  lifecycleScope: 'CRUD',
  terraformKey: 'tf',
  result: '{"ok":true}',
})
const full = decoded({ ...state, tenantId: 't', region: 'eu-west-1' })

describe('toOutputs', () => {
  it("carries aws.lambda.Invocation's output names, leaving unset optional values out", () => {
    expect(toOutputs(state)).toEqual({
      functionName: 'echo',
      id: state.id,
      input: state.input,
      lifecycleScope: 'CRUD',
      qualifier: '$LATEST',
      result: state.result,
      terraformKey: 'tf',
      triggers: { v: '1' },
    })
    expect(toOutputs(full)).toMatchObject({ tenantId: 't', region: 'eu-west-1' })
  })
})

describe('fromOutputs', () => {
  it('reads its own outputs back as the state (the provider key aside)', () => {
    expect(fromOutputs({ ...toOutputs(state), __provider: 'text' }, 'other')).toEqual(E.right(state))
    expect(fromOutputs(toOutputs(full), 'other')).toEqual(E.right(full))
  })

  it("reads the bridge's outputs of aws.lambda.Invocation: __meta, nulls and empty strings for unset values", () => {
    const read = fromOutputs({ ...bridgeOutputs(), tenantId: '' }, 'ignored')
    expect(read).toEqual(
      E.right({
        schemaVersion: 1,
        id: bridgeOutputs()['id'],
        functionName: 'echo',
        input: '{"a":"x"}',
        qualifier: '$LATEST',
        triggers: {},
        lifecycleScope: 'CREATE_ONLY',
        terraformKey: 'tf',
        region: 'us-east-1',
        result: '{"ok":true}',
      }),
    )
  })

  it('fills what older states lack as the schema upgrade does, and the id from the resource', () => {
    const { lifecycleScope: _s, terraformKey: _k, region: _r, id: _i, ...old } = bridgeOutputs()
    const read = fromOutputs(old, 'echo,$LATEST,0123')
    expect(E.isRight(read) && read.right).toMatchObject({ id: 'echo,$LATEST,0123', lifecycleScope: 'CREATE_ONLY', terraformKey: 'tf' })
    expect(E.isRight(read) && 'region' in read.right).toBe(false)
  })

  it('names an output it does not know, or a bad value, instead of guessing', () => {
    expect(fromOutputs({ ...bridgeOutputs(), timeout: 3 }, 'id')).toEqual(E.left([{ path: ['timeout'], message: expect.stringMatching(/is not a state field/) }]))
    expect(fromOutputs({ ...bridgeOutputs(), functionName: 7 }, 'id')).toEqual(E.left([{ path: ['functionName'], message: 'must be a string, got number' }]))
    expect(E.isLeft(fromOutputs('text', 'id'))).toBe(true)
  })
})
