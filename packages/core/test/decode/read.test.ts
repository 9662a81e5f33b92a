import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { MAX_READ_DEPTH, MAX_READ_VALUES, readOwn, readPlain } from '../../src/decode/read.js'
import { revoked, throwingGetter, trapping } from '../hostile.arbitrary.js'

const copy = (u: unknown): unknown => {
  const r = readPlain(u)
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}

describe('readPlain', () => {
  it('copies plain data: own enumerable string keys, arrays, primitives; a function becomes a stub', () => {
    const proto = { inherited: 1 }
    const u = Object.assign(Object.create(proto) as object, { a: [1, 'x', null, { b: true }], n: 2n })
    Object.defineProperty(u, 'hidden', { value: 1, enumerable: false })
    Object.defineProperty(u, Symbol('s'), { value: 1, enumerable: true })
    const c = copy(u)
    expect(c).toEqual({ a: [1, 'x', null, { b: true }], n: 2n })
    expect(c).not.toBe(u)
    expect(typeof copy(() => 1)).toBe('function')
    expect((copy(() => 1) as () => unknown)()).toBeUndefined()
  })

  it('keeps a __proto__ key as a plain key', () => {
    const c = copy(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>
    expect(Object.keys(c)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it(`copies ${MAX_READ_DEPTH} levels; deeper objects and arrays are empty ones of their kind`, () => {
    let deep: unknown = { last: 1 }
    for (let i = 0; i < MAX_READ_DEPTH; i++) deep = i % 2 === 0 ? { d: deep } : [deep]
    let c = copy(deep)
    for (let i = 0; i < MAX_READ_DEPTH; i++) c = Array.isArray(c) ? c[0] : (c as Record<string, unknown>)['d']
    expect(c).toEqual({})
    let veryDeep: unknown = 1
    for (let i = 0; i < 200_000; i++) veryDeep = [veryDeep]
    expect(E.isRight(readPlain(veryDeep))).toBe(true)
  })

  it('turns every trap or getter that throws into a problem at its path, and reads on', () => {
    const u = { a: throwingGetter({ ok: 1 }, 'bad', new Error('boom')), b: [0, revoked()], c: trapping({}, 'ownKeys', 'nope') }
    expect(readPlain(u)).toEqual(
      E.left([
        { path: ['a', 'bad'], message: 'could not be read: boom' },
        { path: ['b', 1], message: "could not be read: Cannot perform 'IsArray' on a proxy that has been revoked" },
        { path: ['c'], message: 'could not be read: nope' },
      ]),
    )
  })

  it(`refuses more than ${MAX_READ_VALUES.toLocaleString('en-US')} values, and a length that is not one, before reading them`, () => {
    const huge = new Proxy([], { get: (t, k) => (k === 'length' ? MAX_READ_VALUES + 1 : Reflect.get(t, k)) })
    expect(readPlain({ huge })).toEqual(E.left([{ path: ['huge'], message: 'could not be read: more than 1,000,000 values in all' }]))
    const liar = new Proxy([], { get: (t, k) => (k === 'length' ? -1 : Reflect.get(t, k)) })
    expect(readPlain(liar)).toEqual(E.left([{ path: [], message: 'could not be read: its length is not an array length (number)' }]))
  })

  it('ends on cycles, and sees one value once even if a getter would change it', () => {
    const a: Record<string, unknown> = {}
    a['self'] = a
    expect(E.isRight(readPlain(a))).toBe(true)
    let n = 0
    const shifting = { get v(): number { return ++n } }
    expect(copy(shifting)).toEqual({ v: 1 })
  })
})

describe('readOwn', () => {
  it('reads one level: own enumerable keys or elements, the values as they are', () => {
    const port = { invoke: () => 1 }
    const signal = new AbortController().signal
    const read = readOwn({ port, signal, n: 1 })
    expect(E.isRight(read) && read.right).toEqual({ port, signal, n: 1 })
    expect(E.isRight(read) && (read.right as { port: unknown }).port).toBe(port)
    expect(readOwn([port, 2])).toEqual(E.right([port, 2]))
    expect(readOwn('x')).toEqual(E.right('x'))
    expect(readOwn(JSON.parse('{"__proto__":1}'))).toEqual(E.right(JSON.parse('{"__proto__":1}')))
  })

  it('a throwing getter or trap is a problem at its path', () => {
    const getter = Object.defineProperty({}, 'a', { enumerable: true, get: () => { throw new Error('boom') } })
    expect(readOwn(getter)).toEqual(E.left([{ path: ['a'], message: 'could not be read: boom' }]))
    const keys = new Proxy({}, { ownKeys: () => { throw new Error('no keys') } })
    expect(readOwn(keys)).toEqual(E.left([{ path: [], message: 'could not be read: no keys' }]))
    const liar = new Proxy([], { get: (t, k) => (k === 'length' ? 2 ** 40 : Reflect.get(t, k)) })
    expect(E.isLeft(readOwn(liar))).toBe(true)
  })
})
