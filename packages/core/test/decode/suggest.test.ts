import { describe, expect, it } from 'vitest'
import { closest } from '../../src/decode/suggest.js'

const known = ['functionName', 'input', 'qualifier', 'triggers', 'lifecycleScope', 'terraformKey', 'tenantId', 'region']

describe('closest', () => {
  it('finds snake_case, case and small typos', () => {
    expect(closest('function_name', known)).toBe('functionName')
    expect(closest('FUNCTIONNAME', known)).toBe('functionName')
    expect(closest('qualifer', known)).toBe('qualifier')
    expect(closest('tigers', known)).toBe('triggers')
    expect(closest('regoin', known)).toBe('region')
  })

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(closest('plna', ['plan', 'apply', 'show'])).toBe('plan')
    expect(closest('inptu', known)).toBe('input')
    // Two swaps are two edits: more than a third of four letters.
    expect(closest('plan', ['lpna'])).toBeUndefined()
  })

  it('gives nothing for names far from every known one', () => {
    expect(closest('zzz', known)).toBeUndefined()
    expect(closest('payload', known)).toBeUndefined()
    expect(closest('x'.repeat(100), known)).toBeUndefined()
  })
})
