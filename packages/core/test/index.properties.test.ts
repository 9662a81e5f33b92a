/**
 * Every public function of the core that takes a caller's value is total:
 * fed anything, revoked proxies, throwing getters and traps included, it
 * answers a Left or a Right (or its string), never an exception.
 */
import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it as unit } from 'vitest'
import {
  ATTRIBUTES,
  closest,
  dataSourceId,
  EncodingCodec,
  createEngine,
  decodePlannedChange,
  formatEngineError,
  decodeArgs,
  decodeRecord,
  decodeState,
  formatProblems,
  invocationId,
  InvocationArgsCodec,
  InvocationStateCodec,
  InvokeCallCodec,
  parseId,
  parseImportId,
  plan,
  NonEmptyString,
  PlanOptionsCodec,
  readable,
  ReplaceOrderCodec,
  PlannedChangeCodec,
  ResolutionCodec,
  ResourceRecordCodec,
  settle,
  strict,
  TerraformStateCodec,
  type Engine,
} from '../src/index.js'
import { fakeClock, mapStore, scriptedInvoker } from './engine/fakes.js'
import { invocationArgs } from './arbitraries.js'
import { build, hostile, hostileWith, plainRecipe, revoked, throwingGetter, trapping, type Recipe } from './hostile.arbitrary.js'

const ARG_KEYS = [...ATTRIBUTES.filter((r) => r.argument !== 'computed').flatMap((r) => [r.name, ...r.aliases])]
const STATE_KEYS = ['schemaVersion', ...ATTRIBUTES.map((r) => r.name)]
const TF_KEYS = ['schema_version', 'attributes', ...ATTRIBUTES.map((r) => r.terraformName)]
const OPTION_KEYS = ['replaceOrder', 'encoding', 'defaultRegion', 'forceReplace']
const CALL_KEYS = ['functionName', 'qualifier', 'payload', 'tenantId', 'region', 'invocationType', 'logType', 'clientContext']

// Plausible values at the known keys, so that decoding gets past the first field.
const plausible = fc.oneof(fc.constantFrom('fn', '{}', '$LATEST', 'CRUD', 'us-east-1', 'tf', 1, null), fc.anything())

const args = fc.oneof(hostile, hostileWith(ARG_KEYS, plausible), plainRecipe(invocationArgs))
const state = fc.oneof(hostile, hostileWith(STATE_KEYS, plausible), hostileWith(TF_KEYS, plausible))
const options = fc.oneof(hostile, hostileWith(OPTION_KEYS, fc.constantFrom('create-first', 'preserve', 'eu-west-1')))
const record = fc.oneof(hostile, hostileWith(['schemaVersion', 'state', 'deposed', 'intent'], fc.oneof(fc.constant(1), plausible)), state.map((r): Recipe => ({ make: 'object', entries: [['schemaVersion', { make: 'plain', value: 1 }], ['state', r]] })))
const call = fc.oneof(hostile, hostileWith(CALL_KEYS, plausible))

/** An Either whose Left, when it has problems, lists well-formed ones. */
const isAnswer = (r: unknown): boolean => {
  const e = r as E.Either<unknown, unknown>
  if (e._tag === 'Right') return true
  if (e._tag !== 'Left') return false
  const left = e.left as { readonly problems?: unknown } | ReadonlyArray<unknown>
  const problems = Array.isArray(left) ? left : (left as { readonly problems?: unknown }).problems
  return Array.isArray(problems) && problems.length > 0 && problems.every((p) => Array.isArray(p.path) && typeof p.message === 'string' && p.message !== '')
}

const RUNS = { numRuns: 150 }

