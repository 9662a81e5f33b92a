import { describe, expect, it } from 'vitest'
import { makeContext } from '../src/lambda-context.js'
import { answering } from '../src/run-handler.js'

const fields = {
  functionName: 'fn',
  functionVersion: '7',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fn:live',
  memoryLimitInMB: '256',
  awsRequestId: 'r-1',
  logGroupName: '/aws/lambda/fn',
  logStreamName: 'stream',
  identity: { cognitoIdentityId: 'id', cognitoIdentityPoolId: 'pool' },
  clientContext: undefined,
  tenantId: 't',
}

describe('makeContext', () => {
  it('has the fields given, the remaining time asked at each call, and a writable callbackWaitsForEmptyEventLoop (true)', () => {
    let left = 500
    const context = makeContext(fields, () => left, answering())
    expect(context).toMatchObject(fields)
    expect(context.getRemainingTimeInMillis()).toBe(500)
    left = 20
    expect(context.getRemainingTimeInMillis()).toBe(20)
    expect(context.callbackWaitsForEmptyEventLoop).toBe(true)
    context.callbackWaitsForEmptyEventLoop = false
    expect(context.callbackWaitsForEmptyEventLoop).toBe(false)
  })

  it('done, succeed and fail end the call, as Lambda\'s runtime reads their arguments', async () => {
    const end = async (act: (c: ReturnType<typeof makeContext>) => void) => {
      const answers = answering()
      act(makeContext(fields, () => 0, answers))
      return answers.first
    }
    expect(await end((c) => c.succeed({ ok: 1 }))).toEqual({ _tag: 'Answered', result: { ok: 1 } })
    expect(await end((c) => c.done(undefined, 'r'))).toEqual({ _tag: 'Answered', result: 'r' })
    expect(await end((c) => c.done(null, 'r'))).toEqual({ _tag: 'Answered', result: 'r' })
    expect(await end((c) => c.done(new Error('x'), 'r'))).toEqual({ _tag: 'Failed', error: new Error('x') })
    expect(await end((c) => c.fail('why'))).toEqual({ _tag: 'Failed', error: 'why' })
    expect(await end((c) => c.fail())).toEqual({ _tag: 'Failed', error: 'handled' })
    expect(await end((c) => c.fail(null))).toEqual({ _tag: 'Failed', error: 'handled' })
  })
})
