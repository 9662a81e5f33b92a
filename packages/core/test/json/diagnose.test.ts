import { fc, it } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { describeSyntaxError, lineColumn } from '../../src/json/diagnose.js'
import { jsonText } from './json-text.arbitrary.js'

describe('describeSyntaxError', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 })
    expect(lineColumn('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 })
    expect(lineColumn('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 })
  })

  it.prop([jsonText])('finds no error in valid JSON', (text) => {
    expect(describeSyntaxError(text)).toBeUndefined()
  })

  it.prop([jsonText, fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', '\u0001')])(
    'finds an error wherever JSON.parse does',
    (text, at, insert) => {
      const i = at % (text.length + 1)
      const broken = text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0))
      let valid = true
      try {
        JSON.parse(broken)
      } catch {
        valid = false
      }
      expect(describeSyntaxError(broken) === undefined).toBe(valid)
    },
  )
})
