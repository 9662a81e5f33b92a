import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { invocationId } from '../../src/plan/id.js'
import { plan } from '../../src/plan/plan.js'
import { settle, type FunctionFailure, type SettleInputError, type Settled } from '../../src/plan/settle.js'
import type { InvocationArgs, InvocationState, Plan } from '../../src/model/types.js'
import type { InvokeResponse } from '../../src/ports/invoker.js'

const planOf = (prior: unknown, desired: unknown, options?: unknown): Plan => {
  const p = plan(prior, desired, options)
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
  return p.right
}
const right = (e: E.Either<FunctionFailure | SettleInputError, Settled>): Settled => {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left))
  return e.right
}
const okResponse = (payload: string): InvokeResponse => ({ statusCode: 200, payload })
const failed = (payload: string): InvokeResponse => ({ statusCode: 200, payload, functionError: 'Unhandled' })

const crud: InvocationArgs = { functionName: 'fn', input: '{"a":1}', lifecycleScope: 'CRUD' }
const stateOf = (args: InvocationArgs, result = 'r0'): InvocationState => {
  const p = planOf(undefined, args)
  const s = right(settle(p, [okResponse(result)])).state
  if (s === undefined) throw new Error('no state')
  return s
}

describe('settle', () => {
  it('a create stores the resolved args, the id of the payload sent and the result', () => {
    const p = planOf(undefined, { ...crud, tenantId: 't', region: 'us-east-1' })
    expect(right(settle(p, [okResponse('{"done":true}')]))).toEqual({
      state: {
        schemaVersion: 1,
        id: invocationId('fn', '$LATEST', '{"a":1,"tf":{"action":"create","prev_input":null}}'),
        functionName: 'fn',
        input: '{"a":1}',
        qualifier: '$LATEST',
        triggers: {},
        lifecycleScope: 'CRUD',
        terraformKey: 'tf',
        tenantId: 't',
        region: 'us-east-1',
        result: '{"done":true}',
      },
      deposed: undefined,
    })
  })

  it('with no response yet, the prior stays', () => {
    const prior = stateOf(crud)
    const p = planOf(prior, { ...crud, input: '{"a":2}' })
    expect(right(settle(p, []))).toEqual({ state: prior, deposed: undefined })
  })

  it('an update replaces the state with the new input and result', () => {
    const prior = stateOf(crud)
    const s = right(settle(planOf(prior, { ...crud, input: '{"a":2}' }), [okResponse('r1')]))
    expect(s.state?.input).toBe('{"a":2}')
    expect(s.state?.result).toBe('r1')
  })

  it('a delete leaves no state; a CREATE_ONLY delete needs no response', () => {
    expect(right(settle(planOf(stateOf(crud), undefined), [okResponse('')]))).toEqual({ state: undefined, deposed: undefined })
    const createOnly = stateOf({ functionName: 'fn', input: '1' })
    expect(right(settle(planOf(createOnly, undefined), []))).toEqual({ state: undefined, deposed: undefined })
  })

  it('a noop settles to the prior', () => {
    const prior = stateOf(crud)
    expect(right(settle(planOf(prior, crud), []))).toEqual({ state: prior, deposed: undefined })
  })

  it('delete-first replace: after the delete only, nothing is stored; after both, the new state', () => {
    const prior = stateOf(crud)
    const p = planOf(prior, { ...crud, functionName: 'fn2' })
    expect(right(settle(p, [okResponse('')]))).toEqual({ state: undefined, deposed: undefined })
    const done = right(settle(p, [okResponse(''), okResponse('new')]))
    expect(done.state?.functionName).toBe('fn2')
    expect(done.deposed).toBeUndefined()
  })

  it('create-first replace: after the create only, the prior is deposed; after both, it is gone', () => {
    const prior = stateOf(crud)
    const p = planOf(prior, { ...crud, functionName: 'fn2' }, { replaceOrder: 'create-first' })
    const half = right(settle(p, [okResponse('new')]))
    expect(half.state?.functionName).toBe('fn2')
    expect(half.deposed).toEqual(prior)
    const done = right(settle(p, [okResponse('new'), okResponse('')]))
    expect(done.deposed).toBeUndefined()
    expect(done.state?.result).toBe('new')
  })

  it('a replace of a CREATE_ONLY prior deposes nothing', () => {
    const prior = stateOf({ functionName: 'fn', input: '1' })
    const p = planOf(prior, { functionName: 'fn', input: '2' }, { replaceOrder: 'create-first' })
    expect(right(settle(p, [okResponse('x')])).deposed).toBeUndefined()
  })

  it('a function error is a failure naming the function, its step and its payload', () => {
    const prior = stateOf(crud)
    const p = planOf(prior, { ...crud, input: '{"a":2}' })
    const s = settle(p, [failed('{"errorMessage":"boom"}')])
    expect(E.isLeft(s) && s.left).toMatchObject({
      _tag: 'FunctionError',
      functionName: 'fn',
      qualifier: '$LATEST',
      lifecycle: 'update',
      functionError: 'Unhandled',
      payload: '{"errorMessage":"boom"}',
      request: p.invocations[0],
    })
  })

  it('a failure in the second step names that step; what stays is the settlement of the first', () => {
    const prior = stateOf(crud)
    const p = planOf(prior, { ...crud, functionName: 'fn2' })
    const s = settle(p, [okResponse(''), failed('nope')])
    expect(E.isLeft(s) && s.left._tag === 'FunctionError' && s.left.request).toEqual(p.invocations[1])
    expect(right(settle(p, [okResponse('')]))).toEqual({ state: undefined, deposed: undefined })
    expect(E.isLeft(s) && s.left._tag === 'FunctionError' && s.left.lifecycle).toBe('create')
  })

  it('keeps a long error payload whole in the failure', () => {
    const long = 'e'.repeat(2000)
    const s = settle(planOf(undefined, crud), [failed(long)])
    expect(E.isLeft(s) && s.left._tag === 'FunctionError' && s.left.payload).toBe(long)
  })
})
