/**
 * Walks the attribute table: for every row, the arguments codec, `plan`'s
 * change detection, `settle` and both state codecs do what the row says. A
 * new row fails here until it has its samples below.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeArgs } from '../../src/decode/args.js'
import { decodeState, InvocationStateCodec, TerraformStateCodec } from '../../src/decode/state.js'
import { ATTRIBUTES, type LifecycleScope } from '../../src/model/attributes.js'
import type { InvocationState, Plan } from '../../src/model/types.js'
import { invocationId } from '../../src/plan/id.js'
import { plan } from '../../src/plan/plan.js'
import { settle } from '../../src/plan/settle.js'

type Name = (typeof ATTRIBUTES)[number]['name']

/** Per row: a valid value other than the base arguments' one (by their scope), and a bad value with the start of its message. */
interface Sample {
  readonly other: (scope: LifecycleScope) => unknown
  readonly bad: unknown
  readonly says: string
}

const SAMPLES: { readonly [N in Name]: Sample } = {
  id: { other: () => 'fn,$LATEST,0123456789abcdef0123456789abcdef', bad: '', says: 'must not be empty' },
  functionName: { other: () => 'other-fn', bad: 'no spaces', says: '"no spaces" is not a function name' },
  input: { other: () => '{"a":2}', bad: 7, says: 'must be a string, got number' },
  qualifier: { other: () => 'live', bad: 'v 1', says: '"v 1" is not $LATEST' },
  triggers: { other: () => ({ build: '2' }), bad: { build: 2 }, says: 'must be a string, got number' },
  lifecycleScope: { other: (scope) => (scope === 'CRUD' ? 'CREATE_ONLY' : 'CRUD'), bad: 'crud', says: 'must be "CREATE_ONLY" or "CRUD", got "crud"' },
  terraformKey: { other: () => 'lifecycle', bad: '', says: 'must not be empty' },
  tenantId: { other: () => 'tenant-1', bad: 't'.repeat(257), says: 'must be at most 256 characters' },
  region: { other: () => 'eu-west-1', bad: 'Mars', says: '"Mars" is not an AWS region name' },
  result: { other: () => '{"ok":true}', bad: 5, says: 'must be a string, got number' },
}

const base = (scope: LifecycleScope): Record<string, unknown> => ({ functionName: 'fn', input: '{"a":1}', lifecycleScope: scope })

const ok = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left))
  return e.right
}

const applied = (p: Plan, result = 'r'): InvocationState => {
  const s = ok(settle(p, p.invocations.map(() => ({ statusCode: 200, payload: result })))).state
  if (s === undefined) throw new Error('no state')
  return s
}

/** Where the only problem of a decoding is, by its first path segment. */
const firstPath = (e: E.Either<ReadonlyArray<{ readonly path: ReadonlyArray<unknown> }>, unknown>): unknown =>
  E.isLeft(e) && e.left.length === 1 ? e.left[0]?.path[0] : 'not exactly one problem'

const args = ATTRIBUTES.filter((r) => r.argument !== 'computed')
const SCOPES = ['CREATE_ONLY', 'CRUD'] as const

