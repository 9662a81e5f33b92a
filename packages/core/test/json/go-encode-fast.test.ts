import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { describe, expect } from 'vitest'
import { encodeGo } from '../../src/json/go-encode.js'
import { encodeGoFast } from '../../src/json/go-encode-fast.js'
import { hasHighChars, parseJson } from '../../src/json/parse.js'
import { jsonObjectText, jsonText } from './json-text.arbitrary.js'

/** Both encoders on fresh parses (the fast one reorders the parsed objects it is given). */
const both = (text: string, extra?: { key: string; value: unknown }): [string, string] | undefined => {
  const a = parseJson(text)
  const b = parseJson(text)
  if (E.isLeft(a) || E.isLeft(b)) return undefined
  const hints = { loneSurrogates: false, highKeys: hasHighChars(text) || extra !== undefined }
  const fast = encodeGoFast(b.right.value, hints, extra)
  return [encodeGo(a.right.value, hints, extra), E.isRight(fast) ? fast.right : `fault: ${fast.left}`]
}

describe('encodeGoFast', () => {
  it.prop([jsonText], { numRuns: 300 })('writes the same bytes as encodeGo', (text) => {
    const r = both(text)
    if (r !== undefined) expect(r[1]).toBe(r[0])
  })

  it.prop([jsonObjectText, fc.constantFrom('tf', '0', '10', '', '\uffff', '__proto__'), fc.option(jsonText, { nil: undefined })], { numRuns: 200 })(
    'adds the extra root key as encodeGo does',
    (text, key, prevText) => {
      const prev = prevText === undefined ? undefined : parseJson(prevText)
      if (prev !== undefined && E.isLeft(prev)) return
      const p = parseJson(text)
      if (E.isLeft(p) || Object.prototype.hasOwnProperty.call(p.right.value, key)) return
      const r = both(text, { key, value: { action: 'create', prev_input: prev === undefined ? null : prev.right.value } })
      if (r !== undefined) expect(r[1]).toBe(r[0])
    },
  )

  it('falls back for -0, integer-like keys out of Go order, and deep nesting', () => {
    for (const text of ['{"b":[-0],"a":1}', '{"2":1,"10":2}', '{"a":1,"1":2}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"__proto__":{"z":1,"y":2}}']) {
      const r = both(text)
      expect(r?.[1], text).toBe(r?.[0])
    }
    expect(both('{"2":1,"10":2}')?.[1]).toBe('{"10":2,"2":1}')
  })

  it('matches the vectors recorded from Go', () => {
    const file = JSON.parse(readFileSync(new URL('./go-vectors.json', import.meta.url), 'utf8')) as {
      vectors: ReadonlyArray<{ input: string; ok?: string }>
    }
    for (const v of file.vectors) {
      if (v.ok === undefined) continue
      const p = parseJson(v.input)
      expect(E.isRight(p) && encodeGoFast(p.right.value, { loneSurrogates: false, highKeys: hasHighChars(v.input) }), v.input).toEqual(E.right(v.ok))
    }
  })
})
