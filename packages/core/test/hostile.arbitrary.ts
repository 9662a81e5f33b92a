/**
 * Hostile values, for properties that a public function never throws: revoked
 * proxies, getters that throw, proxies whose traps throw (ownKeys, get,
 * getOwnPropertyDescriptor, has, getPrototypeOf), arrays whose length lies,
 * cycles, and what may be thrown (errors, strings, objects whose message or
 * toString throws, revoked proxies). Meant for reuse by the engine's tests.
 *
 * fast-check itself looks into the values it generates (for a clone method),
 * which a hostile value would not survive: the arbitraries give plain,
 * printable recipes, and a property builds the value with `build`.
 */
import fc from 'fast-check'

/** What a hostile value throws. */
export type Throw =
  | { readonly throw: 'error'; readonly message: string }
  | { readonly throw: 'value'; readonly value: string | number | null | undefined }
  | { readonly throw: 'revoked' | 'message-throws' | 'toString-throws' }

/** The traps a hostile proxy throws from. */
export type Trap = 'ownKeys' | 'get' | 'getOwnPropertyDescriptor' | 'has' | 'getPrototypeOf'

/** How to build a value, hostile parts anywhere. */
export type Recipe =
  | { readonly make: 'plain'; readonly value: unknown }
  | { readonly make: 'revoked'; readonly array: boolean }
  | { readonly make: 'trap'; readonly trap: Trap; readonly target: Recipe; readonly error: Throw }
  | { readonly make: 'getter'; readonly entries: ReadonlyArray<readonly [string, Recipe]>; readonly key: string; readonly error: Throw }
  | { readonly make: 'lying-length'; readonly length: unknown }
  | { readonly make: 'cycle' }
  | { readonly make: 'object'; readonly entries: ReadonlyArray<readonly [string, Recipe]> }
  | { readonly make: 'array'; readonly items: ReadonlyArray<Recipe> }

/** A proxy that has been revoked: every operation on it throws, even `Array.isArray`. */
export const revoked = (target: object = {}): object => {
  const { proxy, revoke } = Proxy.revocable(target, {})
  revoke()
  return proxy
}

/** A proxy of `target` whose `trap` throws `error`. */
export const trapping = (target: object, trap: Trap, error: unknown): object =>
  new Proxy(target, {
    [trap]: () => {
      throw error
    },
  })

/** `base` with an enumerable getter at `key` that throws `error`. */
export const throwingGetter = (base: Readonly<Record<string, unknown>>, key: string, error: unknown): object =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get: () => {
      throw error
    },
  })

const thrownValue = (t: Throw): unknown => {
  switch (t.throw) {
    case 'error':
      return new Error(t.message)
    case 'value':
      return t.value
    case 'revoked':
      return revoked()
    case 'message-throws':
      return Object.defineProperty(new Error('x'), 'message', {
        get: () => {
          throw new Error('no message')
        },
      })
    case 'toString-throws':
      return {
        toString: (): string => {
          throw new Error('no text')
        },
      }
  }
}

const objectOf = (entries: ReadonlyArray<readonly [string, Recipe]>): Record<string, unknown> => {
  const o: Record<string, unknown> = {}
  for (const [k, r] of entries) Object.defineProperty(o, k, { value: build(r), enumerable: true, writable: true, configurable: true })
  return o
}

/** Builds the value a recipe describes. */
export const build = (r: Recipe): unknown => {
  switch (r.make) {
    case 'plain':
      return r.value
    case 'revoked':
      return revoked(r.array ? [] : {})
    case 'trap': {
      const target = build(r.target)
      return trapping(typeof target === 'object' && target !== null ? target : {}, r.trap, thrownValue(r.error))
    }
    case 'getter':
      return throwingGetter(objectOf(r.entries), r.key, thrownValue(r.error))
    case 'lying-length':
      return new Proxy([1, 2], { get: (t, k) => (k === 'length' ? r.length : Reflect.get(t, k)) })
    case 'cycle': {
      const a: Record<string, unknown> = { functionName: 'fn', input: '{}' }
      a['self'] = a
      a['triggers'] = a
      return a
    }
    case 'object':
      return objectOf(r.entries)
    case 'array':
      return r.items.map(build)
  }
}

