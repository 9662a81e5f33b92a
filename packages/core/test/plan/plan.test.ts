import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { invocationId } from '../../src/plan/id.js'
import { MAX_PAYLOAD_BYTES } from '../../src/model/limits.js'
import { plan, type PlanError } from '../../src/plan/plan.js'
import { settle } from '../../src/plan/settle.js'
import type { InvocationArgs, InvocationState, Plan } from '../../src/model/types.js'

const ok = (e: E.Either<PlanError, Plan>): Plan => {
  if (E.isLeft(e)) throw new Error(`expected a plan, got ${JSON.stringify(e.left.problems)}`)
  return e.right
}
const problemsOf = (e: E.Either<PlanError, Plan>): ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }> => {
  if (E.isRight(e)) throw new Error(`expected problems, got a ${e.right.action} plan`)
  return e.left.problems
}

/** The state a successful apply of `args` stores (what settle makes from a create). */
const applied = (args: InvocationArgs, result = '{"ok":true}'): InvocationState => {
  const p = ok(plan(undefined, args))
  const s = settle(p, p.invocations.map(() => ({ statusCode: 200, payload: result })))
  if (E.isLeft(s) || s.right.state === undefined) throw new Error('apply failed')
  return s.right.state
}

const crud: InvocationArgs = { functionName: 'fn', input: '{"key1":"value1","key2":"value2"}', lifecycleScope: 'CRUD' }
const createOnly: InvocationArgs = { functionName: 'fn', input: '{"key1":"value1","key2":"value2"}' }

describe('plan: the provider acceptance expectations', () => {
  it('CRUD create adds the lifecycle key with action create and prev_input null', () => {
    const p = ok(plan(undefined, crud))
    expect(p.action).toBe('create')
    expect(p.invocations.map((r) => r.payload)).toEqual([
      '{"key1":"value1","key2":"value2","tf":{"action":"create","prev_input":null}}',
    ])
  })

  it('CRUD update sends the new input with prev_input the prior input', () => {
    const prior = applied(crud)
    const p = ok(plan(prior, { ...crud, input: '{"key1":"valueB","key2":"value2"}' }))
    expect(p.action).toBe('update')
    expect(p.invocations[0]?.payload).toBe(
      '{"key1":"valueB","key2":"value2","tf":{"action":"update","prev_input":{"key1":"value1","key2":"value2"}}}',
    )
    expect(p.action === 'update' && p.changed).toEqual(['input'])
  })

  it('CRUD destroy sends the prior input with action delete and prev_input equal to it', () => {
    const prior = applied(crud)
    const p = ok(plan(prior, undefined))
    expect(p.action).toBe('delete')
    expect(p.invocations.map((r) => [r.lifecycle, r.payload])).toEqual([
      ['delete', '{"key1":"value1","key2":"value2","tf":{"action":"delete","prev_input":{"key1":"value1","key2":"value2"}}}'],
    ])
  })

  it('sorts every depth of the input and of prev_input, Go style, in a delete', () => {
    const prior = applied({ ...crud, input: '{"b":{"d":1,"c":2.50},"a":[{"z":0,"y":1e2}]}' })
    const p = ok(plan(prior, undefined))
    expect(p.invocations[0]?.payload).toBe(
      '{"a":[{"y":100,"z":0}],"b":{"c":2.5,"d":1},"tf":{"action":"delete","prev_input":{"a":[{"y":100,"z":0}],"b":{"c":2.5,"d":1}}}}',
    )
  })

  it('CREATE_ONLY to CRUD is an update whose payload has the key and prev_input', () => {
    const prior = applied(createOnly)
    const p = ok(plan(prior, crud))
    expect(p.action).toBe('update')
    expect(p.action === 'update' && p.changed).toEqual(['lifecycleScope'])
    expect(p.invocations[0]?.payload).toBe(
      '{"key1":"value1","key2":"value2","tf":{"action":"update","prev_input":{"key1":"value1","key2":"value2"}}}',
    )
  })

  it('CREATE_ONLY to CRUD from an input that is not an object: refused as the provider refuses it, before any call', () => {
    // The provider decodes the prior input into a map: an array, string, number or boolean fails the update; null gives prev_input null.
    for (const input of ['[1,2]', '"text"', '42', 'true']) {
      expect(problemsOf(plan(applied({ ...createOnly, input }), crud))).toEqual([
        { path: ['prior', 'input'], message: expect.stringContaining('prev_input') },
      ])
    }
    expect(ok(plan(applied({ ...createOnly, input: 'null' }), crud)).invocations[0]?.payload).toBe(
      '{"key1":"value1","key2":"value2","tf":{"action":"update","prev_input":null}}',
    )
  })

  it('a custom terraformKey names the lifecycle key', () => {
    const p = ok(plan(undefined, { ...crud, terraformKey: 'custom_key' }))
    expect(p.invocations[0]?.payload).toBe(
      '{"custom_key":{"action":"create","prev_input":null},"key1":"value1","key2":"value2"}',
    )
  })

  it('pulumiKey is an alias of terraformKey', () => {
    const p = ok(plan(undefined, { ...crud, pulumiKey: 'pk' }))
    expect(p.desired?.terraformKey).toBe('pk')
    expect(p.invocations[0]?.payload).toContain('"pk":{"action":"create"')
  })

  it('changing the triggers replaces and invokes again with the same input', () => {
    const prior = applied({ ...createOnly, triggers: { redeploy: '1' } })
    const p = ok(plan(prior, { ...createOnly, triggers: { redeploy: '2' } }))
    expect(p.action).toBe('replace')
    expect(p.action === 'replace' && p.forcedBy).toEqual(['triggers'])
    expect(p.invocations.map((r) => [r.lifecycle, r.payload])).toEqual([['create', createOnly.input]])
  })

  it('CREATE_ONLY sends the input byte for byte and the id hashes it', () => {
    const input = '{ "b" : 1.0,\n "a": [1e2] }'
    const p = ok(plan(undefined, { functionName: 'fn', input }))
    expect(p.invocations[0]?.payload).toBe(input)
    const s = settle(p, [{ statusCode: 200, payload: 'r' }])
    expect(E.isRight(s) && s.right.state?.id).toBe(invocationId('fn', '$LATEST', input))
  })
})

