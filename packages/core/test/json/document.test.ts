import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJsonDocument } from '../../src/json/document.js'
import { scanJson } from '../../src/json/scan.js'

describe('parseJsonDocument', () => {
  it.each(['{"a":}', '{\n  "a": 1,\n}', '{\n  "a" 1\n}', '[1, 2', '{"a": "x\ny"}', '', '{"a": 01}', '{a: 1}', '{} x', '{"a": tru}'])(
    'refuses %j with the scanner’s error',
    (text) => {
      const r = parseJsonDocument(text)
      expect(E.isLeft(r)).toBe(true)
      expect(E.isLeft(r) && r.left).toEqual(scanJson(text))
    },
  )

  it('parses valid text, including with a byte order mark', () => {
    const r = parseJsonDocument('\uFEFF{"a":[1,2]}')
    expect(E.isRight(r) && r.right).toEqual({ a: [1, 2] })
  })

  it('places an error after a byte order mark as an editor shows it, its offset in the text as given', () => {
    const r = parseJsonDocument('\uFEFF{"a":}')
    expect(E.isLeft(r) && r.left).toEqual({
      _tag: 'JsonSyntaxError',
      offset: 6,
      line: 1,
      column: 6,
      message: 'unexpected character "}" at line 1, column 6',
      reason: 'unexpected character "}"',
    })
  })

  it('refuses a byte order mark anywhere but at the start', () => {
    const r = parseJsonDocument(' \uFEFF{}')
    expect(E.isLeft(r) && r.left.message).toBe('unexpected character U+FEFF at line 1, column 2')
  })

  it('visits spans that index into the text as given, byte order mark included', () => {
    const text = '\uFEFF{"input": { "b": 1.50 }}'
    const spans: string[] = []
    const r = parseJsonDocument(text, (path, start, end) => {
      if (path.length === 1) spans.push(text.slice(start, end))
    })
    expect(E.isRight(r) && r.right).toEqual({ input: { b: 1.5 } })
    expect(spans).toEqual(['{ "b": 1.50 }'])
  })

  it('gives the value JSON.parse gives, or a located error where it refuses, visitor or not', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), fc.boolean(), (json, at, junk, visiting) => {
        const cut = at % (json.length + 1)
        const mangled = json.slice(0, cut) + junk + json.slice(cut + 1)
        let expected: E.Either<null, unknown>
        try {
          expected = E.right(JSON.parse(mangled))
        } catch {
          expected = E.left(null)
        }
        const r = parseJsonDocument(mangled, visiting ? () => undefined : undefined)
        if (E.isRight(expected)) expect(r).toEqual(expected)
        else expect(E.isLeft(r) && r.left.message).toMatch(/ at line \d+, column \d+/)
      }),
      { numRuns: 300 },
    )
  })
})
