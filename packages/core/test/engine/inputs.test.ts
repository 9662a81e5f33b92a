import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createEngine } from '../../src/engine/engine.js'
import { formatEngineError } from '../../src/engine/format-error.js'
import type { Engine, EngineError } from '../../src/engine/types.js'
import { fakeClock, mapStore, scriptedInvoker } from './fakes.js'

const args = { functionName: 'fn', input: '{"n":1}', lifecycleScope: 'CRUD' }

const setup = () => {
  const store = mapStore()
  const { invoker, calls } = scriptedInvoker()
  const engine = createEngine({ store, invoker, clock: fakeClock().clock })
  return { store, calls, engine }
}

/** The problems of an InvalidInput, as `path: message` lines. */
const problems = (e: E.Either<EngineError, unknown>): string => {
  if (!E.isLeft(e) || e.left._tag !== 'InvalidInput') throw new Error(`expected InvalidInput, got ${JSON.stringify(e)}`)
  return formatEngineError(e.left)
}

describe('applyAll refuses a malformed call before anything runs', () => {
  it('a misspelled item key is an error at [i].key, never a silent destroy', async () => {
    const { engine, store, calls } = setup()
    const created = await engine.apply('x', args)
    expect(E.isRight(created)).toBe(true)
    const text = problems(await engine.applyAll([{ key: 'x', args } as never]))
    expect(text).toContain('[0].args: is not a field of an item')
    expect(text).toContain('[0].desired: is required: the arguments, or desired: undefined written out to destroy the resource')
    expect(calls).toHaveLength(1)
    expect(E.isRight(await store.read('x')) && (await store.read('x'))).toMatchObject({ right: { record: { state: { input: '{"n":1}' } } } })
  })

  it('an item without a desired key is refused; desired: undefined written out destroys', async () => {
    const { engine, store } = setup()
    await engine.apply('x', args)
    expect(problems(await engine.applyAll([{ key: 'x' } as never]))).toContain('[0].desired: is required')
    const destroyed = await engine.applyAll([{ key: 'x', desired: undefined }])
    expect(E.isRight(destroyed) && destroyed.right.results[0]?.status).toBe('applied')
    expect(await store.list()).toEqual(E.right([]))
  })

  it('reports every problem at once: items, keys given twice, an unknown option with "did you mean"', async () => {
    const { engine, calls } = setup()
    const text = problems(
      await engine.applyAll([{ key: 'a', desired: args }, { key: '', desired: args }, { key: 'a', desired: args }, 7 as never, { kee: 'b', desired: args } as never], {
        concurency: 2,
      } as never),
    )
    expect(text).toContain('[1].key: must not be empty')
    expect(text).toContain('[2].key: is also the key of item 0: give each key once')
    expect(text).toContain('[3]: an item must be an object, got number')
    expect(text).toContain('[4].kee: is not a field of an item; did you mean "key"?')
    expect(text).toContain('options.concurency: is not an option of applyAll; did you mean "concurrency"?')
    expect(calls).toEqual([])
  })

  it('refuses items that are not an array, and bad option values', async () => {
    const { engine } = setup()
    expect(problems(await engine.applyAll({ key: 'a' } as never))).toContain('the items must be an array, got object')
    const text = problems(await engine.applyAll([], { concurrency: 0, claimed: 'steal', signal: { aborted: false }, onProgress: 'log' } as never))
    expect(text).toContain('options.concurrency: must be a whole number from 1 up, got 0')
    expect(text).toContain('options.claimed: must be "fail" or "skip", got "steal"')
    expect(text).toContain('options.signal: must be an AbortSignal, got object')
    expect(text).toContain('options.onProgress: must be a function, got string')
  })

  it("an item's own options are checked as plan's", async () => {
    const { engine } = setup()
    const text = problems(await engine.applyAll([{ key: 'a', desired: args, options: { replaceOrdr: 'create-first', resolution: { resolve: 'retry' } } } as never]))
    expect(text).toContain('[0].options.replaceOrdr: is not an option of plan; did you mean "replaceOrder"?')
    expect(text).toContain('[0].options.resolution._tag: is required: "Retry", "AssumeDone" (with an optional result) or "Forget"')
  })
})

