import { fc, it } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { minifyJson } from '../../src/json/minify.js'
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
