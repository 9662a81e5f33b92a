import { fc, it } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { compactJson, minifyJson } from '../../src/json/minify.js'
import { jsonText } from './json-text.arbitrary.js'

describe('minifyJson', () => {
  it('removes whitespace between tokens only', () => {
    expect(minifyJson(' { "a b" : [ 1.0 ,\n\t2e5 ] , "c\\" d" : "\\\\" }\r\n')).toBe('{"a b":[1.0,2e5],"c\\" d":"\\\\"}')
    expect(minifyJson('{"a":1}')).toBe('{"a":1}')
  })

  it('stops at an unclosed string instead of looping', () => {
    expect(minifyJson('[ "abc')).toBe('["abc')
  })

  it.prop([jsonText])('gives the same value and no whitespace outside strings', (text) => {
    const m = minifyJson(text)
    expect(JSON.parse(m)).toEqual(JSON.parse(text))
    expect(m.replace(/"(?:[^"\\]|\\.)*"/g, '')).not.toMatch(/\s/)
  })
})

describe('compactJson', () => {
  it('drops whitespace between tokens and keeps key order, duplicates and number text', () => {
    expect(compactJson('{ "b" : 1.0 ,\n "a": [ 12345678901234567890, "x y" ], "b": 2 }')).toBe(
      '{"b":1.0,"a":[12345678901234567890,"x y"],"b":2}',
    )
  })

  it('leaves invalid JSON unchanged', () => {
    expect(compactJson('{ "a": }')).toBe('{ "a": }')
    expect(compactJson('[ "abc')).toBe('[ "abc')
  })

  it.prop([fc.jsonValue()], { numRuns: 200 })('gives what JSON.stringify gives for any JSON value written by JSON.stringify with spaces', (v) => {
    expect(compactJson(JSON.stringify(v, null, 3))).toBe(JSON.stringify(v))
  })

  it.prop([jsonText])('is minifyJson on valid JSON', (text) => {
    expect(compactJson(text)).toBe(minifyJson(text))
  })
})
