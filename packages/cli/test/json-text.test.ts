import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compactJsonText, prettyJsonText } from '../src/json-text.js'

describe('compactJsonText', () => {
  it('drops whitespace between tokens and keeps key order, duplicates and number text', () => {
    expect(compactJsonText('{ "b" : 1.0 ,\n "a": [ 12345678901234567890, "x y" ], "b": 2 }')).toBe(
      '{"b":1.0,"a":[12345678901234567890,"x y"],"b":2}',
    )
  })
  it('leaves invalid JSON unchanged', () => {
    expect(compactJsonText('{ "a": }')).toBe('{ "a": }')
  })
  it('gives what JSON.stringify gives for any JSON value written by JSON.stringify with spaces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(compactJsonText(JSON.stringify(v, null, 3))).toBe(JSON.stringify(v))
      }),
      { numRuns: 200 },
    )
  })
})

describe('prettyJsonText', () => {
  it('indents like JSON.stringify with two spaces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(prettyJsonText(JSON.stringify(v))).toBe(JSON.stringify(v, null, 2))
      }),
      { numRuns: 200 },
    )
  })
  it('keeps escaped quotes inside strings and the number text', () => {
    expect(prettyJsonText('{"a\\"b":1e2,"c":{}}')).toBe('{\n  "a\\"b": 1e2,\n  "c": {}\n}')
  })
  it('is undefined for invalid JSON', () => {
    expect(prettyJsonText('{')).toBeUndefined()
  })
})
