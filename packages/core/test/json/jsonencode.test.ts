import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { goString } from '../../src/json/go-encode.js'
import { decimalNumber, jsonencode } from '../../src/json/jsonencode.js'

const text = (u: unknown): string => {
  const r = jsonencode(u)
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}
const problems = (u: unknown) => {
  const r = jsonencode(u)
  if (E.isRight(r)) throw new Error(`expected problems, got ${r.right}`)
  return r.left
}

describe('jsonencode: what Terraform’s jsonencode writes', () => {
  it('sorts keys at every depth, compact', () => {
    expect(text({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}')
  })

  it('sorts by UTF-8 bytes: integer-like keys as text, U+E000 before an astral character', () => {
    expect(text({ b: 0, 10: 0, 9: 0 })).toBe('{"10":0,"9":0,"b":0}')
    expect(text({ '\u{1F600}': 1, '\uE000': 2 })).toBe('{"\uE000":2,"\u{1F600}":1}')
  })

  it('escapes strings as Go does', () => {
    expect(goString('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"')
    expect(goString('\u2028\u2029\b\f\n\r\t\u0001\u007f')).toBe('"\\u2028\\u2029\\b\\f\\n\\r\\t\\u0001\u007f"')
    expect(goString('lone \ud800 surrogate')).toBe('"lone \ufffd surrogate"')
    expect(goString('Zoë 🚀')).toBe('"Zoë 🚀"')
  })

  it('writes numbers in full, without exponent, with the fewest digits that read back the same', () => {
    expect([1e21, 1.5e-7, 0.1, -0, 123456789012345680000, 2 ** 53 + 2, -1e-10, 5e-324].map(decimalNumber)).toEqual([
      '1000000000000000000000',
      '0.00000015',
      '0.1',
      '-0',
      '123456789012345680000',
      '9007199254740994',
      '-0.0000000001',
      `0.${'0'.repeat(323)}5`,
    ])
    expect(text([10n ** 30n, 1.0])).toBe('[1000000000000000000000000000000,1]')
  })

  it('leaves out undefined object members, as JSON.stringify does', () => {
    expect(text({ a: undefined, b: 1 })).toBe('{"b":1}')
  })

  it('refuses what JSON cannot hold, at its path', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(problems({ a: [1, Number.NaN], f: () => 1, d: new Date(0), u: [undefined], c: cyclic, s: Symbol('s') }).map((p) => [p.path, p.message])).toEqual([
      [['a', 1], 'must be a finite number, got NaN'],
      [['c', 'self'], 'refers to itself (a cycle), which JSON cannot hold'],
      [['d'], 'cannot be written as JSON: got an object of class Date; give plain objects, arrays, strings, numbers, booleans or null'],
      [['f'], 'cannot be written as JSON: got function'],
      [['s'], 'cannot be written as JSON: got symbol'],
      [['u', 0], 'is undefined, which JSON cannot hold; use null'],
    ])
  })

  it('a getter that throws is a problem, not an exception', () => {
    const hostile = {
      get a(): never {
        throw new Error('boom')
      },
    }
    expect(problems(hostile)).toEqual([{ path: [], message: 'could not be read: boom' }])
  })

  it('encodes 10,000 levels without recursion, and refuses the 10,001st at its path', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 10_000; i++) deep = i % 2 === 0 ? [deep] : { k: deep }
    expect(text(deep)).toBe(`${'{"k":['.repeat(5_000)}"x"${']}'.repeat(5_000)}`)
    const r = problems([deep])
    expect(r).toHaveLength(1)
    expect(r[0]?.path).toHaveLength(10_000)
    expect(r[0]?.message).toBe("is nested deeper than 10,000 levels, which the function's JSON decoder refuses")
  })

  it('asks the hook about every value, containers first, with its path', () => {
    const seen: string[] = []
    const r = jsonencode({ b: [1, { c: true }], a: 'x' }, { hook: (v, path) => {
      seen.push(`${path.join('.')}=${typeof v}`)
      return typeof v === 'boolean' ? E.right('"hooked"') : typeof v === 'string' ? E.left('no strings') : undefined
    } })
    expect(seen).toEqual(['=object', 'a=string', 'b=object', 'b.0=number', 'b.1=object', 'b.1.c=boolean'])
    expect(r).toEqual(E.left([{ path: ['a'], message: 'no strings' }]))
    expect(jsonencode([true], { hook: (v) => (v === true ? E.right('"hooked"') : undefined) })).toEqual(E.right('["hooked"]'))
  })

  it('a proxy trap that throws is a problem, not an exception', () => {
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap') } })
    expect(problems({ p: proxy })).toEqual([{ path: [], message: 'could not be read: trap' }])
  })

  it.prop([fc.jsonValue()])('reads back as the same value (-0 included), and encoding what it reads back gives the same text', (v) => {
    const out = text(v)
    expect(JSON.parse(out)).toEqual(v)
    expect(text(JSON.parse(out))).toBe(out)
  })

  it.prop([fc.dictionary(fc.string(), fc.integer())])('the same object with its keys inserted in any order gives the same text', (d) => {
    const reversed = Object.fromEntries(Object.entries(d).reverse())
    expect(text(reversed)).toBe(text(d))
  })
})
