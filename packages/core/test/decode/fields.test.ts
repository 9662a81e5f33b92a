import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { oneOf, optionalString, rejectUnknownKeys, requiredString, stringMap, type Problems } from '../../src/decode/fields.js'

describe('fields', () => {
  it('collects problems and goes on', () => {
    const problems: Problems = []
    expect(requiredString(problems, ['a'], undefined, (s) => E.right(s))).toBeUndefined()
    expect(optionalString(problems, ['b'], null, (s) => E.right(s))).toBeUndefined()
    expect(optionalString(problems, ['c'], 3, (s) => E.right(s))).toBeUndefined()
    expect(requiredString(problems, ['d'], 'x', oneOf(['y', 'z'] as const))).toBeUndefined()
    expect(stringMap(problems, ['e'], { k: 1 })).toBeUndefined()
    rejectUnknownKeys(problems, ['f'], { ok: 1, okk: 2 }, ['ok'], 'a field')
    expect(problems).toEqual([
      { path: ['a'], message: 'is required' },
      { path: ['c'], message: 'must be a string, got number' },
      { path: ['d'], message: 'must be "y" or "z", got "x"' },
      { path: ['e', 'k'], message: 'must be a string, got number' },
      { path: ['f', 'okk'], message: 'is not a field; did you mean "ok"?' },
    ])
  })

  it('keeps a __proto__ trigger as a plain key', () => {
    const m = stringMap([], ['t'], JSON.parse('{"__proto__":"x"}'))
    expect(m !== undefined && Object.keys(m)).toEqual(['__proto__'])
    expect(m !== undefined && Object.getPrototypeOf(m)).toBe(Object.prototype)
  })
})
