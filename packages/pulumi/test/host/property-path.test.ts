import { describe, expect, it } from 'vitest'
import { propertyPath } from '../../src/host/property-path.js'

describe('propertyPath', () => {
  it("writes paths in Pulumi's property-path syntax", () => {
    expect(propertyPath([])).toBe('')
    expect(propertyPath(['functionName'])).toBe('functionName')
    expect(propertyPath(['triggers', 'build'])).toBe('triggers.build')
    expect(propertyPath(['list', 0, 'x'])).toBe('list[0].x')
  })

  it('quotes keys that are not identifiers', () => {
    expect(propertyPath(['triggers', 'build id'])).toBe('triggers["build id"]')
    expect(propertyPath(['triggers', 'a.b'])).toBe('triggers["a.b"]')
    expect(propertyPath(['triggers', '1st'])).toBe('triggers["1st"]')
    expect(propertyPath(['triggers', 'say "hi"'])).toBe('triggers["say \\"hi\\""]')
  })
})
