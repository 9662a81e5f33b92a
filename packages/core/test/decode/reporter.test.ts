import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { reportProblems } from '../../src/decode/reporter.js'
import { AnyString } from '../../src/decode/codec.js'

const report = (codec: t.Mixed, u: unknown): unknown => {
  const r = codec.decode(u)
  return r._tag === 'Left' ? reportProblems(r.left) : []
}

describe('reportProblems', () => {
  it('gives the path from the root, array indices as numbers', () => {
    const codec = t.type({ list: t.array(t.type({ name: AnyString })) })
    expect(report(codec, { list: [{ name: 'a' }, { name: 3 }] })).toEqual([{ path: ['list', 1, 'name'], message: 'must be a string, got number' }])
  })

  it('leaves the alternatives of a union and the parts of an intersection out of the path', () => {
    const codec = t.type({ a: t.union([t.type({ b: AnyString }), t.intersection([t.type({ c: AnyString }), t.type({ d: AnyString })])]) })
    expect(report(codec, { a: { b: 1 } })).toEqual([
      { path: ['a', 'b'], message: 'must be a string, got number' },
      { path: ['a', 'c'], message: 'must be a string, got undefined' },
      { path: ['a', 'd'], message: 'must be a string, got undefined' },
    ])
  })

  it("says what a plain io-ts codec wanted, where it gives no message", () => {
    expect(report(t.type({ n: t.number }), { n: 'x' })).toEqual([{ path: ['n'], message: 'must be number, got string' }])
  })
})