describe('plan, apply, destroy, show and import check their key and options', () => {
  it('an unknown option is an error naming it; a missing key is one too', async () => {
    const { engine, calls } = setup()
    expect(problems(await engine.apply('k', args, { replaceOrdr: 'create-first' } as never))).toContain('options.replaceOrdr: is not an option of apply; did you mean "replaceOrder"?')
    expect(problems(await engine.plan('k', args, { signal: new AbortController().signal } as never))).toContain('options.signal: is not an option of plan')
    expect(problems(await engine.destroy('k', 'fast' as never))).toContain('options: must be an object, got string')
    expect(problems(await engine.apply(undefined as never, args))).toContain('apply takes a key and the desired arguments, or a planned change; got undefined')
    for (const r of [await engine.plan(undefined as never, args), await engine.show(3 as never), await engine.import('' as never, 'fn,$LATEST,0123456789abcdef0123456789abcdef', args), await engine.destroy(null as never)]) {
      expect(problems(r)).toMatch(/^Invalid input:\nkey: must be a non-empty string, got/)
    }
    expect(problems(await engine.apply('k', args, { resolution: { _tag: 'Later' } } as never))).toContain('options.resolution._tag: must be "Retry" or "AssumeDone" or "Forget", got "Later"')
    expect(calls).toEqual([])
  })

  it('a signal must be a genuine AbortSignal: a look-alike is refused, and one whose reading throws', async () => {
    const { engine } = setup()
    expect(problems(await engine.apply('k', args, { signal: { aborted: true } as never }))).toContain('options.signal: must be an AbortSignal, got object')
    const trapped = new Proxy(new AbortController().signal, {
      get: () => {
        throw new Error('trap')
      },
    })
    expect(problems(await engine.apply('k', args, { signal: trapped }))).toContain('options.signal: must be an AbortSignal, got object')
  })
})

describe('createEngine with bad deps is total: every method answers the deps problem', () => {
  const methods = (engine: Engine) => [
    engine.plan('k', args),
    engine.apply('k', args),
    engine.destroy('k'),
    engine.show('k'),
    engine.import('k', 'fn,$LATEST,0123456789abcdef0123456789abcdef', args),
    engine.applyAll([{ key: 'k', desired: args }]),
    engine.read(args),
    engine.invoke({ functionName: 'fn', payload: '{}' }),
  ]

  it('a misspelled port, a missing one, a method that is not a function: each named, with "did you mean"', async () => {
    const { invoker } = scriptedInvoker()
    const engine = createEngine({ invoker: { invoke: 'no' }, stor: mapStore(), clock: fakeClock().clock } as never)
    for (const r of await Promise.all(methods(engine))) {
      const text = problems(r)
      expect(text).toContain('deps.stor: is not a dependency of the engine; did you mean "store"?')
      expect(text).toContain('deps.store: is required')
      expect(text).toContain("deps.invoker.invoke: must be a function (the Invoker's invoke), got string")
    }
    expect(invoker).toBeDefined()
  })

  it('answers with the key the call named', async () => {
    const engine = createEngine(undefined as never)
    const r = await engine.apply('db', args)
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'InvalidInput', key: 'db', problems: [{ path: ['deps'], message: 'must be an object, got undefined' }] })
  })

  it('a throwing getter is a problem at its path', async () => {
    const deps = Object.defineProperty({ invoker: scriptedInvoker().invoker, store: mapStore() }, 'clock', {
      enumerable: true,
      get: () => {
        throw new Error('no clock here')
      },
    })
    expect(problems(await createEngine(deps as never).plan('k', args))).toBe('Invalid input for "k":\ndeps.clock: could not be read: no clock here')
  })

  it('bad settings and an unknown key in them', async () => {
    const deps = { invoker: scriptedInvoker().invoker, store: mapStore(), clock: fakeClock().clock, retry: { maxAttempts: 0, baseDelayMs: -1, maxDelayMs: 10 }, runner: { id: '' }, leaseMs: 'long', planOptions: { encodng: 'preserve' } }
    const text = problems(await createEngine(deps as never).plan('k', args))
    expect(text).toContain('deps.retry.maxAttempts: must be a whole number from 1 up, got 0')
    expect(text).toContain('deps.retry.baseDelayMs: must be 0 or more milliseconds, got -1')
    expect(text).toContain('deps.runner.id: must not be empty')
    expect(text).toContain('deps.leaseMs: must be a number, got string')
    expect(text).toContain('deps.planOptions.encodng: is not an option of plan; did you mean "encoding"?')
  })

  it('ports may be class instances: their methods are read from the prototype and called on the instance', async () => {
    class Store {
      private readonly inner = mapStore()
      read(key: string) {
        return this.inner.read(key)
      }
      write(...a: Parameters<ReturnType<typeof mapStore>['write']>) {
        return this.inner.write(...a)
      }
      delete(...a: Parameters<ReturnType<typeof mapStore>['delete']>) {
        return this.inner.delete(...a)
      }
      list() {
        return this.inner.list()
      }
    }
    const engine = createEngine({ invoker: scriptedInvoker().invoker, store: new Store(), clock: fakeClock().clock })
    expect(E.isRight(await engine.apply('k', args))).toBe(true)
  })
})

