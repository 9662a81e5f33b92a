import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { sampleRecord } from '@lambda-invocation/core/testing'
import { parseStateV1, serializeStateV1 } from '../../src/state-file/format-v1.js'
import { STATE_FORMAT, type StateFile } from '../../src/state-file/state.js'

const stateOf = (keys: string[], serial: number): StateFile => ({
  format: STATE_FORMAT,
  formatVersion: 1,
  serial,
  records: Object.fromEntries(keys.map((k, i) => [k, { version: String(i + 1), record: sampleRecord() }])),
})

describe('serializeStateV1', () => {
  it('writes what JSON.stringify(state, null, 2) writes, keys sorted, with or without remembered entries', () => {
    fc.assert(
      // (integer-like keys are left out: a JS object would list them first, whatever the order given)
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 }).filter((k) => !/^(0|[1-9]\d*)$/.test(k)), { maxLength: 8 }), fc.nat(), (keys, serial) => {
        const state = stateOf(keys, serial)
        const records: Record<string, unknown> = {}
        for (const k of [...keys].sort()) Object.defineProperty(records, k, { value: state.records[k], enumerable: true })
        const expected = `${JSON.stringify({ ...state, records }, null, 2)}\n`
        const memo = new Map<string, string>()
        expect(serializeStateV1(state, memo)).toBe(expected)
        expect(serializeStateV1(state, memo)).toBe(expected)
        expect(JSON.parse(serializeStateV1(state))).toEqual(JSON.parse(expected))
      }),
      { numRuns: 100 },
    )
  })

  it('is read back by parseStateV1 as the same state', () => {
    const state = stateOf(['b', 'a', '__proto__'], 7)
    const back = parseStateV1(serializeStateV1(state))
    expect(E.isRight(back) && back.right).toEqual(state)
  })
})

describe('parseStateV1', () => {
  const why = (text: string): string | undefined => {
    const r = parseStateV1(text)
    return E.isLeft(r) ? r.left : undefined
  }
  it('says what is wrong with a file that is not a format-1 state', () => {
    expect(why('{\n  "serial": 1,,\n}')).toMatch(/^it is not valid JSON \(unexpected character "," at line 2, column 15: /)
    expect(why('[]')).toBe('it is not a JSON object')
    expect(why('{"format":"other"}')).toBe('"format" must be "lambda-invocation/state"')
    expect(why('{"format":"lambda-invocation/state","formatVersion":3}')).toBe('"formatVersion" 3 is not one this version reads (1 or 2)')
    expect(why('{"format":"lambda-invocation/state","formatVersion":1,"serial":-1,"records":{}}')).toBe('"serial" must be a whole number')
    expect(why('{"format":"lambda-invocation/state","formatVersion":1,"serial":1,"records":[]}')).toBe('"records" must be an object')
    expect(why('{"format":"lambda-invocation/state","formatVersion":1,"serial":1,"records":{"a":{"record":{}}}}')).toBe('the entry of "a" has no version')
    expect(why('{"format":"lambda-invocation/state","formatVersion":1,"serial":1,"records":{"a":{"version":"1","record":{"schemaVersion":7}}}}')).toMatch(
      /^the record of "a" is not valid: schemaVersion: must be 1, got 7/,
    )
  })
})
