import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeLambdaInvoker } from '@lambda-invocation/aws-adapter'
import { loopbackClient, startLoopbackLambda, type LoopbackLambda } from '../../aws-adapter/test/support/loopback-lambda.js'
import { systemClock } from '@lambda-invocation/memory-adapter'
import { makeCustomResourceHandler } from '../src/handler.js'
import { makeHttpResponder } from '../src/responder.js'
import { createEvent, deleteEvent, handlerContext, updateEvent } from './support/events.js'
import { startResponseServer, type ResponseServer } from './support/response-server.js'

// The handler with the AWS adapter's invoker: the real SDK stack against a Lambda stand-in on
// 127.0.0.1 (its client keeps the SDK's default retries: the invoker must still send each call once).

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')

let lambda: LoopbackLambda
let server: ResponseServer
beforeAll(async () => {
  lambda = await startLoopbackLambda()
  server = await startResponseServer()
})
afterAll(async () => {
  await lambda.close()
  await server.close()
})

const handler = () => makeCustomResourceHandler({ invoker: makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }), responder: makeHttpResponder(), log: () => undefined })

const run = async (event: Record<string, unknown>, context: object = handlerContext(systemClock)) => {
  const seen = server.received.length
  await handler()(event, context)
  return (await server.next(seen)).body
}

describe('the handler over the AWS adapter’s invoker', () => {
  it('create, update, delete: each one Invoke with the exact payload bytes; the echoed payload is the Result', async () => {
    const props = { FunctionName: 'echo-seed', Input: '{"z":1,"a":[true,null]}', LifecycleScope: 'CRUD', Qualifier: '7' }
    const create = '{"a":[true,null],"tf":{"action":"create","prev_input":null},"z":1}'
    const created = await run(createEvent(server.url(), props))
    const id = `echo-seed,7,${md5(create)}`
    expect(created).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Result: create, InvocationId: id } })

    const next = { ...props, Input: '{"z":2}' }
    const update = '{"tf":{"action":"update","prev_input":{"a":[true,null],"z":1}},"z":2}'
    const updated = await run(updateEvent(server.url(), id, next, props))
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Result: update, InvocationId: `echo-seed,7,${md5(update)}` } })

    const deleted = await run(deleteEvent(server.url(), id, next))
    expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id })

    const calls = lambda.received.filter((r) => r.functionName === 'echo-seed')
    expect(calls.map((c) => c.body.toString('utf8'))).toEqual([create, update, '{"tf":{"action":"delete","prev_input":{"z":2}},"z":2}'])
    expect(calls.map((c) => c.qualifier)).toEqual(['7', '7', '7'])
    expect(calls.every((c) => c.headers['x-amz-invocation-type'] === 'RequestResponse')).toBe(true)
  })

  it('a function error fails the Create with its payload in the reason', async () => {
    const body = await run(createEvent(server.url(), { FunctionName: 'fails-create', Input: '{}' }))
    expect(body['Status']).toBe('FAILED')
    expect(body['Reason']).toBe('function fails-create failed (Unhandled) while handling the create: {"errorMessage":"boom","errorType":"Error"}; nothing will undo it')
  })

  it('a 500 after the request left is Unknown: FAILED, sent once, saying the function may have run', async () => {
    const body = await run(createEvent(server.url(), { FunctionName: 'internal-create', Input: '{}' }))
    expect(body['Status']).toBe('FAILED')
    expect(String(body['Reason'])).toMatch(/\(Unknown: the function may have run; nothing will undo it\)$/)
    expect(lambda.count('internal-create')).toBe(1)
  })

  it('a function that never answers: the call is abandoned and FAILED is delivered before the handler’s timeout', async () => {
    const started = Date.now()
    const context = handlerContext(systemClock, 2000)
    const body = await run(createEvent(server.url(), { FunctionName: 'hangs-create', Input: '{}' }), context)
    expect(body['Status']).toBe('FAILED')
    expect(String(body['Reason'])).toMatch(/^out of time: the handler stops waiting 500 ms before its own timeout, and hangs-create \(\$LATEST\) had not answered its create/)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0)
    expect(lambda.count('hangs-create')).toBe(1)
  })
})
