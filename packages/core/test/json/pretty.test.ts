import { fc, it } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { minifyJson } from '../../src/json/minify.js'
import { prettyJson } from '../../src/json/pretty.js'
import { jsonText } from './json-text.arbitrary.js'

describe('prettyJson', () => {
  it.prop([fc.jsonValue()], { numRuns: 200 })('indents like JSON.stringify with two spaces', (v) => {
    expect(prettyJson(JSON.stringify(v))).toBe(JSON.stringify(v, null, 2))
  })

  it('keeps escaped quotes inside strings and the number text', () => {
    expect(prettyJson('{"a\\"b":1e2,"c":{}}')).toBe('{\n  "a\\"b": 1e2,\n  "c": {}\n}')
  })

  it('is undefined for invalid JSON', () => {
    expect(prettyJson('{')).toBeUndefined()
  })

  it('keeps an empty container with whitespace inside on one line, and takes any indent', () => {
    expect(prettyJson('{ "a" : [ ] , "b" : {\n} , "c" : [ true , null ] }', '\t')).toBe('{\n\t"a": [],\n\t"b": {},\n\t"c": [\n\t\ttrue,\n\t\tnull\n\t]\n}')
  })

  it.prop([jsonText])('changes only the whitespace between tokens', (text) => {
    const p = prettyJson(text)
    expect(p).toBeDefined()
    expect(minifyJson(p ?? '')).toBe(minifyJson(text))
  })
})