describe('plan: the action table', () => {
  it('none → none is a noop', () => {
    expect(ok(plan(undefined, undefined))).toEqual({ action: 'noop', invocations: [], prior: undefined, desired: undefined })
  })

  it('none → args is a create with one create invocation', () => {
    const p = ok(plan(undefined, createOnly))
    expect(p.action).toBe('create')
    expect(p.invocations.map((r) => r.lifecycle)).toEqual(['create'])
  })

  it('state (CREATE_ONLY) → none is a delete with no invocation', () => {
    const p = ok(plan(applied(createOnly), undefined))
    expect(p.action).toBe('delete')
    expect(p.invocations).toEqual([])
  })

  it('state (CRUD) → none is a delete with one delete invocation to the prior function', () => {
    const prior = applied({ ...crud, qualifier: 'live', tenantId: 't1', region: 'eu-west-1' })
    const p = ok(plan(prior, undefined))
    expect(p.invocations).toEqual([
      expect.objectContaining({ functionName: 'fn', qualifier: 'live', tenantId: 't1', region: 'eu-west-1', lifecycle: 'delete' }),
    ])
  })

  it('the same args again is a noop', () => {
    expect(ok(plan(applied(crud), crud)).action).toBe('noop')
    expect(ok(plan(applied(createOnly), createOnly)).action).toBe('noop')
  })

  it.each([
    ['functionName', { functionName: 'other' }],
    ['qualifier', { qualifier: '3' }],
    ['triggers', { triggers: { a: 'b' } }],
    ['region', { region: 'eu-west-1' }],
  ] as const)('a change of %s replaces', (attribute, change) => {
    const p = ok(plan(applied(createOnly), { ...createOnly, ...change }))
    expect(p.action).toBe('replace')
    expect(p.action === 'replace' && p.forcedBy).toEqual([attribute])
  })

  describe('an absent region means the client\'s', () => {
    const inRegion = applied({ ...crud, region: 'eu-west-1' })

    it('keeps the prior region when the default is not known: adopting a Terraform state is no replace', () => {
      const p = ok(plan(inRegion, crud))
      expect(p.action).toBe('noop')
      expect(p.desired?.region).toBe('eu-west-1')
      const changed = ok(plan(inRegion, { ...crud, input: '{"x":1}' }))
      expect(changed.invocations.map((r) => r.region)).toEqual(['eu-west-1'])
    })

    it('resolves to defaultRegion when given, replacing a state of another region', () => {
      expect(ok(plan(inRegion, crud, { defaultRegion: 'eu-west-1' })).action).toBe('noop')
      const p = ok(plan(inRegion, crud, { defaultRegion: 'us-east-1' }))
      expect(p.action === 'replace' && p.forcedBy).toEqual(['region'])
      expect(p.invocations.map((r) => [r.lifecycle, r.region])).toEqual([
        ['delete', 'eu-west-1'],
        ['create', 'us-east-1'],
      ])
    })

    it('records defaultRegion in a created state, as Terraform records the provider\'s', () => {
      const p = ok(plan(undefined, crud, { defaultRegion: 'us-east-1' }))
      expect(p.desired?.region).toBe('us-east-1')
      expect(ok(plan(undefined, crud)).desired?.region).toBeUndefined()
    })

    it('a prior state without region (provider v5) is in the default region: no replace, as the provider exempts it', () => {
      const v5 = applied(crud) // no region recorded
      expect(v5.region).toBeUndefined()
      expect(ok(plan(v5, crud, { defaultRegion: 'us-east-1' })).action).toBe('noop')
      expect(ok(plan(v5, { ...crud, region: 'us-east-1' }, { defaultRegion: 'us-east-1' })).action).toBe('noop')
      const moved = ok(plan(v5, { ...crud, region: 'eu-west-1' }, { defaultRegion: 'us-east-1' }))
      expect(moved.action === 'replace' && moved.forcedBy).toEqual(['region'])
      expect(moved.invocations.map((r) => [r.lifecycle, r.region])).toEqual([
        ['delete', undefined],
        ['create', 'eu-west-1'],
      ])
    })

    it('an explicit region still wins over both', () => {
      const p = ok(plan(inRegion, { ...crud, region: 'ap-south-1' }, { defaultRegion: 'eu-west-1' }))
      expect(p.action === 'replace' && p.forcedBy).toEqual(['region'])
    })

    it('refuses a defaultRegion that is not a region name', () => {
      expect(problemsOf(plan(undefined, crud, { defaultRegion: 'mars' }))).toEqual([
        { path: ['options', 'defaultRegion'], message: expect.stringContaining('not an AWS region name') },
      ])
    })
  })

  it('an input change in CREATE_ONLY scope replaces; in CRUD scope it updates', () => {
    const a = ok(plan(applied(createOnly), { ...createOnly, input: '{"x":1}' }))
    expect(a.action === 'replace' && a.forcedBy).toEqual(['input'])
    const b = ok(plan(applied(crud), { ...crud, input: '{"x":1}' }))
    expect(b.action === 'update' && b.changed).toEqual(['input'])
  })

  it('whitespace or key order in the input is a change', () => {
    expect(ok(plan(applied(crud), { ...crud, input: '{"key2":"value2","key1":"value1"}' })).action).toBe('update')
    expect(ok(plan(applied(createOnly), { ...createOnly, input: '{"key1": "value1","key2":"value2"}' })).action).toBe('replace')
  })

  it.each([
    ['lifecycleScope', { lifecycleScope: 'CRUD' }],
    ['terraformKey', { terraformKey: 'k' }],
    ['tenantId', { tenantId: 'tenant-1' }],
  ] as const)('a change of %s updates, in CREATE_ONLY scope sending the raw input', (attribute, change) => {
    const p = ok(plan(applied(createOnly), { ...createOnly, ...change }))
    expect(p.action === 'update' && p.changed).toEqual([attribute])
    if (attribute !== 'lifecycleScope') expect(p.invocations[0]?.payload).toBe(createOnly.input)
  })

  it('CRUD → CREATE_ONLY updates with the raw input', () => {
    const p = ok(plan(applied(crud), createOnly))
    expect(p.action === 'update' && p.changed).toEqual(['lifecycleScope'])
    expect(p.invocations.map((r) => [r.lifecycle, r.payload])).toEqual([['update', createOnly.input]])
  })

  it('an update reports every changed attribute', () => {
    const p = ok(plan(applied(crud), { ...crud, input: '{"a":1}', terraformKey: 'k', tenantId: 't' }))
    expect(p.action === 'update' && p.changed).toEqual(['input', 'terraformKey', 'tenantId'])
  })

  it('a replace of a CRUD prior deletes first with the prior key, then creates (Terraform order)', () => {
    const prior = applied({ ...crud, terraformKey: 'old' })
    const p = ok(plan(prior, { ...crud, functionName: 'fn2' }))
    expect(p.action === 'replace' && p.order).toBe('delete-first')
    expect(p.invocations.map((r) => [r.functionName, r.lifecycle, r.payload])).toEqual([
      ['fn', 'delete', '{"key1":"value1","key2":"value2","old":{"action":"delete","prev_input":{"key1":"value1","key2":"value2"}}}'],
      ['fn2', 'create', '{"key1":"value1","key2":"value2","tf":{"action":"create","prev_input":null}}'],
    ])
  })

  it('create-first puts the create before the delete (Pulumi order)', () => {
    const p = ok(plan(applied(crud), { ...crud, qualifier: '2' }, { replaceOrder: 'create-first' }))
    expect(p.action === 'replace' && p.order).toBe('create-first')
    expect(p.invocations.map((r) => [r.qualifier, r.lifecycle])).toEqual([
      ['2', 'create'],
      ['$LATEST', 'delete'],
    ])
  })

  it('a replace of a CREATE_ONLY prior only creates', () => {
    const p = ok(plan(applied(createOnly), { ...crud, functionName: 'other' }))
    expect(p.invocations.map((r) => r.lifecycle)).toEqual(['create'])
  })

  it('an empty triggers map is the same as none', () => {
    expect(ok(plan(applied(createOnly), { ...createOnly, triggers: {} })).action).toBe('noop')
    expect(ok(plan(applied({ ...createOnly, triggers: {} }), { ...createOnly, triggers: null })).action).toBe('noop')
  })
})