describe('the public functions are total on hostile values', () => {
  it.prop([state, args, options], RUNS)('plan', (prior, desired, opts) => {
    expect(isAnswer(plan(build(prior), build(desired), build(opts)))).toBe(true)
  })

  it.prop([args], RUNS)('decodeArgs and InvocationArgsCodec', (r) => {
    const u = build(r)
    expect(isAnswer(decodeArgs(u))).toBe(true)
    expect(typeof InvocationArgsCodec.is(u)).toBe('boolean')
  })

  it.prop([state], RUNS)('decodeState, InvocationStateCodec and TerraformStateCodec', (r) => {
    const u = build(r)
    expect(isAnswer(decodeState(u))).toBe(true)
    expect(E.isLeft(TerraformStateCodec.decode(u)) || E.isRight(TerraformStateCodec.decode(u))).toBe(true)
    expect(typeof InvocationStateCodec.is(u)).toBe('boolean')
  })

  it.prop([record], RUNS)('decodeRecord and ResourceRecordCodec', (r) => {
    const u = build(r)
    expect(isAnswer(decodeRecord(u))).toBe(true)
    expect(typeof ResourceRecordCodec.is(u)).toBe('boolean')
  })

  it.prop([call, options], RUNS)('InvokeCallCodec and PlanOptionsCodec', (c, o) => {
    const answers: ReadonlyArray<E.Either<unknown, unknown>> = [InvokeCallCodec.decode(build(c)), PlanOptionsCodec.decode(build(o))]
    expect(answers.every((d) => E.isLeft(d) || E.isRight(d))).toBe(true)
  })

  // A codec of one's own from the exported blocks, as the CLI builds its config's.
  const own = readable(
    strict({
      name: 'Own',
      noun: 'the settings',
      member: 'a setting',
      fields: [
        { key: 'name', name: 'name', codec: NonEmptyString, presence: 'required' },
        { key: 'order', name: 'order', codec: ReplaceOrderCodec, presence: 'optional' },
        { key: 'encoding', name: 'encoding', codec: EncodingCodec, presence: 'optional' },
      ],
    }),
  )

  it.prop([fc.oneof(hostile, hostileWith(['name', 'order', 'encoding', 'nmae'], plausible))], RUNS)('a readable strict codec, and closest', (r) => {
    const u = build(r)
    const d = own.decode(u)
    expect(E.isLeft(d) || E.isRight(d)).toBe(true)
    expect(typeof own.is(u)).toBe('boolean')
    expect(['string', 'undefined']).toContain(typeof closest(u as never, u as never))
    expect(['string', 'undefined']).toContain(typeof closest('name', u as never))
  })

  it.prop([hostile], RUNS)('parseId and parseImportId', (r) => {
    const u = build(r)
    expect(isAnswer(parseId(u))).toBe(true)
    expect(isAnswer(parseImportId(u))).toBe(true)
  })

  const responses = fc.oneof(hostile, fc.array(hostileWith(['statusCode', 'payload', 'functionError'], fc.oneof(fc.string(), fc.anything()))).map((items): Recipe => ({ make: 'array', items })))

  it.prop([fc.oneof(hostile, hostileWith(['action', 'invocations', 'prior', 'desired'])), responses], RUNS)(
    'settle, on any plan and responses',
    (p, rs) => {
      expect(isAnswer(settle(build(p) as never, build(rs) as never))).toBe(true)
    },
  )

  it.prop([fc.oneof(invocationArgs, fc.constant({ functionName: 'fn', input: '{}', lifecycleScope: 'CRUD' })), responses], RUNS)(
    'settle, on a real plan and any responses',
    (desired, rs) => {
      const p = plan(undefined, desired)
      if (E.isRight(p)) expect(isAnswer(settle(p.right, build(rs) as never))).toBe(true)
    },
  )

  it.prop([hostile, hostile, hostile], RUNS)('formatProblems, invocationId and dataSourceId give text', (ra, rb, rc) => {
    const [a, b, c] = [build(ra), build(rb), build(rc)]
    expect(typeof formatProblems(a as never)).toBe('string')
    expect(typeof invocationId(a as never, b as never, c as never)).toBe('string')
    expect(typeof dataSourceId(a as never, b as never, c as never)).toBe('string')
  })
})

const CHANGE_KEYS = ['key', 'version', 'phases', 'options', 'deposed', 'interrupted', 'resolution']
const changeRecipe = fc.oneof(
  hostile,
  hostileWith(CHANGE_KEYS, fc.oneof(plausible, fc.constant([{ phase: 'main', plan: { action: 'noop', invocations: [] } }]), fc.constant({ replaceOrder: 'delete-first', encoding: 'terraform' }))),
)
const engineOptions = fc.oneof(hostile, hostileWith([...OPTION_KEYS, 'resolution', 'signal'], fc.oneof(fc.constantFrom('create-first', 'preserve'), fc.constant({ _tag: 'Forget' }), fc.anything())))
const items = fc.oneof(hostile, fc.array(hostileWith(['key', 'desired', 'options', 'change'], fc.oneof(fc.constantFrom('k1', 'k2'), fc.constant({ functionName: 'fn', input: '{}' }), fc.anything())), { maxLength: 4 }).map((is): Recipe => ({ make: 'array', items: is })))
const allOptions = fc.oneof(hostile, hostileWith(['concurrency', 'onProgress', 'signal', 'claimed'], fc.oneof(fc.constantFrom(1, 4, 'skip', 'fail'), fc.anything())))

