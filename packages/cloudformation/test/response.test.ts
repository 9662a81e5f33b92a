import { fc, it } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import type { Answer } from '../src/answer.js'
import { MAX_RESPONSE_BYTES, responseBody } from '../src/response.js'

const reply = { StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/1', RequestId: 'r-1', LogicalResourceId: 'Seed', RequestType: 'Create' }
const ok = (result: string, reason = 'create: invoked fn ($LATEST) once'): Answer => ({ Status: 'SUCCESS', PhysicalResourceId: 'fn,$LATEST,abc', Reason: reason, Data: { Result: result, InvocationId: 'fn,$LATEST,abc' } })
const size = (b: object): number => Buffer.byteLength(JSON.stringify(b), 'utf8')

describe('responseBody', () => {
  it('is the answer in CloudFormation’s envelope, request fields copied', () => {
    expect(responseBody(reply, { ...ok('{"ok":true}'), NoEcho: true })).toEqual({
      Status: 'SUCCESS',
      Reason: 'create: invoked fn ($LATEST) once',
      PhysicalResourceId: 'fn,$LATEST,abc',
      StackId: reply.StackId,
      RequestId: 'r-1',
      LogicalResourceId: 'Seed',
      NoEcho: true,
      Data: { Result: '{"ok":true}', InvocationId: 'fn,$LATEST,abc' },
    })
  })

  it('a result that would not fit is left out, said first in the reason; InvocationId stays', () => {
    const body = responseBody(reply, ok('é'.repeat(3000)))
    expect(body.Data).toEqual({ InvocationId: 'fn,$LATEST,abc' })
    expect(body.Reason.startsWith('Result left out: it is 6,000 bytes')).toBe(true)
    expect(size(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES)
  })

  it('a result that fits to the byte is kept', () => {
    const empty = size(responseBody(reply, ok('')))
    const body = responseBody(reply, ok('x'.repeat(MAX_RESPONSE_BYTES - empty)))
    expect(size(body)).toBe(MAX_RESPONSE_BYTES)
    expect(body.Data?.['Result']).toHaveLength(MAX_RESPONSE_BYTES - empty)
  })

  it.prop([fc.string({ unit: 'binary', maxLength: 9000 }), fc.string({ unit: 'binary', maxLength: 9000 })])('always fits in 4,096 bytes', (result, reason) => {
    const body = responseBody(reply, ok(result, reason))
    expect(size(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES)
    expect(body.Data?.['InvocationId']).toBe('fn,$LATEST,abc')
    const failed = responseBody(reply, { Status: 'FAILED', PhysicalResourceId: 'LambdaInvocation::CreateFailed::r-1', Reason: reason })
    expect(size(failed)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES)
    expect(failed.Reason.length).toBeGreaterThan(0)
  })
})
