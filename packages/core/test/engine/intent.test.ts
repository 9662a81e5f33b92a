import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { intentFor, isSameStep } from '../../src/engine/intent.js'
import { makeRequest, type RequestFields } from '../../src/testing/fixtures.js'

const fields: RequestFields = { functionName: 'fn', qualifier: '3', payload: '{"a":"ü"}', lifecycle: 'update' }
const request = makeRequest(fields)

describe('intentFor / isSameStep', () => {
  it('records the step: action, lifecycle, function, qualifier, md5 of the UTF-8 payload and the start time', () => {
    expect(intentFor('replace', request, new Date(0))).toEqual({
      action: 'replace',
      lifecycle: 'update',
      functionName: 'fn',
      qualifier: '3',
      payloadMd5: createHash('md5').update(Buffer.from('{"a":"ü"}', 'utf8')).digest('hex'),
      startedAt: '1970-01-01T00:00:00.000Z',
    })
  })

  it('knows the same step again and tells a different one apart by any field', () => {
    const intent = intentFor('update', request, new Date(0))
    expect(isSameStep(intent, request)).toBe(true)
    for (const other of [
      { ...fields, payload: '{"a":"u"}' },
      { ...fields, qualifier: '$LATEST' },
      { ...fields, functionName: 'other' },
      { ...fields, lifecycle: 'create' as const },
    ].map(makeRequest)) {
      expect(isSameStep(intent, other)).toBe(false)
    }
  })
})