/** Deps as recipes: each port a working fake (`"port"`) or anything, hostile included. */
const PORT = 'port'
const depsRecipe = fc.oneof(
  hostile,
  hostileWith(['invoker', 'store', 'clock', 'retry', 'planOptions', 'runner', 'leaseMs'], fc.oneof(fc.constant(PORT), fc.constant({ id: 'r' }), fc.anything())),
)
const buildDeps = (r: Recipe): unknown => {
  const u = build(r)
  if (typeof u !== 'object' || u === null) return u
  const ports: Record<string, () => unknown> = { invoker: () => scriptedInvoker().invoker, store: mapStore, clock: () => fakeClock().clock }
  try {
    if (Array.isArray(u)) return u
    for (const [k, make] of Object.entries(ports)) if ((u as Record<string, unknown>)[k] === PORT) (u as Record<string, unknown>)[k] = make()
  } catch {
    // a hostile object: left as it is
  }
  return u
}

/** An engine's answer: a Right, or a Left with a tag, a key and (for InvalidInput) well-formed problems, that renders as text. */
const isEngineAnswer = (r: unknown): boolean => {
  const e = r as E.Either<{ readonly _tag: unknown; readonly key: unknown; readonly problems?: unknown }, unknown>
  if (e._tag === 'Right') return true
  if (e._tag !== 'Left' || typeof e.left._tag !== 'string' || typeof e.left.key !== 'string') return false
  if (e.left._tag === 'InvalidInput' && !isAnswer({ _tag: 'Left', left: e.left })) return false
  return formatEngineError(e.left as never).length > 0
}

const engineOf = (): Engine => createEngine({ store: mapStore(), invoker: scriptedInvoker().invoker, clock: fakeClock().clock })
const key = fc.oneof(plainRecipe(fc.constantFrom('k', '')), hostile)

describe("the engine's methods are total on hostile values", () => {
  it.prop([key, args, engineOptions], RUNS)('plan, apply and destroy', async (k, d, o) => {
    const engine = engineOf()
    const [kv, dv, ov] = [build(k), build(d), build(o)]
    for (const r of [await engine.plan(kv as never, dv, ov as never), await engine.apply(kv as never, dv, ov as never), await engine.destroy(kv as never, ov as never)]) {
      expect(isEngineAnswer(r)).toBe(true)
    }
  })

  it.prop([changeRecipe, engineOptions], RUNS)('apply of a planned change, PlannedChangeCodec and ResolutionCodec', async (c, o) => {
    const u = build(c)
    expect(isEngineAnswer(await engineOf().apply(u as never, build(o) as never))).toBe(true)
    expect(isAnswer(decodePlannedChange(u))).toBe(true)
    expect(typeof PlannedChangeCodec.is(u)).toBe('boolean')
    expect(E.isLeft(ResolutionCodec.decode(u)) || E.isRight(ResolutionCodec.decode(u))).toBe(true)
  })

  it.prop([items, allOptions], RUNS)('applyAll', async (i, o) => {
    expect(isEngineAnswer(await engineOf().applyAll(build(i) as never, build(o) as never))).toBe(true)
  })

  it.prop([key, hostile, args, call, state], RUNS)('show, import, adopt, read and invoke', async (k, id, a, c, st) => {
    const engine = engineOf()
    const kv = build(k)
    for (const r of [
      await engine.show(kv as never),
      await engine.import(kv as never, build(id) as never, build(a)),
      await engine.adopt(kv as never, build(st)),
      await engine.read(build(a)),
      await engine.invoke(build(c) as never),
    ]) {
      expect(isEngineAnswer(r)).toBe(true)
    }
  })

  it.prop([depsRecipe, args], RUNS)('createEngine with any deps: every method answers', async (d, a) => {
    const engine = createEngine(buildDeps(d) as never)
    const answers = await Promise.all([
      engine.plan('k', build(a)),
      engine.apply('k', build(a)),
      engine.destroy('k'),
      engine.show('k'),
      engine.import('k', 'fn,$LATEST,0123456789abcdef0123456789abcdef', build(a)),
      engine.adopt('k', build(a)),
      engine.applyAll([{ key: 'k', desired: build(a) }]),
      engine.read(build(a)),
      engine.invoke({ functionName: 'fn', payload: '{}' }),
    ])
    for (const r of answers) expect(isEngineAnswer(r)).toBe(true)
  })
})