describe('plan: bad input is a Left with paths, never an exception', () => {
  it('collects problems of both the prior and the desired args', () => {
    const problems = problemsOf(plan({ schemaVersion: 1 }, { functionName: 1, input: '' }))
    expect(problems.some((p) => p.path[0] === 'prior')).toBe(true)
    expect(problems).toContainEqual({ path: ['functionName'], message: 'must be a string, got number' })
    expect(problems).toContainEqual({ path: ['input'], message: 'must be JSON text, got an empty string' })
  })

  it('refuses a payload over Lambda limit naming its size', () => {
    const big = `{"a":"${'x'.repeat(MAX_PAYLOAD_BYTES)}"}`
    const problems = problemsOf(plan(undefined, { functionName: 'fn', input: big }))
    expect(problems).toHaveLength(1)
    expect(problems[0]?.path).toEqual(['input'])
    expect(problems[0]?.message).toBe(
      `the payload would be ${(MAX_PAYLOAD_BYTES + 8).toLocaleString('en-US')} bytes, over Lambda's limit of 6,291,456 bytes`,
    )
  })

  it('counts the payload in UTF-8 bytes, with the lifecycle key', () => {
    // 3,145,710 "é" are 6,291,420 bytes (but half as many UTF-16 units); with `{"a":""}`, 6,291,428 bytes.
    const fits = `{"a":"${'é'.repeat(3_145_710)}"}`
    expect(E.isRight(plan(undefined, { functionName: 'fn', input: fits }))).toBe(true)
    const crudOver = problemsOf(plan(undefined, { functionName: 'fn', input: fits, lifecycleScope: 'CRUD' }))
    expect(crudOver[0]?.message).toMatch(/^the payload would be 6,291,471 bytes/)
  })

  it('refuses in CRUD scope, with either encoding, what Go refuses: float64 overflow and deep nesting', () => {
    const deep = `{"a":${'['.repeat(10_001)}${']'.repeat(10_001)}}`
    for (const encoding of ['terraform', 'preserve'] as const) {
      expect(problemsOf(plan(undefined, { ...crud, input: '{"a":[1, 2e400]}' }, { encoding }))).toEqual([
        { path: ['input'], message: 'not valid JSON: the number 2e400 is beyond the float64 range' },
      ])
      expect(problemsOf(plan(undefined, { ...crud, input: deep }, { encoding }))).toEqual([
        { path: ['input'], message: "not valid JSON: nested deeper than 10,000 levels (Go's limit)" },
      ])
      // Even when nothing changed (a prior written by another tool).
      const prior = { ...applied(crud), input: deep }
      expect(problemsOf(plan(prior, { ...crud, input: deep }, { encoding }))).toEqual([
        { path: ['input'], message: "not valid JSON: nested deeper than 10,000 levels (Go's limit)" },
      ])
    }
    // -0 first sends the encoder down its exact slow path; the overflow is still found.
    expect(problemsOf(plan(undefined, { ...crud, input: '{"a":-0,"b":1e999}' }))[0]?.message).toBe('not valid JSON: the number 1e999 is beyond the float64 range')
  })

  it('refuses bad options', () => {
    expect(problemsOf(plan(undefined, createOnly, { replaceOrder: 'sideways' }))).toEqual([
      { path: ['options', 'replaceOrder'], message: 'must be "delete-first" or "create-first", got "sideways"' },
    ])
  })

  it('deletes a CRUD prior whose input holds its lifecycle key (Terraform made such states) by overwriting the key, as Go does', () => {
    const prior = { ...applied(crud), input: '{"z":2,"tf":1,"a":0}' }
    expect(ok(plan(prior, undefined)).invocations.map((r) => r.payload)).toEqual([
      '{"a":0,"tf":{"action":"delete","prev_input":{"a":0,"tf":1,"z":2}},"z":2}',
    ])
    // An update away from such a state is fine too: prev_input is the prior input as it was.
    const update = ok(plan(prior, { ...crud, input: '{"a":1}' }))
    expect(update.invocations.map((r) => r.payload)).toEqual(['{"a":1,"tf":{"action":"update","prev_input":{"a":0,"tf":1,"z":2}}}'])
  })
})

