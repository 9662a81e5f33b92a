import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { locateJsonError, parseJson } from '../src/json-syntax.js'

describe('parseJson', () => {
  it.each([
    ['{"a":}', 1, 6, 'expected a value'],
    ['{\n  "a": 1,\n}', 3, 1, 'trailing comma'],
    ['{\n  "a" 1\n}', 2, 7, "expected ':'"],
    ['[1, 2', 1, 6, "expected ',' or ']'"],
    ['{"a": "x\ny"}', 1, 9, 'line break inside a string'],
    ['', 1, 1, 'unexpected end'],
    ['{"a": 01}', 1, 8, 'invalid number'],
    ['{a: 1}', 1, 2, 'property name in double quotes'],
    ['{} x', 1, 4, 'after the end'],
    ['{"a": tru}', 1, 7, 'expected a value'],
  ])('locates the error in %j at line %i, column %i', (text, line, column, message) => {
    const e = locateJsonError(text)
    expect(e).toMatchObject({ line, column })
    expect(e?.message).toContain(message)
    expect(isLeft(parseJson(text))).toBe(true)
  })

  it('accepts exactly what JSON.parse accepts, on any JSON value and on mangled text', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, junk) => {
        expect(locateJsonError(json)).toBeUndefined()
        const cut = at % (json.length + 1)
        const mangled = json.slice(0, cut) + junk + json.slice(cut + 1)
        let ok = true
        try {
          JSON.parse(mangled)
        } catch {
          ok = false
        }
        expect(locateJsonError(mangled) === undefined).toBe(ok)
      }),
      { numRuns: 300 },
    )
  })

  it('parses valid text, including with a byte order mark', () => {
    const r = parseJson('\uFEFF{"a":[1,2]}')
    expect(isRight(r) && r.right).toEqual({ a: [1, 2] })
  })
})