describe('the attribute table', () => {
  it.each(ATTRIBUTES.filter((r) => r.default !== undefined).map((r) => [r.name, r] as const))('the default of %s passes its own codec', (_, r) => {
    expect(r.codec.decode(r.default)).toEqual(E.right(r.default))
  })

  describe.each(args.map((r) => [r.name, r] as const))('argument %s', (name, r) => {
    const sample = SAMPLES[name]

    it('decodes a valid value and refuses a bad one at its path', () => {
      const other = sample.other('CRUD')
      expect(ok(decodeArgs({ ...base('CRUD'), [name]: other }))[name]).toEqual(other)
      const bad = decodeArgs({ ...base('CRUD'), [name]: sample.bad })
      expect(E.isLeft(bad) && bad.left.find((p) => p.path[0] === name)?.message).toMatch(new RegExp(`^${sample.says.replace(/[$()*+.?[\]^{|}]/g, '\\$&')}`))
      for (const alias of r.aliases) expect(ok(decodeArgs({ ...base('CRUD'), [alias]: other }))[name]).toEqual(other)
    })

    it('fills its default, requires it, or leaves it out, as the row says', () => {
      const without = { ...base('CRUD') }
      delete without[name]
      const decoded = decodeArgs(without)
      if (r.argument === 'required') expect(E.isLeft(decoded) && decoded.left).toEqual([{ path: [name], message: 'is required' }])
      else if (r.argument === 'default') expect(ok(decoded)[name]).toEqual(r.default)
      else expect(name in ok(decoded)).toBe(false)
    })

    it.each(SCOPES)('a change of it in %s scope is what the row says', (scope) => {
      const prior = applied(ok(plan(undefined, base(scope))))
      const desired = { ...base(scope), [name]: sample.other(scope) }
      const change = r.change[ok(decodeArgs(desired)).lifecycleScope]
      const p = ok(plan(prior, desired))
      expect(p.action).toBe(change === 'none' ? 'noop' : change)
      if (p.action === 'replace') expect(p.forcedBy).toEqual([name])
      if (p.action === 'update') expect(p.changed).toEqual([name])
    })

    it.each(SCOPES)('with forceReplace in %s scope, a change of it or none is a requested replace that names it only when it forces one', (scope) => {
      const prior = applied(ok(plan(undefined, base(scope))))
      const desired = { ...base(scope), [name]: sample.other(scope) }
      const change = r.change[ok(decodeArgs(desired)).lifecycleScope]
      for (const args of [desired, base(scope)]) {
        const p = ok(plan(prior, args, { forceReplace: true }))
        expect(p).toMatchObject({ action: 'replace', requested: true, forcedBy: args === desired && change === 'replace' ? [name] : [] })
        expect(p.invocations.map((i) => i.lifecycle)).toEqual(prior.lifecycleScope === 'CRUD' ? ['delete', 'create'] : ['create'])
      }
    })

    it('settle carries it into the new state', () => {
      const other = sample.other('CRUD')
      expect(applied(ok(plan(undefined, { ...base('CRUD'), [name]: other })))[name]).toEqual(other)
    })
  })

  it('settle computes the id and the result', () => {
    const p = ok(plan(undefined, base('CRUD')))
    const state = applied(p, '{"ok":1}')
    const request = p.invocations[0]
    expect(state.id).toBe(request === undefined ? undefined : invocationId(request.functionName, request.qualifier, request.payload))
    expect(state.result).toBe('{"ok":1}')
  })

  describe.each(ATTRIBUTES.map((r) => [r.name, r] as const))('state attribute %s', (name, r) => {
    const sample = SAMPLES[name]
    const state = (): InvocationState => {
      const plain = { ...ok(InvocationStateCodec.decode(applied(ok(plan(undefined, base('CRUD')))))), [name]: sample.other('CREATE_ONLY') }
      return ok(decodeState(plain))
    }

    it('round-trips through our camelCase state', () => {
      const s = state()
      const encoded = InvocationStateCodec.encode(s) as Readonly<Record<string, unknown>>
      expect(encoded[name]).toEqual(s[name])
      expect(decodeState(JSON.parse(JSON.stringify(encoded)))).toEqual(E.right(s))
      expect(firstPath(decodeState({ ...encoded, [name]: sample.bad }))).toBe(name)
    })

    it(`round-trips through Terraform's snake_case attributes, as ${r.terraformName}`, () => {
      const s = state()
      const attributes = TerraformStateCodec.encode(s)
      expect(attributes[r.terraformName]).toEqual(s[name])
      expect(TerraformStateCodec.decode(JSON.parse(JSON.stringify(attributes)))).toEqual(E.right(s))
      expect(decodeState({ schema_version: 1, attributes })).toEqual(E.right(s))
      expect(firstPath(decodeState({ ...attributes, [r.terraformName]: sample.bad }))).toBe(r.terraformName)
    })
  })
})
