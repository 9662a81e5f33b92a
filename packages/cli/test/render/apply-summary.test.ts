import { plan, type Applied, type Plan, type PlannedChange } from '@lambda-invocation/core'
import { makeState } from '@lambda-invocation/core/testing'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { completionLine, countApplied } from '../../src/render/apply-summary.js'
import { makeColours } from '../../src/render/colour.js'

const prior = makeState({ id: 'fn,$LATEST,00000000000000000000000000000000', functionName: 'fn', input: '{"a":1}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CRUD', terraformKey: 'tf' })

const planOf = (desired: unknown, from: typeof prior | 'none' = prior): Plan => {
  const p = plan(from === 'none' ? undefined : from, desired)
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
  return p.right
}

const applied = (key: string, p: Plan): Applied => ({ key, plan: p, state: undefined, invocations: [] })
const plain = makeColours(false)

describe('countApplied', () => {
  it('counts as Terraform: a create added, an update changed, a replace added and destroyed, a delete destroyed, a deposed delete destroyed', () => {
    const create = applied('c', planOf({ functionName: 'fn', input: '{}' }, 'none'))
    const update = applied('u', planOf({ functionName: 'fn', input: '{"a":2}', lifecycleScope: 'CRUD' }))
    const replace = applied('r', planOf({ functionName: 'fn2', input: '{"a":1}', lifecycleScope: 'CRUD' }))
    const destroy = applied('d', planOf(undefined))
    const noop = applied('n', planOf({ functionName: 'fn', input: '{"a":1}', lifecycleScope: 'CRUD' }))
    expect([create, update, replace, destroy, noop].map((a) => a.plan.action)).toEqual(['create', 'update', 'replace', 'delete', 'noop'])
    expect(countApplied([create, update, replace, destroy, noop], [])).toEqual({ added: 2, changed: 1, destroyed: 2 })
    const withDeposed = { key: 'n', deposed: prior } as unknown as PlannedChange
    expect(countApplied([noop], [withDeposed])).toEqual({ added: 0, changed: 0, destroyed: 1 })
  })
})

describe('completionLine', () => {
  const none = { failed: 0, notStarted: 0, cancelled: false }
  it("reads as Terraform's", () => {
    expect(completionLine('apply', { added: 1, changed: 2, destroyed: 3 }, none, plain)).toBe('Apply complete! Resources: 1 added, 2 changed, 3 destroyed.')
    expect(completionLine('destroy', { added: 0, changed: 0, destroyed: 1 }, none, plain)).toBe('Destroy complete! Resources: 0 added, 0 changed, 1 destroyed.')
  })

  it('says what failed or did not start when incomplete', () => {
    const zero = { added: 0, changed: 0, destroyed: 0 }
    expect(completionLine('apply', zero, { failed: 1, notStarted: 0, cancelled: false }, plain)).toBe('Apply incomplete! Resources: 0 added, 0 changed, 0 destroyed; 1 failed.')
    expect(completionLine('apply', zero, { failed: 0, notStarted: 2, cancelled: true }, plain)).toBe('Apply incomplete! Resources: 0 added, 0 changed, 0 destroyed; 2 not started.')
    expect(completionLine('destroy', zero, { failed: 0, notStarted: 0, cancelled: true }, plain)).toBe('Destroy incomplete! Resources: 0 added, 0 changed, 0 destroyed.')
  })
})
