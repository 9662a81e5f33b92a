import { describe, expect, it } from 'vitest'
import { containsUnknown, UNKNOWN, unknownKeys } from '../../src/host/unknowns.js'

describe('unknowns', () => {
  it('finds the sentinel at any depth', () => {
    expect(containsUnknown(UNKNOWN)).toBe(true)
    expect(containsUnknown({ a: [1, { b: UNKNOWN }] })).toBe(true)
    expect(containsUnknown({ a: [1, { b: 'known' }] })).toBe(false)
    expect(containsUnknown(null)).toBe(false)
  })

  it('names the top-level keys holding one', () => {
    expect(unknownKeys({ functionName: 'f', input: UNKNOWN, triggers: { v: UNKNOWN, w: '1' } })).toEqual(['input', 'triggers'])
  })
})
