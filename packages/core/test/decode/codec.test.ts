import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { AnyString, arrayOf, checkedNumber, exactly, oneOf, readable, shallow, strict, StringMap, wholeNumber } from '../../src/decode/codec.js'
import { reportProblems } from '../../src/decode/reporter.js'

const problems = (codec: t.Mixed, u: unknown): ReadonlyArray<unknown> => {
  const r = codec.decode(u)
  return E.isLeft(r) ? reportProblems(r.left) : []
}

const Inner = strict({ name: 'Inner', noun: 'an inner', member: 'a field', fields: [{ key: 'ok', name: 'ok', codec: t.unknown, presence: 'required' }] })

const Outer = strict({
  name: 'Outer',
  noun: 'the outer',
  member: 'a field of the outer',
  fields: [
    { key: 'a', name: 'a', codec: AnyString, presence: 'required' },
    { key: 'b', name: 'b', codec: AnyString, presence: 'optional' },
    { key: 'c', name: 'c', codec: AnyString, presence: 'optional' },
    { key: 'd', name: 'd', codec: oneOf('YZ', ['y', 'z']), presence: 'required' },
    { key: 'e', name: 'e', codec: StringMap, presence: 'default', default: {} },
    { key: 'f', name: 'f', codec: Inner, presence: 'optional' },
  ],
})

describe('strict', () => {
  it('collects problems and goes on', () => {
    expect(problems(Outer, { b: null, c: 3, d: 'x', e: { k: 1 }, f: { ok: 1, okk: 2 } })).toEqual([
      { path: ['a'], message: 'is required' },
      { path: ['c'], message: 'must be a string, got number' },
      { path: ['d'], message: 'must be "y" or "z", got "x"' },
      { path: ['e', 'k'], message: 'must be a string, got number' },
      { path: ['f', 'okk'], message: 'is not a field; did you mean "ok"?' },
    ])
  })

  it('fills defaults, leaves absent optionals out, and names what it wants at the root', () => {
    expect(Outer.decode({ a: 'x', d: 'y', b: null })).toEqual(E.right({ a: 'x', d: 'y', e: {} }))
    expect(problems(Outer, [1])).toEqual([{ path: [], message: 'the outer must be an object, got an array' }])
    expect(problems(Outer, { a: 'x', d: 'y', f: 'no' })).toEqual([{ path: ['f'], message: 'must be an object, got string' }])
    expect(problems(Outer, { a: 'x', d: 'y', zzz: 1 })).toEqual([{ path: ['zzz'], message: 'is not a field of the outer (known: a, b, c, d, e, f)' }])
  })

  it('takes an alias for a field, and refuses one that disagrees with it', () => {
    const Aliased = strict({ name: 'A', noun: 'a', member: 'a key', fields: [{ key: 'k', name: 'k', codec: AnyString, presence: 'default', default: 'tf', aliases: ['alt'] }] })
    expect(Aliased.decode({ alt: 'x' })).toEqual(E.right({ k: 'x' }))
    expect(Aliased.decode({ alt: 'x', k: 'x' })).toEqual(E.right({ k: 'x' }))
    expect(problems(Aliased, { alt: 'x', k: 'y' })).toEqual([{ path: ['alt'], message: 'is an alias of k and differs from it ("x" vs "y"); give only one' }])
  })

  it('lets unknown null keys through when asked, and encodes back to its keys', () => {
    const Snake = strict({
      name: 'S',
      noun: 's',
      member: 'an attribute',
      nullUnknown: true,
      encodeAbsentAsNull: true,
      fields: [
        { key: 'v', name: 'version', codec: t.number, presence: 'constant', default: 1 },
        { key: 'the_name', name: 'theName', codec: AnyString, presence: 'required' },
        { key: 'maybe', name: 'maybe', codec: AnyString, presence: 'optional' },
      ],
    })
    expect(Snake.decode({ the_name: 'n', later: null })).toEqual(E.right({ version: 1, theName: 'n' }))
    expect(problems(Snake, { the_name: 'n', later: 1 })).toEqual([{ path: ['later'], message: 'is not an attribute (known: the_name, maybe)' }])
    expect(Snake.encode({ version: 1, theName: 'n' })).toEqual({ the_name: 'n', maybe: null })
    expect(Snake.is({ version: 1, theName: 'n' })).toBe(true)
    expect(Snake.is({ version: 1, theName: 'n', other: 1 })).toBe(false)
  })
})

