import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { ctyNumber, ctyNumberRounded } from '../../src/json/cty-number.js'
import { decimalNumber } from '../../src/json/jsonencode.js'

const text = (token: string): string => {
  const r = ctyNumber(token)
  if (E.isLeft(r)) throw new Error(`${token}: ${JSON.stringify(r.left)}`)
  return r.right
}

describe('ctyNumber: how Terraform’s jsonencode writes a number of its configuration', () => {
  // Observed with Terraform 1.11.4 (terraform console, jsonencode of a .tf.json local); cty's JSON
  // encoder writes a number with big.Float's Text('f', -1) (cty/json/marshal.go).
  it('writes every digit, no exponent, no trailing zeros: 1.0 → 1, 1e21 in full, 1e-7 → 0.0000001', () => {
    expect(['12345678901234567890', '1.0', '1e21', '0.1', '1e-7', '1.50', '100e-8', '123456789e-15', '0.30000000000000004', '9007199254740993', '1E+2', '0.000'].map(text)).toEqual([
      '12345678901234567890',
      '1',
      '1000000000000000000000',
      '0.1',
      '0.0000001',
      '1.5',
      '0.000001',
      '0.000000123456789',
      '0.30000000000000004',
      '9007199254740993',
      '100',
      '0',
    ])
  })

  it('keeps the sign of zero, as big.Float does (-0, -0.0e5 → -0)', () => {
    expect(['-0', '-0.0', '-0.0e5', '-0e-3', '0e10'].map(text)).toEqual(['-0', '-0', '-0', '-0', '0'])
  })

  it('writes beyond float64 as it is: 1E400 and 1e-400 in full, 5e-324 too', () => {
    expect(text('1E400')).toBe(`1${'0'.repeat(400)}`)
    expect(text('1e-400')).toBe(`0.${'0'.repeat(399)}1`)
    expect(text('-2e308')).toBe(`-2${'0'.repeat(308)}`)
    expect(text('5e-324')).toBe(`0.${'0'.repeat(323)}5`)
  })

  // cty parses numbers with a 512-bit mantissa (cty.ParseNumberVal): a longer mantissa is rounded.
  // Observed (test/json/terraform-vectors.json, the second text): these come back with 155 significant digits.
  it('rounds a mantissa longer than 512 bits holds, then writes the fewest digits that identify it', () => {
    expect(text('1234567890'.repeat(18))).toBe(`${'1234567890'.repeat(15)}12345${'0'.repeat(25)}`)
    expect(text(`0.${'3'.repeat(200)}`)).toBe(`0.${'3'.repeat(154)}5`)
    expect(text('9'.repeat(160))).toBe(`1${'0'.repeat(160)}`)
    expect(text(`1${'0'.repeat(159)}1`)).toBe(`1${'0'.repeat(160)}`)
  })

  it('refuses a text longer than allowed before writing it, and what is not a number', () => {
    expect(ctyNumber('1e99999999', 1000)).toEqual(E.left({ _tag: 'TooLong', length: 100_000_000 }))
    expect(ctyNumber('1e999999999999999999', 1000)).toEqual(E.left({ _tag: 'TooLong', length: Number.POSITIVE_INFINITY }))
    expect(ctyNumber('-1e-9', 11)).toEqual(E.left({ _tag: 'TooLong', length: 12 }))
    expect(ctyNumber('-1e-9', 12)).toEqual(E.right('-0.000000001'))
    expect(ctyNumber(`1${'1'.repeat(200)}e99999999`, 1000)).toEqual(E.left({ _tag: 'TooLong', length: 100_000_199 }))
    expect(ctyNumber('0e99999999999999999999', 1)).toEqual(E.right('0'))
    for (const bad of ['', '01', '1.', '.5', '+1', '1e', 'NaN', '0x10', ' 1']) expect(ctyNumber(bad)).toEqual(E.left({ _tag: 'NotANumber' }))
  })

  it.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('agrees with the float64 encoding wherever float64 is exact, in any spelling of the double', (d) => {
    const expected = decimalNumber(d)
    const sign = Object.is(d, -0) ? '-' : '' // JavaScript writes -0 without its sign
    // The same decimal (the double's shortest digits) written in several ways; more digits would be another decimal to cty.
    const spellings = [...[String(d), d.toExponential(), d.toExponential().toUpperCase()].map((s) => sign + s), expected]
    for (const s of spellings) expect(text(s), s).toBe(expected)
  })

  it.prop([fc.stringMatching(/^[1-9](\d{0,148}[1-9])?$/), fc.integer({ min: -400, max: 400 })], { numRuns: 300 })(
    'the 512-bit rounding gives back every mantissa of up to 150 digits (so the text’s own digits are the answer)',
    (digits, e10) => {
      expect(ctyNumberRounded(digits, e10)).toBe(text(`${digits}e${e10}`))
    },
  )
})