/** What a hostile value throws. */
export const thrown: fc.Arbitrary<Throw> = fc.oneof(
  fc.string().map((message): Throw => ({ throw: 'error', message })),
  fc.oneof(fc.string(), fc.integer(), fc.constantFrom(null, undefined)).map((value): Throw => ({ throw: 'value', value })),
  fc.constantFrom<Throw>({ throw: 'revoked' }, { throw: 'message-throws' }, { throw: 'toString-throws' }),
)

const trap = fc.constantFrom<Trap>('ownKeys', 'get', 'getOwnPropertyDescriptor', 'has', 'getPrototypeOf')
const plain = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Recipe> => value.map((v): Recipe => ({ make: 'plain', value: v }))
const entries = (keys: fc.Arbitrary<string>, value: fc.Arbitrary<Recipe>, max: number): fc.Arbitrary<ReadonlyArray<readonly [string, Recipe]>> =>
  fc.uniqueArray(fc.tuple(keys, value), { maxLength: max, selector: ([k]) => k })

/** A hostile leaf: something that breaks code reading it, whatever it reads. */
export const hostileLeaf: fc.Arbitrary<Recipe> = fc.oneof(
  fc.boolean().map((array): Recipe => ({ make: 'revoked', array })),
  fc.tuple(trap, fc.constantFrom<Recipe>({ make: 'plain', value: { a: 1 } }, { make: 'plain', value: ['x'] }), thrown).map(([t, target, error]): Recipe => ({ make: 'trap', trap: t, target, error })),
  fc.tuple(entries(fc.string(), plain(fc.string()), 3), fc.string(), thrown).map(([e, key, error]): Recipe => ({ make: 'getter', entries: e, key, error })),
  fc.constantFrom<unknown>(-1, 1.5, 'many', 2 ** 40, undefined).map((length): Recipe => ({ make: 'lying-length', length })),
  fc.constant<Recipe>({ make: 'cycle' }),
)

/** Any value, hostile parts anywhere: plain values (`fc.anything`), hostile leaves, and objects and arrays of either, nested. */
export const hostile: fc.Arbitrary<Recipe> = fc.letrec<{ value: Recipe }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plain(fc.anything()),
    hostileLeaf,
    entries(fc.string(), tie('value'), 4).map((e): Recipe => ({ make: 'object', entries: e })),
    fc.array(tie('value'), { maxLength: 3 }).map((items): Recipe => ({ make: 'array', items })),
  ),
})).value

/**
 * An object with the given keys (the ones a decoder reads), each holding a
 * plain or a hostile value, the object itself maybe hidden behind a throwing
 * getter or trap. Hits the code that reads known keys, not only the root.
 */
export const hostileWith = (keys: ReadonlyArray<string>, value: fc.Arbitrary<unknown> = fc.anything()): fc.Arbitrary<Recipe> =>
  fc
    .tuple(
      entries(fc.constantFrom(...keys), fc.oneof(plain(value), hostileLeaf), keys.length),
      fc.option(fc.tuple(fc.constantFrom(...keys), thrown), { nil: undefined }),
      fc.option(fc.tuple(trap, thrown), { nil: undefined }),
    )
    .map(([e, getter, t]): Recipe => {
      const inner: Recipe = getter === undefined ? { make: 'object', entries: e } : { make: 'getter', entries: e.filter(([k]) => k !== getter[0]), key: getter[0], error: getter[1] }
      return t === undefined ? inner : { make: 'trap', trap: t[0], target: inner, error: t[1] }
    })

/** Recipes of a plain value (to mix valid values with hostile ones). */
export const plainRecipe = plain
