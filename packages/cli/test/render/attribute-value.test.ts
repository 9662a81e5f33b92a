import { describe, expect, it } from 'vitest'
import { attributeText } from '../../src/render/attribute-value.js'

describe('attributeText', () => {
  it('quotes a string as JSON', () => {
    expect(attributeText('a "b"')).toBe('"a \\"b\\""')
  })

  it('prints a map as Terraform does, its keys sorted', () => {
    expect(attributeText({ z: '1', a: 'x y' })).toBe('{ "a" = "x y", "z" = "1" }')
  })

  it('gives nothing for an absent value or an empty map', () => {
    expect(attributeText(undefined)).toBeUndefined()
    expect(attributeText({})).toBeUndefined()
  })
})
