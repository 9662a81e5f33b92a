import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeEvent, type CustomResourceEvent } from '../src/event.js'
import { decide, type Decision } from '../src/decide.js'
import { createEvent, deleteEvent, updateEvent } from './support/events.js'

const url = 'https://example.test/response'
const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')

const event = (u: Record<string, unknown>): CustomResourceEvent => {
  const d = decodeEvent(u)
  if (E.isLeft(d)) throw new Error(JSON.stringify(d.left))
  return d.right
}
const decision = (u: Record<string, unknown>, defaultRegion?: string): Decision => {
  const d = decide(event(u), defaultRegion === undefined ? {} : { defaultRegion })
  if (E.isLeft(d)) throw new Error(JSON.stringify(d.left))
  return d.right
}
const summary = (d: Decision) => ({ action: d.plan?.action, run: d.run.map((r) => [r.functionName, r.lifecycle, r.payload]), physicalId: d.physicalId, outputs: d.outputs })

const plain = { FunctionName: 'fn', Input: '{"a":1}' }
const plainId = `fn,$LATEST,${md5('{"a":1}')}`

describe('decide', () => {
  it('Create: one create, the physical id being its invocation id', () => {
    expect(summary(decision(createEvent(url, plain)))).toEqual({ action: 'create', run: [['fn', 'create', '{"a":1}']], physicalId: plainId, outputs: true })
  })

  it('Update: the prior is the old properties under the current physical id', () => {
    const d = decision(updateEvent(url, plainId, { ...plain, TenantId: 't' }, plain))
    expect(summary(d)).toEqual({ action: 'update', run: [['fn', 'update', '{"a":1}']], physicalId: plainId, outputs: true })
    expect(d.plan?.prior).toMatchObject({ id: plainId, input: '{"a":1}', result: '' })
  })

  it('Update that replaces: only the create runs now, under its own id; a CREATE_ONLY prior has no delete to run later', () => {
    const d = decision(updateEvent(url, plainId, { ...plain, Qualifier: '2' }, plain))
    expect(summary(d)).toEqual({ action: 'replace', run: [['fn', 'create', '{"a":1}']], physicalId: `fn,2,${md5('{"a":1}')}`, outputs: true })
    expect(d.plan?.invocations).toHaveLength(1)
  })

  it('a replace that keeps the id runs the delete of a CRUD prior at once; of a CREATE_ONLY prior, nothing more', () => {
    const crud = { ...plain, LifecycleScope: 'CRUD' }
    const id = `fn,$LATEST,${md5('{"a":1,"tf":{"action":"create","prev_input":null}}')}`
    expect(summary(decision(updateEvent(url, id, { ...crud, Triggers: { b: '2' } }, crud))).run.map((r) => r[1])).toEqual(['create', 'delete'])
    expect(summary(decision(updateEvent(url, plainId, { ...plain, Triggers: { b: '2' } }, plain)))).toEqual({ action: 'replace', run: [['fn', 'create', '{"a":1}']], physicalId: plainId, outputs: true })
  })

  it('the handler’s region stands for an absent Region, so naming it is no change, and another region replaces', () => {
    expect(decision(updateEvent(url, plainId, { ...plain, Region: 'us-east-1' }, plain), 'us-east-1').plan?.action).toBe('noop')
    const moved = decision(updateEvent(url, plainId, { ...plain, Region: 'eu-west-1' }, plain), 'us-east-1')
    expect(moved.plan?.action).toBe('replace')
    expect(moved.run[0]?.region).toBe('eu-west-1')
  })

  it('Delete: CRUD invokes the delete payload; CREATE_ONLY nothing; a marker nothing, with no plan', () => {
    const crud = { ...plain, LifecycleScope: 'CRUD' }
    expect(summary(decision(deleteEvent(url, 'any-id', crud))).run).toEqual([['fn', 'delete', '{"a":1,"tf":{"action":"delete","prev_input":{"a":1}}}']])
    expect(summary(decision(deleteEvent(url, plainId, plain)))).toEqual({ action: 'delete', run: [], physicalId: plainId, outputs: false })
    expect(summary(decision(deleteEvent(url, 'LambdaInvocation::UpdateFailed::r', crud)))).toEqual({ action: undefined, run: [], physicalId: 'LambdaInvocation::UpdateFailed::r', outputs: false })
  })

  it('a problem with the old state is reported under OldResourceProperties', () => {
    const d = decide(event(updateEvent(url, plainId, { ...plain, LifecycleScope: 'CRUD' }, { ...plain, Input: '[1]' })))
    expect(d).toEqual(
      E.left([
        {
          path: ['OldResourceProperties', 'Input'],
          message: 'is an array, which cannot be the prev_input of a CRUD update (Terraform refuses it too); replace the resource instead, e.g. by changing its triggers',
        },
      ]),
    )
  })
})
