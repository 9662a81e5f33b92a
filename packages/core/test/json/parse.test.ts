import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { parseJson } from '../../src/json/parse.js'
import { jsonText } from './json-text.arbitrary.js'

const message = (text: string): string => {
  const p = parseJson(text)
  return E.isLeft(p) ? p.left : 'parsed'
}

describe('parseJson', () => {
  it('names the place of a syntax error', () => {
    expect(message('{"a":')).toBe('not valid JSON: unexpected end at line 1, column 6')
    expect(message('{"a":1,\n  }')).toBe('not valid JSON: unexpected character "}" at line 2, column 3: expected a string key')
    expect(message('[1 2]')).toBe('not valid JSON: unexpected character "2" at line 1, column 4: expected "," or "]"')
    expect(message('{"a" 1}')).toBe('not valid JSON: unexpected character "1" at line 1, column 6: expected ":"')
    expect(message('{a:1}')).toBe('not valid JSON: unexpected character "a" at line 1, column 2: expected a string key')
    expect(message('"a\nb"')).toBe('not valid JSON: control character U+000A must be escaped in a string at line 1, column 3')
    expect(message('"\\x"')).toBe('not valid JSON: invalid escape "\\x" at line 1, column 2')
    expect(message('"\\u12"')).toBe('not valid JSON: invalid \\u escape at line 1, column 2: expected 4 hex digits')
    expect(message('"abc')).toBe('not valid JSON: unexpected end at line 1, column 5 (a string is not closed)')
    expect(message('01')).toBe('not valid JSON: unexpected character "1" at line 1, column 2 after the end of the JSON value')
    expect(message('1.')).toBe('not valid JSON: unexpected end at line 1, column 3')
    expect(message('-')).toBe('not valid JSON: unexpected end at line 1, column 2')
    expect(message('tru')).toBe('not valid JSON: unexpected end at line 1, column 4')
    expect(message('nul!')).toBe('not valid JSON: unexpected character "!" at line 1, column 4')
    expect(message('{} {}')).toBe('not valid JSON: unexpected character "{" at line 1, column 4 after the end of the JSON value')
    expect(message('NaN')).toBe('not valid JSON: unexpected character "N" at line 1, column 1')
    expect(message('[1,]')).toBe('not valid JSON: unexpected character "]" at line 1, column 4')
  })

  it('describes a deep error without overflowing the stack', () => {
    expect(message(`${'['.repeat(200_000)}}`)).toBe('not valid JSON: unexpected character "}" at line 1, column 200001')
  })

  it('refuses empty text, numbers beyond float64 and nesting beyond Go', () => {
    expect(message('')).toBe('must be JSON text, got an empty string')
    expect(message('\n\t ')).toBe('must be JSON text, got only whitespace')
    expect(message('\u00a0')).toBe('not valid JSON: unexpected character U+00A0 at line 1, column 1') // not JSON whitespace
    expect(message('\ufeff{}')).toBe('not valid JSON: unexpected character U+FEFF at line 1, column 1') // Go refuses a BOM too
    expect(message('[1.7976931348623159e308]')).toBe('not valid JSON: the number 1.7976931348623159e308 is beyond the float64 range')
    expect(message('[1.7976931348623157e308]')).toBe('parsed')
    expect(message(`{"a":${'1'.repeat(250)}e99}`)).toBe(`not valid JSON: the number ${'1'.repeat(20)}…${'1'.repeat(7)}e99 is beyond the float64 range`)
    expect(message(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)).toBe('parsed')
    expect(message(`${'{"a":'.repeat(10_001)}1${'}'.repeat(10_001)}`)).toBe("not valid JSON: nested deeper than 10,000 levels (Go's limit)")
  })

  it('decodes lone surrogates, raw or escaped, as U+FFFD, and keeps valid pairs', () => {
    const p = parseJson('["\\ud800", "\ud800", "\\ud83d\\ude00", "\\\\ud800", "\\udc00\\ud800"]')
    expect(E.isRight(p) && p.right.value).toEqual(['\ufffd', '\ufffd', '\ud83d\ude00', '\\ud800', '\ufffd\ufffd'])
  })

  it.prop([jsonText])('accepts what JSON.parse accepts, with the same value up to U+FFFD', (text) => {
    const p = parseJson(text)
    expect(E.isRight(p)).toBe(true)
  })

  it.prop([fc.string({ unit: 'binary', maxLength: 30 })])('never throws, and a refusal is a message', (text) => {
    const p = parseJson(text)
    if (E.isLeft(p)) expect(p.left).toMatch(/^(not valid JSON: |must be JSON text)/)
    else expect(() => JSON.parse(text.replace(/[\ud800-\udfff]/g, ''))).not.toThrow()
  })
})