describe('plan: the preserve encoding', () => {
  it('keeps key order, number text and escapes, and appends the key', () => {
    const input = '{ "b": 1.0, "a": 12345678901234567890, "s": "\\u00e9<" }'
    const p = ok(plan(undefined, { functionName: 'fn', input, lifecycleScope: 'CRUD' }, { encoding: 'preserve' }))
    expect(p.invocations[0]?.payload).toBe(
      '{"b":1.0,"a":12345678901234567890,"s":"\\u00e9<","tf":{"action":"create","prev_input":null}}',
    )
  })

  it('preserves prev_input text in an update and works on an empty object', () => {
    const prior = applied({ ...crud, input: '{"n": 1.50}' })
    const p = ok(plan(prior, { ...crud, input: '{}' }, { encoding: 'preserve' }))
    expect(p.invocations[0]?.payload).toBe('{"tf":{"action":"update","prev_input":{"n":1.50}}}')
  })
})

// Terraform's `-replace=ADDRESS` (its command line, not the resource): replace although nothing changed.
describe('plan: a requested replace (forceReplace)', () => {
  const deletePayload = '{"key1":"value1","key2":"value2","tf":{"action":"delete","prev_input":{"key1":"value1","key2":"value2"}}}'
  const createPayload = '{"key1":"value1","key2":"value2","tf":{"action":"create","prev_input":null}}'

  it('of an unchanged CRUD resource: the delete invocation with the prior key, then the create, marked requested', () => {
    const prior = { ...applied(crud), terraformKey: 'old' } as InvocationState
    const p = ok(plan(prior, { ...crud, terraformKey: 'old' }, { forceReplace: true }))
    expect(p).toMatchObject({ action: 'replace', forcedBy: [], requested: true, order: 'delete-first' })
    expect(p.invocations.map((r) => [r.lifecycle, r.functionName, r.payload])).toEqual([
      ['delete', 'fn', deletePayload.replace('"tf"', '"old"')],
      ['create', 'fn', createPayload.replace('"tf"', '"old"')],
    ])
  })

  it('follows the replace order, and its create and delete are those of a create and a destroy', () => {
    const prior = applied(crud)
    const p = ok(plan(prior, crud, { forceReplace: true, replaceOrder: 'create-first' }))
    expect(p.invocations).toEqual([...ok(plan(undefined, crud)).invocations, ...ok(plan(prior, undefined)).invocations])
    expect(p.invocations.map((r) => r.payload)).toEqual([createPayload, deletePayload])
  })

  it('of a CREATE_ONLY resource: only the create, the raw input again', () => {
    const p = ok(plan(applied(createOnly), createOnly, { forceReplace: true }))
    expect(p).toMatchObject({ action: 'replace', forcedBy: [], requested: true })
    expect(p.invocations.map((r) => [r.lifecycle, r.payload])).toEqual([['create', createOnly.input]])
  })

  it('with changes as well: forcedBy names what would have forced it, an update-only change becomes part of the replace', () => {
    const prior = applied(crud)
    const triggers = ok(plan(prior, { ...crud, triggers: { v: '2' } }, { forceReplace: true }))
    expect(triggers).toMatchObject({ action: 'replace', forcedBy: ['triggers'], requested: true })
    const input = ok(plan(prior, { ...crud, input: '{"key1":"b"}' }, { forceReplace: true }))
    expect(input).toMatchObject({ action: 'replace', forcedBy: [], requested: true })
    expect(input.invocations.map((r) => r.payload)).toEqual([deletePayload, '{"key1":"b","tf":{"action":"create","prev_input":null}}'])
  })

  it('without a prior state is a plain create; false is the same as absent', () => {
    const created = ok(plan(undefined, crud, { forceReplace: true }))
    expect(created).toEqual(ok(plan(undefined, crud)))
    expect('requested' in created).toBe(false)
    expect(ok(plan(applied(crud), crud, { forceReplace: false })).action).toBe('noop')
    const replaced = ok(plan(applied(crud), { ...crud, triggers: { v: '2' } }))
    expect('requested' in replaced).toBe(false)
  })

  it('settles like any replace: the next plan without the option is a noop', () => {
    const p = ok(plan(applied(crud), crud, { forceReplace: true }))
    const s = settle(p, p.invocations.map(() => ({ statusCode: 200, payload: '{"again":true}' })))
    if (E.isLeft(s) || s.right.state === undefined) throw new Error('apply failed')
    expect(s.right.state.result).toBe('{"again":true}')
    expect(ok(plan(s.right.state, crud)).action).toBe('noop')
  })

  it('is refused for a destroy (no arguments): there would be nothing to create', () => {
    const message =
      'cannot replace a resource that is being destroyed (no arguments given): there would be nothing to create; leave the option out, or give the arguments'
    expect(problemsOf(plan(applied(crud), undefined, { forceReplace: true }))).toEqual([{ path: ['options', 'forceReplace'], message }])
    expect(problemsOf(plan(applied(createOnly), undefined, { forceReplace: true }))).toEqual([{ path: ['options', 'forceReplace'], message }])
    expect(problemsOf(plan(undefined, undefined, { forceReplace: true }))).toEqual([{ path: ['options', 'forceReplace'], message }])
    expect(ok(plan(applied(crud), undefined, { forceReplace: false })).action).toBe('delete')
  })

  it('refuses a value that is not a boolean', () => {
    expect(problemsOf(plan(applied(crud), crud, { forceReplace: 'yes' }))).toEqual([{ path: ['options', 'forceReplace'], message: 'must be true or false, got "yes"' }])
  })
})
