import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { encodeGo } from '../../src/json/go-encode.js'
import { hasHighChars, parseJson } from '../../src/json/parse.js'
import { jsonText } from './json-text.arbitrary.js'

/** A JSON text of `v` with each object's keys in a random order and random whitespace. */
const respell = (v: unknown, rnd: () => number): string => {
  const ws = (): string => [' ', '', '\n  ', '\t'][Math.floor(rnd() * 4)] ?? ''
  if (Array.isArray(v)) return `[${v.map((x) => `${ws()}${respell(x, rnd)}`).join(',')}${ws()}]`
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v)
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1))
      ;[keys[i], keys[j]] = [keys[j] as string, keys[i] as string]
    }
    return `{${keys.map((k) => `${ws()}${JSON.stringify(k)}${ws()}:${respell((v as Record<string, unknown>)[k], rnd)}`).join(',')}${ws()}}`
  }
  return typeof v === 'number' && Object.is(v, -0) ? '-0' : JSON.stringify(v)
}

const go = (text: string): string | undefined => {
  const p = parseJson(text)
  return E.isLeft(p) ? undefined : encodeGo(p.right.value, { loneSurrogates: false, highKeys: hasHighChars(p.right.text) })
}

describe('encodeGo: laws', () => {
  it.prop([jsonText, fc.integer()], { numRuns: 200 })('does not depend on key order or whitespace', (text, seed) => {
    const p = parseJson(text)
    if (E.isLeft(p)) return
    let s = seed
    const rnd = (): number => {
      s = (s * 1103515245 + 12345) & 0x7fffffff
      return s / 0x80000000
    }
    expect(go(respell(p.right.value, rnd))).toBe(go(text))
  })

  it.prop([jsonText], { numRuns: 200 })('parses back to the same value (as float64), and is its own fixed point', (text) => {
    const p = parseJson(text)
    if (E.isLeft(p)) return
    const encoded = go(text) as string
    expect(JSON.parse(encoded)).toEqual(p.right.value)
    expect(go(encoded)).toBe(encoded)
    expect(encoded).not.toMatch(/[<>&\u2028\u2029]/)
  })
})
