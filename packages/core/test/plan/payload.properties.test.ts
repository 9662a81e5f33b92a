import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { parseJson, type Json } from '../../src/json/parse.js'
import { crudPayload } from '../../src/plan/payload.js'
import { utf8Length } from '../../src/model/limits.js'
import { lifecycleKey } from '../../src/testing/fixtures.js'
import { jsonObjectText, numberText } from '../json/json-text.arbitrary.js'

/** The tokens of a JSON text, whitespace dropped, each as written. */
const tokens = (text: string): string[] =>
  [...text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null/g)].map((m) => m[0])

const json = (text: string): Json | undefined => {
  const p = parseJson(text)
  return E.isRight(p) ? p.right : undefined
}

describe('crudPayload: preserve', () => {
  it.prop([jsonObjectText, fc.option(jsonObjectText, { nil: undefined })], { numRuns: 200 })(
    'keeps every token of the input and of prev_input as written, and appends the key',
    (text, prevText) => {
      const input = json(text)
      const prev = prevText === undefined ? undefined : json(prevText)
      if (input === undefined || (prevText !== undefined && prev === undefined)) return
      const encoded = crudPayload('preserve', lifecycleKey('lifecycle-key'), 'update', input, prev)
      if (E.isLeft(encoded)) throw new Error(encoded.left)
      const payload = encoded.right
      const own = tokens(input.text)
      const lifecycle = ['"lifecycle-key"', ':', '{', '"action"', ':', '"update"', ',', '"prev_input"', ':', ...(prev === undefined ? ['null'] : tokens(prev.text)), '}', '}']
      const expected = own.length === 2 ? ['{', ...lifecycle] : [...own.slice(0, -1), ',', ...lifecycle]
      expect(tokens(payload)).toEqual(expected)
      expect(payload).not.toMatch(/^\s|\s$/)
    },
  )

  it.prop([fc.array(numberText, { minLength: 1, maxLength: 8 })], { numRuns: 100 })('keeps every number text, where terraform rounds', (numbers) => {
    const text = `{"n":[${numbers.join(', ')}]}`
    const input = json(text)
    if (input === undefined) return
    expect(crudPayload('preserve', lifecycleKey('tf'), 'create', input, undefined)).toEqual(E.right(`{"n":[${numbers.join(',')}],"tf":{"action":"create","prev_input":null}}`))
  })
})

describe('utf8Length', () => {
  it('counts across its chunks of 65,536 units, pairs split or not', () => {
    for (const n of [65_535, 65_536, 65_537, 131_071]) {
      const s = `${'a'.repeat(n)}\ud83d\ude00é\ud800${'東'.repeat(70_000)}\udc00`
      expect(utf8Length(s), String(n)).toBe(new TextEncoder().encode(s).length)
    }
    expect(utf8Length('')).toBe(0)
  })

  it.prop([fc.string({ unit: 'binary' })])('counts the bytes TextEncoder writes', (s) => {
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length)
  })
})
