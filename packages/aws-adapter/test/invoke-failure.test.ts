import { describe, expect, it } from 'vitest'
import { invokeFailure } from '../src/invoke-failure.js'

const abortError = () => Object.assign(new Error('Request aborted'), { name: 'AbortError' })
const econn = (code: string) => Object.assign(new Error(`connect ${code}`), { code })

describe('invokeFailure', () => {
  it('an abort before dispatch proves nothing was sent (NotRun); after, it does not (Unknown)', () => {
    expect(invokeFailure(abortError(), { functionName: 'f', entered: true, dispatched: false })).toMatchObject({ _tag: 'NotRun', code: 'Aborted' })
    expect(invokeFailure(abortError(), { functionName: 'f', entered: true, dispatched: true })).toMatchObject({ _tag: 'Unknown', code: 'Aborted' })
  })

  it("the invoker's own timeout says so, with the limit", () => {
    const f = invokeFailure(abortError(), { functionName: 'f', entered: true, dispatched: true, timedOutAfterMs: 960000 })
    expect(f).toMatchObject({ _tag: 'Unknown', code: 'Timeout' })
    expect(f.message).toBe("Invoking Lambda function f failed: no response within the invoker's timeout of 960000 ms (the function may have run).")
  })

  it('an AggregateError is "before sending" only if every attempt failed before sending', () => {
    const allRefused = new AggregateError([econn('ECONNREFUSED'), econn('ECONNREFUSED')], '')
    const mixed = new AggregateError([econn('ECONNREFUSED'), econn('ECONNRESET')], '')
    expect(invokeFailure(allRefused, { functionName: 'f', entered: true, dispatched: true })._tag).toBe('NotRun')
    expect(invokeFailure(mixed, { functionName: 'f', entered: true, dispatched: true })).toMatchObject({ _tag: 'Unknown', code: 'ECONNRESET' })
  })

  it('finds a socket code in the cause', () => {
    const wrapped = Object.assign(new Error('fetch failed'), { cause: econn('ENOTFOUND') })
    expect(invokeFailure(wrapped, { functionName: 'f', entered: true, dispatched: true })).toMatchObject({ _tag: 'NotRun', code: 'ENOTFOUND' })
  })

  it('keeps the status, request id and AWS code of a service error, and a readable message', () => {
    const e = Object.assign(new Error('Function not found: arn:aws:lambda:eu-west-1:1:function:f'), {
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404, requestId: 'r-1' },
    })
    expect(invokeFailure(e, { functionName: 'f', entered: true, dispatched: true })).toEqual({
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
    expect(invokeFailure(e, { functionName: 'f', entered: true, dispatched: true })._tag).toBe('Unknown')
  })

  it('never throws, whatever it is given', () => {
    for (const weird of [undefined, null, 42, 'text', {}, { name: 7, $metadata: 'x' }, Object.create(null)]) {
      for (const [entered, dispatched] of [[true, true], [true, false], [false, false]] as const) {
        expect(['NotRun', 'Rejected', 'Unknown']).toContain(invokeFailure(weird, { functionName: 'f', entered, dispatched })._tag)
      }
    }
  })
})

describe('invokeFailure: an error the SDK raised before sending', () => {
  const regionMissing = () => new Error('Region is missing')
  const notSent = { functionName: 'f', entered: true, dispatched: false }

  it('is Rejected, and says nothing was sent and what to check', () => {
    expect(invokeFailure(regionMissing(), notSent)).toEqual({
      _tag: 'Rejected',
      functionName: 'f',
      code: 'NotSent',
      message:
        "Invoking Lambda function f failed in the AWS SDK before the request was sent: Region is missing. Nothing was sent, so the function did not run; check the client's region, endpoint and credentials.",
    })
  })

  it('keeps a specific error name as the code', () => {
    const e = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })
    expect(invokeFailure(e, notSent)).toMatchObject({ _tag: 'Rejected', code: 'CredentialsProviderError' })
  })

  it('whatever it looks like: a socket code or a 5xx from a credentials service is not from Lambda', () => {
    const sts = Object.assign(new Error('internal'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500, requestId: 'sts-1' } })
    const f = invokeFailure(sts, notSent)
    expect(f).toMatchObject({ _tag: 'Rejected', code: 'InternalFailure' })
    expect(f).not.toHaveProperty('statusCode')
    expect(f).not.toHaveProperty('requestId')
    expect(f.message).toContain('[HTTP 500]')
    expect(invokeFailure(econn('ECONNRESET'), notSent)._tag).toBe('Rejected')
  })

  it('an abort before dispatch stays NotRun (the caller’s choice, not a setup error)', () => {
    expect(invokeFailure(abortError(), notSent)).toMatchObject({ _tag: 'NotRun', code: 'Aborted' })
  })

  it('without proof the stack ran (a test double replaced send), "not dispatched" proves nothing', () => {
    const noStack = { functionName: 'f', entered: false, dispatched: false }
    expect(invokeFailure(regionMissing(), noStack)._tag).toBe('Unknown')
    expect(invokeFailure(econn('ECONNRESET'), noStack)._tag).toBe('Unknown')
  })

  it('after dispatch the same errors keep their usual meaning', () => {
    expect(invokeFailure(regionMissing(), { functionName: 'f', entered: true, dispatched: true })._tag).toBe('Unknown')
  })
})
