import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeRecord } from '../../src/decode/record.js'
import { sampleRecord, sampleState } from '../../src/testing/fixtures.js'

const state = sampleState('fn', '{}')

describe('decodeRecord', () => {
  it('reads a full record and an empty one', () => {
    const record = sampleRecord()
    expect(decodeRecord(record)).toEqual(E.right(record))
    expect(decodeRecord(JSON.parse(JSON.stringify(record)))).toEqual(E.right(record))
    expect(decodeRecord({ schemaVersion: 1 })).toEqual(E.right({ schemaVersion: 1 }))
    expect(decodeRecord({ schemaVersion: 1, state: null, intent: null })).toEqual(E.right({ schemaVersion: 1 }))
  })

  it('reports problems with their paths inside the record', () => {
    expect(decodeRecord({ schemaVersion: 1, state: { ...state, qualifier: 3 }, intent: { action: 'explode' }, stat: {} })).toEqual(
      E.left([
        { path: ['stat'], message: 'is not a field of a record; did you mean "state"?' },
        { path: ['state', 'qualifier'], message: 'must be a string, got number' },
        { path: ['intent', 'action'], message: 'must be "create" or "update" or "replace" or "delete", got "explode"' },
        { path: ['intent', 'lifecycle'], message: 'is required' },
        { path: ['intent', 'functionName'], message: 'is required' },
        { path: ['intent', 'qualifier'], message: 'is required' },
        { path: ['intent', 'payloadMd5'], message: 'is required' },
        { path: ['intent', 'startedAt'], message: 'is required' },
      ]),
    )
    expect(decodeRecord(null)).toEqual(E.left([{ path: [], message: 'a record must be an object, got null' }]))
    expect(decodeRecord({ schemaVersion: '1' })).toEqual(E.left([{ path: ['schemaVersion'], message: 'must be 1, got "1"' }]))
  })

  it('checks the intent md5 and time', () => {
    const intent = { action: 'create', lifecycle: 'create', functionName: 'fn', qualifier: '$LATEST', payloadMd5: 'XYZ', startedAt: 'yesterday' }
    expect(decodeRecord({ schemaVersion: 1, intent })).toEqual(
      E.left([
        { path: ['intent', 'payloadMd5'], message: 'must be 32 lower-case hex digits (an md5), got "XYZ"' },
        { path: ['intent', 'startedAt'], message: 'must be an ISO 8601 time such as "2026-01-02T03:04:05.000Z", got "yesterday"' },
      ]),
    )
  })
})

describe('an intent names its holder', () => {
  const intent = sampleRecord().intent
  it('with a runner id, and optionally host, pid and start time; records without one (older engines) still read', () => {
    const holder = { id: 'ci-runner-3', host: 'build-7', pid: 4242, startedAt: '2026-01-02T03:00:00.000Z' }
    expect(decodeRecord({ schemaVersion: 1, intent: { ...intent, holder } })).toEqual(E.right({ schemaVersion: 1, intent: { ...intent, holder } }))
    expect(decodeRecord({ schemaVersion: 1, intent: { ...intent, holder: { id: 'r' } } })).toEqual(E.right({ schemaVersion: 1, intent: { ...intent, holder: { id: 'r' } } }))
    expect(decodeRecord({ schemaVersion: 1, intent })).toEqual(E.right({ schemaVersion: 1, intent }))
  })

  it('refuses a holder without an id, a bad pid or time, an unknown field', () => {
    expect(decodeRecord({ schemaVersion: 1, intent: { ...intent, holder: { host: 'h', pid: -1, startedAt: 'now', user: 'x' } } })).toEqual(
      E.left([
        { path: ['intent', 'holder', 'user'], message: 'is not a field of a holder (known: id, host, pid, startedAt)' },
        { path: ['intent', 'holder', 'id'], message: 'is required' },
        { path: ['intent', 'holder', 'pid'], message: 'must be a whole number from 0 up, got -1' },
        { path: ['intent', 'holder', 'startedAt'], message: 'must be an ISO 8601 time such as "2026-01-02T03:04:05.000Z", got "now"' },
      ]),
    )
  })
})
