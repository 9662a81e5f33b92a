import { describe, expect, it } from 'vitest'
import { invokeFailure } from '../src/invoke-failure.js'

const abortError = () => Object.assign(new Error('Request aborted'), { name: 'AbortError' })
const econn = (code: string) => Object.assign(new Error(`connect ${code}`), { code })

describe('invokeFailure', () => {
  it('an abort before dispatch proves nothing was sent (NotRun); after, it does not (Unknown)', () => {
    expect(invokeFailure(abortError(), { functionName: 'f', dispatched: false })).toMatchObject({ _tag: 'NotRun', code: 'Aborted' })
    expect(invokeFailure(abortError(), { functionName: 'f', dispatched: true })).toMatchObject({ _tag: 'Unknown', code: 'Aborted' })
  })

  it("the invoker's own timeout says so, with the limit", () => {
    const f = invokeFailure(abortError(), { functionName: 'f', dispatched: true, timedOutAfterMs: 960000 })
    expect(f).toMatchObject({ _tag: 'Unknown', code: 'Timeout' })
    expect(f.message).toBe("Invoking Lambda function f failed: no response within the invoker's timeout of 960000 ms (the function may have run).")
  })

  it('an AggregateError is "before sending" only if every attempt failed before sending', () => {
    const allRefused = new AggregateError([econn('ECONNREFUSED'), econn('ECONNREFUSED')], '')
    const mixed = new AggregateError([econn('ECONNREFUSED'), econn('ECONNRESET')], '')
    expect(invokeFailure(allRefused, { functionName: 'f', dispatched: true })._tag).toBe('NotRun')
    expect(invokeFailure(mixed, { functionName: 'f', dispatched: true })).toMatchObject({ _tag: 'Unknown', code: 'ECONNRESET' })
  })

  it('finds a socket code in the cause', () => {
    const wrapped = Object.assign(new Error('fetch failed'), { cause: econn('ENOTFOUND') })
    expect(invokeFailure(wrapped, { functionName: 'f', dispatched: true })).toMatchObject({ _tag: 'NotRun', code: 'ENOTFOUND' })
  })

  it('keeps the status, request id and AWS code of a service error, and a readable message', () => {
    const e = Object.assign(new Error('Function not found: arn:aws:lambda:eu-west-1:1:function:f'), {
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404, requestId: 'r-1' },
    })
    expect(invokeFailure(e, { functionName: 'f', dispatched: true })).toEqual({
      _tag: 'Rejected',
      functionName: 'f',
      code: 'ResourceNotFoundException',
      statusCode: 404,
      requestId: 'r-1',
      message: 'Invoking Lambda function f failed: ResourceNotFoundException: Function not found: arn:aws:lambda:eu-west-1:1:function:f [HTTP 404] (the function did not run).',
    })
  })

  it('a 408 is Unknown: the server gave up on a request it may have started', () => {
    const e = Object.assign(new Error('timeout'), { name: 'RequestTimeout', $metadata: { httpStatusCode: 408 } })
    expect(invokeFailure(e, { functionName: 'f', dispatched: true })._tag).toBe('Unknown')
  })

  it('never throws, whatever it is given', () => {
    for (const weird of [undefined, null, 42, 'text', {}, { name: 7, $metadata: 'x' }, Object.create(null)]) {
      expect(['NotRun', 'Rejected', 'Unknown']).toContain(invokeFailure(weird, { functionName: 'f', dispatched: true })._tag)
    }
  })
})