describe('values', () => {
  it('keeps a __proto__ trigger as a plain key', () => {
    const m = StringMap.decode(JSON.parse('{"__proto__":"x"}'))
    expect(E.isRight(m) && Object.keys(m.right)).toEqual(['__proto__'])
    expect(E.isRight(m) && Object.getPrototypeOf(m.right)).toBe(Object.prototype)
  })

  it('names the value that is not the one wanted', () => {
    expect(problems(exactly(1), undefined)).toEqual([{ path: [], message: 'must be 1, got nothing' }])
    expect(problems(exactly(1), '1')).toEqual([{ path: [], message: 'must be 1, got "1"' }])
    expect(problems(oneOf('AB', ['a', 'b']), 3)).toEqual([{ path: [], message: 'must be "a" or "b", got 3' }])
  })
})

describe('readable', () => {
  it('reads the value once, safely, and reports what throws at its path', () => {
    const Safe = readable(Outer)
    const hostile = { a: 'x', d: 'y', get b(): string { throw new Error('boom') } }
    expect(problems(Safe, hostile)).toEqual([{ path: ['b'], message: 'could not be read: boom' }])
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(problems(Safe, { a: 'x', d: 'y', e: proxy })).toEqual([{ path: ['e'], message: "could not be read: Cannot perform 'IsArray' on a proxy that has been revoked" }])
    expect(problems(Safe, { a: 'x', d: 'y', f: { ok: [1, proxy] } })).toEqual([{ path: ['f', 'ok', 1], message: "could not be read: Cannot perform 'IsArray' on a proxy that has been revoked" }])
    expect(Safe.is(proxy)).toBe(false)
  })
})

describe('a present field, arrays, numbers and shallow reading', () => {
  const Item = strict({
    name: 'Item',
    noun: 'an item',
    member: 'a field of an item',
    fields: [
      { key: 'key', name: 'key', codec: AnyString, presence: 'required' },
      { key: 'desired', name: 'desired', codec: t.unknown, presence: 'present', missing: 'is required (undefined, written out, destroys)' },
    ],
  })

  it('present: the key must be there, its value may be undefined', () => {
    expect(Item.decode({ key: 'k', desired: undefined })).toEqual(E.right({ key: 'k', desired: undefined }))
    expect(problems(Item, { key: 'k' })).toEqual([{ path: ['desired'], message: 'is required (undefined, written out, destroys)' }])
    expect(problems(Item, { key: 'k', args: 1 })).toEqual([
      { path: ['args'], message: 'is not a field of an item (known: key, desired)' },
      { path: ['desired'], message: 'is required (undefined, written out, destroys)' },
    ])
  })

  it('arrayOf: each problem at its index', () => {
    const Keys = arrayOf('Keys', AnyString)
    expect(Keys.decode(['a', 'b'])).toEqual(E.right(['a', 'b']))
    expect(problems(Keys, ['a', 1])).toEqual([{ path: [1], message: 'must be a string, got number' }])
    expect(problems(Keys, 'a')).toEqual([{ path: [], message: 'must be an array, got string' }])
  })

  it('numbers: finite ones, checked', () => {
    expect(wholeNumber('N', 1).decode(3)).toEqual(E.right(3))
    expect(problems(wholeNumber('N', 1), 1.5)).toEqual([{ path: [], message: 'must be a whole number from 1 up, got 1.5' }])
    expect(problems(checkedNumber('N', (n) => E.right(n)), Number.NaN)).toEqual([{ path: [], message: 'must be a number, got NaN' }])
    expect(problems(checkedNumber('N', (n) => E.right(n)), '1')).toEqual([{ path: [], message: 'must be a number, got string' }])
  })

  it('shallow: one level read safely, the values kept as they are', () => {
    const fn = (): number => 1
    const Holder = shallow(strict({ name: 'H', noun: 'a holder', member: 'a field', fields: [{ key: 'f', name: 'f', codec: t.unknown, presence: 'required' }] }))
    const d = Holder.decode({ f: fn })
    expect(E.isRight(d) && (d.right as { f: unknown }).f).toBe(fn)
    const getter = Object.defineProperty({}, 'f', { enumerable: true, get: () => { throw new Error('boom') } })
    expect(problems(Holder, getter)).toEqual([{ path: ['f'], message: 'could not be read: boom' }])
    expect(Holder.is(getter)).toBe(false)
  })

  it("readable's is judges the copy: a lying array length cannot make it loop", () => {
    const liar = new Proxy(['a'], { get: (target, k) => (k === 'length' ? 2 ** 40 : Reflect.get(target, k)) })
    expect(readable(arrayOf('Keys', AnyString)).is(liar)).toBe(false)
  })
})
