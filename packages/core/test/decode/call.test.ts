import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCall } from '../../src/decode/call.js'
import { formatProblems } from '../../src/model/problem.js'

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')
const problems = (u: unknown): string => {
  const r = checkCall(u)
  return r._tag === 'Left' ? formatProblems(r.left) : ''
}

describe('checkCall', () => {
  it('accepts a full valid call and keeps only its fields', () => {
    const call = { functionName: 'fn', qualifier: 'prod', payload: '{"a":1}', invocationType: 'RequestResponse', logType: 'Tail', clientContext: b64('{"custom":{}}'), tenantId: 't', region: 'eu-west-1' }
    expect(checkCall(call)).toEqual({ _tag: 'Right', right: call })
  })

  it('accepts any base64 JSON object up to 3,583 bytes and refuses longer ones', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 400 }), { maxKeys: 12 }), (obj) => {
        const context = b64(JSON.stringify(obj))
        const r = checkCall({ functionName: 'fn', payload: '{}', clientContext: context })
        expect(r._tag).toBe(context.length <= 3583 ? 'Right' : 'Left')
      }),
      { numRuns: 150 },
    )
  })

  it('names each problem: bad base64, base64 of a non-object, bad types, not JSON, unknown fields', () => {
    expect(problems({ functionName: 'fn', payload: '{}', clientContext: 'abc' })).toContain('clientContext: must be base64')
    expect(problems({ functionName: 'fn', payload: '{}', clientContext: b64('"text"') })).toContain('clientContext: must be base64 of a JSON object')
    expect(problems({ functionName: 'fn', payload: '{}', clientContext: b64('x'.repeat(3000)) })).toMatch(/clientContext: is 4000 bytes of base64; Lambda takes at most 3583/)
    expect(problems({ functionName: 'fn', payload: '{}', invocationType: 'Async' })).toContain('invocationType: must be')
    expect(problems({ functionName: 'fn', payload: '{}', logType: 'Head' })).toContain('logType: must be')
    expect(problems({ functionName: 'fn', payload: '{x' })).toContain('payload: must be JSON')
    expect(problems({ functionName: 'fn', payload: '{}', payLoad: 1 })).toContain('payLoad')
    expect(problems({ payload: 1 })).toMatch(/functionName: is required[\s\S]*payload: must be a string/)
    expect(problems('call')).toContain('must be an object')
  })

  it('allows an empty payload', () => {
    expect(checkCall({ functionName: 'fn', payload: '' })._tag).toBe('Right')
  })
})
