import { describe, expect, it } from 'vitest'
import { describeType, quote, showValue } from '../../src/decode/describe.js'

describe('describe', () => {
  it('names types as people say them', () => {
    expect([1, 'x', '', null, [], {}, true, undefined, 1n].map(describeType)).toEqual([
      'number', 'string', 'an empty string', 'null', 'an array', 'object', 'boolean', 'undefined', 'bigint',
    ])
  })

  it('shows values without throwing, cutting long strings', () => {
    expect([1, 'x', null, undefined, {}, 2n].map(showValue)).toEqual(['1', '"x"', 'null', 'nothing', 'object', 'bigint'])
    expect(quote('a'.repeat(70))).toBe(`"${'a'.repeat(60)}…"`)
  })
})