describe('ports that break their contract', () => {
  it('a store that throws or answers something else is StoreFailed, the message saying what came', async () => {
    const base = mapStore()
    const throwing = { ...base, read: () => Promise.reject(new Error('socket closed')) }
    const r = await createEngine({ invoker: scriptedInvoker().invoker, store: throwing, clock: fakeClock().clock }).apply('k', args)
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreFailed', failure: { _tag: 'Unavailable', message: "the state store's read threw: socket closed" } })
    const odd = { ...base, write: () => Promise.resolve('v1' as never) }
    const w = await createEngine({ invoker: scriptedInvoker().invoker, store: odd, clock: fakeClock().clock }).apply('k', args)
    expect(E.isLeft(w) && w.left).toMatchObject({ _tag: 'StoreFailed', failure: { _tag: 'Unavailable', message: "the state store's write answered not an Either (string)" } })
    const corrupt = { ...base, read: () => Promise.resolve(E.right({ record: { schemaVersion: 2 }, version: '1' })) }
    const c = await createEngine({ invoker: scriptedInvoker().invoker, store: corrupt as never, clock: fakeClock().clock }).plan('k', args)
    expect(E.isLeft(c) && c.left).toMatchObject({ _tag: 'StoreFailed', failure: { _tag: 'Corrupt', problems: [{ path: ['schemaVersion'] }] } })
  })

  it('an invoker that throws or answers no response: the outcome is unknown, the intent kept', async () => {
    const store = mapStore()
    const invoker = { invoke: () => Promise.resolve(E.right({ statusCode: 200 })) }
    const r = await createEngine({ invoker: invoker as never, store, clock: fakeClock().clock }).apply('k', args)
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'InvokeFailed', failure: { _tag: 'Unknown', message: 'the invoker answered a response whose payload is undefined instead of a response: the function may have run' } })
    const kept = await store.read('k')
    expect(E.isRight(kept) && kept.right?.record.intent).toMatchObject({ outcome: 'unknown' })
    const throwing = { invoke: () => { throw new Error('bug') } }
    const t = await createEngine({ invoker: throwing as never, store: mapStore(), clock: fakeClock().clock }).apply('k', args)
    expect(E.isLeft(t) && t.left).toMatchObject({ _tag: 'InvokeFailed', failure: { _tag: 'Unknown', message: 'the invoker threw (bug): the function may have run' } })
  })

  it('a clock that cannot tell the time: refused before the step is claimed', async () => {
    const store = mapStore()
    const { invoker, calls } = scriptedInvoker()
    const r = await createEngine({ invoker, store, clock: { now: () => new Date(Number.NaN), sleep: () => Promise.resolve() } }).apply('k', args)
    expect(problems(r)).toContain("deps.clock.now: the clock's now() gave object, not a valid Date")
    expect(calls).toEqual([])
    expect(await store.list()).toEqual(E.right([]))
  })
})