describe('what a hostile value is told', () => {
  const boom = new Error('boom')

  unit('a getter that throws: a problem at its path', () => {
    const desired = throwingGetter({ functionName: 'f' }, 'input', boom)
    expect(plan(undefined, desired)).toEqual(E.left({ _tag: 'PlanError', problems: [{ path: ['input'], message: 'could not be read: boom' }] }))
    expect(plan(undefined, { functionName: 'f', get input(): string { throw boom } })).toEqual(
      E.left({ _tag: 'PlanError', problems: [{ path: ['input'], message: 'could not be read: boom' }] }),
    )
  })

  unit('a revoked proxy: a problem at its path, with what the engine said', () => {
    const why = "could not be read: Cannot perform 'IsArray' on a proxy that has been revoked"
    expect(decodeArgs(revoked())).toEqual(E.left([{ path: [], message: why }]))
    expect(decodeState({ schemaVersion: 1, triggers: revoked() })).toEqual(E.left([{ path: ['triggers'], message: why }]))
    expect(decodeRecord({ schemaVersion: 1, state: { attributes: revoked([]) } })).toEqual(E.left([{ path: ['state', 'attributes'], message: why }]))
    expect(plan(revoked(), undefined)).toEqual(E.left({ _tag: 'PlanError', problems: [{ path: ['prior'], message: why }] }))
    expect(parseId(revoked())).toEqual(E.left([{ path: [], message: 'an id must be a string, got object' }]))
  })

  unit('a proxy whose ownKeys throws, and a throwing options object', () => {
    expect(decodeArgs(trapping({}, 'ownKeys', boom))).toEqual(E.left([{ path: [], message: 'could not be read: boom' }]))
    const opts = { get encoding(): string { throw boom } }
    expect(plan(undefined, { functionName: 'f', input: '{}' }, opts)).toEqual(
      E.left({ _tag: 'PlanError', problems: [{ path: ['options', 'encoding'], message: 'could not be read: boom' }] }),
    )
  })

  unit('what is thrown is shown as far as it can be', () => {
    const noMessage = { get message(): string { throw boom } }
    expect(decodeArgs(throwingGetter({}, 'input', 'plain text'))).toEqual(E.left([{ path: ['input'], message: 'could not be read: plain text' }]))
    expect(decodeArgs(throwingGetter({}, 'input', noMessage))).toEqual(E.left([{ path: ['input'], message: 'could not be read: [object Object]' }]))
    expect(decodeArgs(throwingGetter({}, 'input', revoked()))).toEqual(E.left([{ path: ['input'], message: 'could not be read: an exception that cannot be shown' }]))
  })

  unit('an array whose length lies, nesting and cycles', () => {
    const liar = new Proxy([], { get: (t, k) => (k === 'length' ? 'many' : Reflect.get(t, k)) })
    expect(decodeArgs({ functionName: 'f', input: '{}', triggers: liar })).toEqual(
      E.left([{ path: ['triggers'], message: 'could not be read: its length is not an array length (string)' }]),
    )
    let deep: unknown = 'x'
    for (let i = 0; i < 100_000; i++) deep = { deep }
    expect(decodeArgs({ functionName: 'f', input: '{}', triggers: { a: deep } })).toEqual(E.left([{ path: ['triggers', 'a'], message: 'must be a string, got object' }]))
    const cycle: Record<string, unknown> = { functionName: 'f', input: '{}' }
    cycle['triggers'] = cycle
    expect(E.isLeft(decodeArgs(cycle))).toBe(true)
  })

  unit('settle refuses what is not a plan or responses', () => {
    expect(settle(5 as never, [])).toEqual(E.left({ _tag: 'InvalidInput', problems: [{ path: ['plan'], message: 'must be a plan, got number' }] }))
    const p = plan(undefined, { functionName: 'f', input: '{}' })
    if (E.isLeft(p)) throw new Error('no plan')
    expect(settle(p.right, [{ statusCode: 200 } as never])).toEqual(
      E.left({ _tag: 'InvalidInput', problems: [{ path: ['responses', 0, 'payload'], message: 'must be a string, got undefined' }] }),
    )
  })

  unit('formatProblems renders even what is not a list of problems', () => {
    expect(formatProblems(revoked() as never)).toBe("could not be read: Cannot perform 'IsArray' on a proxy that has been revoked")
    expect(formatProblems(3 as never)).toBe('(not a list of problems: number)')
    expect(formatProblems([{ path: ['a', 0], message: 'm' }, 7] as never)).toBe('a[0]: m\n(not a problem: 7)')
  })
})
