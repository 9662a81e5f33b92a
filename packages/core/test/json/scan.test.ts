import { fc, it } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { lineColumn, scanJson, type JsonPath } from '../../src/json/scan.js'
import { jsonText } from './json-text.arbitrary.js'

/** Every visit as `[path, span text]`, the path copied (the scanner reuses it). */
const visits = (text: string): Array<[JsonPath, string]> => {
  const seen: Array<[JsonPath, string]> = []
  const error = scanJson(text, (path, start, end) => seen.push([[...path], text.slice(start, end)]))
  expect(error).toBeUndefined()
  return seen
}

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 })
    expect(lineColumn('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 })
    expect(lineColumn('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 })
  })

  it('starts line 1 where it is told to', () => {
    expect(lineColumn('\ufeff{"a":', 6, 1)).toEqual({ line: 1, column: 6 })
    expect(lineColumn('\ufeff{\n"a":', 7, 1)).toEqual({ line: 2, column: 5 })
  })
})

describe('scanJson', () => {
  it.each([
    // The CLI's cases (formerly its own locator): same places; the messages are the project's one format.
    ['{"a":}', 1, 6, 'unexpected character "}" at line 1, column 6'],
    ['{\n  "a": 1,\n}', 3, 1, 'unexpected character "}" at line 3, column 1: expected a string key'],
    ['{\n  "a" 1\n}', 2, 7, 'unexpected character "1" at line 2, column 7: expected ":"'],
    ['[1, 2', 1, 6, 'unexpected end at line 1, column 6'],
    ['{"a": "x\ny"}', 1, 9, 'control character U+000A must be escaped in a string at line 1, column 9'],
    ['', 1, 1, 'unexpected end at line 1, column 1'],
    ['{"a": 01}', 1, 8, 'unexpected character "1" at line 1, column 8: expected "," or "}"'],
    ['{a: 1}', 1, 2, 'unexpected character "a" at line 1, column 2: expected a string key'],
    ['{} x', 1, 4, 'unexpected character "x" at line 1, column 4 after the end of the JSON value'],
    // The character that breaks the literal, as for `nul!` (the CLI pointed at the literal's start, column 7).
    ['{"a": tru}', 1, 10, 'unexpected character "}" at line 1, column 10'],
  ])('locates the error in %j at line %i, column %i', (text, line, column, message) => {
    const e = scanJson(text)
    expect(e).toMatchObject({ _tag: 'JsonSyntaxError', line, column })
    expect(e?.message).toBe(message)
    expect(lineColumn(text, e?.offset ?? -1)).toEqual({ line, column })
  })

  it('describes a deep error without overflowing the stack', () => {
    expect(scanJson(`${'['.repeat(200_000)}}`)?.message).toBe('unexpected character "}" at line 1, column 200001')
  })

  it.prop([jsonText])('finds no error in valid JSON', (text) => {
    expect(scanJson(text)).toBeUndefined()
  })

  it.prop([jsonText, fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', '\u0001')])(
    'finds an error wherever JSON.parse does',
    (text, at, insert) => {
      const i = at % (text.length + 1)
      const broken = text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0))
      let valid = true
      try {
        JSON.parse(broken)
      } catch {
        valid = false
      }
      expect(scanJson(broken) === undefined).toBe(valid)
    },
  )

  it('accepts exactly what JSON.parse accepts, on any JSON value and on mangled text', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, junk) => {
        expect(scanJson(json)).toBeUndefined()
        const cut = at % (json.length + 1)
        const mangled = json.slice(0, cut) + junk + json.slice(cut + 1)
        let ok = true
        try {
          JSON.parse(mangled)
        } catch {
          ok = false
        }
        expect(scanJson(mangled) === undefined).toBe(ok)
      }),
      { numRuns: 300 },
    )
  })
})

describe('scanJson with a visitor', () => {
  it('gives each value its path and source span, members before their container', () => {
    expect(visits(' { "a" : [ 1.0 , {"b\\u0021":null} ] , "c": {} }\n')).toEqual([
      [['a', 0], '1.0'],
      [['a', 1, 'b!'], 'null'],
      [['a', 1], '{"b\\u0021":null}'],
      [['a'], '[ 1.0 , {"b\\u0021":null} ]'],
      [['c'], '{}'],
      [[], '{ "a" : [ 1.0 , {"b\\u0021":null} ] , "c": {} }'],
    ])
  })

  it('visits every member of a repeated key, in text order', () => {
    expect(visits('{"k":1,"k":[]}')).toEqual([
      [['k'], '1'],
      [['k'], '[]'],
      [[], '{"k":1,"k":[]}'],
    ])
  })

  it('visits the values before a syntax error, then reports it', () => {
    const seen: string[] = []
    const e = scanJson('[1, "x", }', (path, start, end) => seen.push(`${path.join('.')}=${'[1, "x", }'.slice(start, end)}`))
    expect(seen).toEqual(['0=1', '1="x"'])
    expect(e?.message).toBe('unexpected character "}" at line 1, column 10')
  })

  it('walks any depth without recursion', () => {
    const depth = 100_000
    let deepest = 0
    let count = 0
    expect(
      scanJson(`${'{"a":['.repeat(depth)}7${']}'.repeat(depth)}`, (path) => {
        count += 1
        deepest = Math.max(deepest, path.length)
      }),
    ).toBeUndefined()
    expect(count).toBe(2 * depth + 1)
    expect(deepest).toBe(2 * depth)
  })

  it.prop([fc.jsonValue()])('spans hold text that parses to the value at their path', (v) => {
    const text = JSON.stringify(v, null, 1)
    const root: unknown = JSON.parse(text)
    const at = (path: JsonPath): unknown =>
      path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], root)
    let seen = 0
    expect(
      scanJson(text, (path, start, end) => {
        seen += 1
        expect(JSON.parse(text.slice(start, end))).toEqual(at(path))
      }),
    ).toBeUndefined()
    expect(seen).toBeGreaterThan(0)
  })
})
