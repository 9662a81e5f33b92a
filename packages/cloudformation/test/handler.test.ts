import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, MemoryInvoker } from '@lambda-invocation/memory-adapter'
import type { Invoker } from '@lambda-invocation/core'
import { systemClock } from '@lambda-invocation/memory-adapter'
import { makeCustomResourceHandler, type CustomResourceHandlerDeps } from '../src/handler.js'
import { makeHttpResponder } from '../src/responder.js'
import { MAX_RESPONSE_BYTES } from '../src/response.js'
import { createEvent, deleteEvent, handlerContext, resource, updateEvent } from './support/events.js'
import { startResponseServer, type ReceivedResponse, type ResponseServer } from './support/response-server.js'

// The handler run as Lambda runs it: an event and a context object, the answer PUT to a
// loopback server standing in for the presigned ResponseURL, and real handlers behind a MemoryInvoker.

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')
const idOf = (fn: string, payload: string, qualifier = '$LATEST'): string => `${fn},${qualifier},${md5(payload)}`

let server: ResponseServer
beforeAll(async () => {
  server = await startResponseServer()
})
afterAll(async () => {
  await server.close()
})

let invoker: MemoryInvoker
let logs: string[]
beforeEach(() => {
  logs = []
  invoker = new MemoryInvoker()
    .register('seed-db', (event) => ({ seeded: event }))
    .register('seed-db-v2', (event) => ({ seeded: event, v: 2 }))
    .register('broken', () => {
      throw new Error('the database is down')
    })
    .registerRaw('big-result', () => 'x'.repeat(5000))
})

const handlerWith = (deps: Partial<CustomResourceHandlerDeps> = {}) =>
  makeCustomResourceHandler({ invoker, responder: makeHttpResponder(), log: (line) => logs.push(line), ...deps })

/** Runs one request through the handler and gives back what reached the response URL. */
const send = async (event: Record<string, unknown>, deps: Partial<CustomResourceHandlerDeps> = {}, context: object = handlerContext(systemClock)): Promise<ReceivedResponse> => {
  const seen = server.received.length
  const returned = await handlerWith(deps)(event, context)
  const got = await server.next(seen)
  expect(returned).toEqual(got.body)
  return got
}

const crud = { FunctionName: 'seed-db', Input: '{"b":2,"a":1}', LifecycleScope: 'CRUD' }
const createPayload = '{"a":1,"b":2,"tf":{"action":"create","prev_input":null}}'

describe('Create', () => {
  it('invokes once with the Terraform payload and answers SUCCESS with the invocation id as physical id, Result and InvocationId', async () => {
    const url = server.url()
    const got = await send(createEvent(url, crud))
    expect(got.method).toBe('PUT')
    expect(url.endsWith(got.path)).toBe(true)
    // The presigned URL was signed without a content type: none may be sent.
    expect(got.headers['content-type']).toBe('')
    expect(Number(got.headers['content-length'])).toBe(got.raw.byteLength)
    const id = idOf('seed-db', createPayload)
    expect(got.body).toEqual({
      Status: 'SUCCESS',
      Reason: 'create: invoked seed-db ($LATEST) once',
      PhysicalResourceId: id,
      StackId: resource.StackId,
      RequestId: expect.any(String),
      LogicalResourceId: resource.LogicalResourceId,
      Data: { Result: JSON.stringify({ seeded: JSON.parse(createPayload) }), InvocationId: id },
    })
    expect(invoker.received('seed-db').map((r) => r.payload)).toEqual([createPayload])
    expect(logs).toEqual([`lambda-invocation: Create SeedDatabase → SUCCESS ${id}: create: invoked seed-db ($LATEST) once`])
  })

  it('echoes the RequestId of the request', async () => {
    const event = createEvent(server.url(), crud)
    const got = await send(event)
    expect(got.body['RequestId']).toBe(event['RequestId'])
  })

  it('encodes an Input given as an object as Terraform’s jsonencode does (CloudFormation has made its numbers strings)', async () => {
    const got = await send(createEvent(server.url(), { FunctionName: 'seed-db', Input: { b: '2', a: 'x<y', n: { z: 'true', y: ['1', '2'] } } }))
    const payload = '{"a":"x\\u003cy","b":"2","n":{"y":["1","2"],"z":"true"}}'
    expect(invoker.received('seed-db').map((r) => r.payload)).toEqual([payload])
    expect(got.body['PhysicalResourceId']).toBe(idOf('seed-db', payload))
  })

  it('a function error is FAILED with the function’s message and a marker physical id; the rollback Delete invokes nothing', async () => {
    const event = createEvent(server.url(), { FunctionName: 'broken', Input: '{}', LifecycleScope: 'CRUD' })
    const got = await send(event)
    expect(got.body['Status']).toBe('FAILED')
    expect(got.body['PhysicalResourceId']).toBe(`LambdaInvocation::CreateFailed::${String(event['RequestId'])}`)
    expect(got.body['Reason']).toContain('function broken failed (Unhandled) while handling the create')
    expect(got.body['Reason']).toContain('the database is down')
    expect(got.body['Data']).toBeUndefined()
    expect(invoker.calls).toHaveLength(1)

    const rollback = await send(deleteEvent(server.url(), String(got.body['PhysicalResourceId']), { FunctionName: 'broken', Input: '{}', LifecycleScope: 'CRUD' }))
    expect(rollback.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: got.body['PhysicalResourceId'] })
    expect(rollback.body['Reason']).toBe('delete after a failed create: nothing was made under this id, nothing invoked')
    expect(invoker.calls).toHaveLength(1)
  })

  it('bad properties are FAILED naming each property, and nothing is invoked', async () => {
    const got = await send(createEvent(server.url(), { functionName: 'seed-db', Input: 'not json', LifecycleScope: 'SOMETIMES' }))
    expect(got.body['Status']).toBe('FAILED')
    expect(got.body['Reason']).toBe('ResourceProperties.functionName: is not a property of Custom::LambdaInvocation; did you mean FunctionName?')
    const second = await send(createEvent(server.url(), { FunctionName: 'seed-db', Input: '{"a":1', LifecycleScope: 'SOMETIMES' }))
    expect(second.body['Reason']).toBe('ResourceProperties.LifecycleScope: must be "CREATE_ONLY" or "CRUD", got "SOMETIMES"; ResourceProperties.Input: not valid JSON: unexpected end at line 1, column 7')
    expect(invoker.calls).toHaveLength(0)
  })

  it('a call that does not fit Lambda’s limit is refused before sending', async () => {
    const got = await send(createEvent(server.url(), { FunctionName: 'seed-db', Input: JSON.stringify('x'.repeat(7_000_000)) }))
    expect(got.body['Status']).toBe('FAILED')
    expect(got.body['Reason']).toContain("over Lambda's limit of 6,291,456 bytes")
    expect(invoker.calls).toHaveLength(0)
  })
})

describe('Update', () => {
  const created = idOf('seed-db', createPayload)

  it('a plain update keeps the physical id, sends the update payload with prev_input, and gives the new id in Data', async () => {
    const got = await send(updateEvent(server.url(), created, { ...crud, Input: '{"a":1,"b":3}' }, crud))
    const payload = '{"a":1,"b":3,"tf":{"action":"update","prev_input":{"a":1,"b":2}}}'
    expect(invoker.received('seed-db').map((r) => r.payload)).toEqual([payload])
    expect(got.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: created,
      Data: { InvocationId: idOf('seed-db', payload), Result: JSON.stringify({ seeded: JSON.parse(payload) }) },
      Reason: 'update (input changed): invoked seed-db ($LATEST) once',
    })
  })

  it('a replace creates first under a new physical id; the Delete CloudFormation then sends with the old properties carries Terraform’s delete payload', async () => {
    const got = await send(updateEvent(server.url(), created, { ...crud, FunctionName: 'seed-db-v2' }, crud))
    const newId = idOf('seed-db-v2', createPayload)
    expect(got.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: newId, Data: { InvocationId: newId } })
    expect(got.body['Reason']).toBe('replace (functionName changed): invoked the create; CloudFormation sends the delete of the old properties once the stack update succeeds')
    expect(invoker.received('seed-db-v2').map((r) => r.payload)).toEqual([createPayload])
    expect(invoker.received('seed-db')).toEqual([])

    // CloudFormation's cleanup: a Delete of the old physical id, with the old properties.
    const cleanup = await send(deleteEvent(server.url(), created, crud))
    expect(cleanup.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created })
    const sent = invoker.received('seed-db')
    expect(sent).toHaveLength(1)
    // Byte for byte what Terraform sends for the delete of {"b":2,"a":1} in CRUD scope.
    expect(Buffer.from(sent[0]!.payload, 'utf8').equals(Buffer.from('{"a":1,"b":2,"tf":{"action":"delete","prev_input":{"a":1,"b":2}}}', 'utf8'))).toBe(true)
    expect(sent[0]!.lifecycle).toBe('delete')
  })

  it('a replace whose new id equals the old one (only Triggers changed) runs the old delete now, as CloudFormation will not send it', async () => {
    const old = { ...crud, Triggers: { build: '1' } }
    const got = await send(updateEvent(server.url(), created, { ...crud, Triggers: { build: '2' } }, old))
    expect(got.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created, Data: { InvocationId: created } })
    expect(invoker.lifecycles('seed-db')).toEqual(['create', 'delete'])
    expect(invoker.received('seed-db').map((r) => r.payload)).toEqual([createPayload, '{"a":1,"b":2,"tf":{"action":"delete","prev_input":{"a":1,"b":2}}}'])
  })

  it('a CREATE_ONLY input change is a replace: the raw new input, a new id, and no delete later', async () => {
    const before = { FunctionName: 'seed-db', Input: '{"v":1}' }
    const got = await send(updateEvent(server.url(), idOf('seed-db', '{"v":1}'), { ...before, Input: '{"v": 2}' }, before))
    expect(got.body['PhysicalResourceId']).toBe(idOf('seed-db', '{"v": 2}'))
    expect(invoker.received('seed-db').map((r) => r.payload)).toEqual(['{"v": 2}'])
    const cleanup = await send(deleteEvent(server.url(), idOf('seed-db', '{"v":1}'), before))
    expect(cleanup.body['Reason']).toBe('delete: lifecycle scope CREATE_ONLY invokes nothing on delete')
    expect(invoker.calls).toHaveLength(1)
  })

  it('a change the function would not see (ServiceToken, an explicit default) invokes nothing and keeps the id', async () => {
    const event = updateEvent(server.url(), created, { ...crud, Qualifier: '$LATEST' }, crud)
    const got = await send({ ...event, ResourceProperties: { ...(event['ResourceProperties'] as object), ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:other' } })
    expect(got.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created })
    expect(got.body['Data']).toBeUndefined()
    expect(invoker.calls).toHaveLength(0)
  })

  it('a failed update is FAILED with an update marker, so CloudFormation rolls back by deleting the marker: that Delete invokes nothing', async () => {
    const event = updateEvent(server.url(), created, { ...crud, FunctionName: 'broken' }, crud)
    const got = await send(event)
    expect(got.body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: `LambdaInvocation::UpdateFailed::${String(event['RequestId'])}` })
    expect(invoker.calls).toHaveLength(1)
    const rollback = await send(deleteEvent(server.url(), String(got.body['PhysicalResourceId']), { ...crud, FunctionName: 'broken' }))
    expect(rollback.body).toMatchObject({ Status: 'SUCCESS', Reason: 'delete after a failed update: nothing was made under this id, nothing invoked' })
    expect(invoker.calls).toHaveLength(1)
  })

  it('the rollback of a successful update (another resource failed) is an update back to the old properties', async () => {
    const next = { ...crud, Input: '{"a":1,"b":3}' }
    await send(updateEvent(server.url(), created, next, crud))
    const back = await send(updateEvent(server.url(), created, crud, next))
    expect(back.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created })
    expect(invoker.received('seed-db').map((r) => r.payload)).toEqual([
      '{"a":1,"b":3,"tf":{"action":"update","prev_input":{"a":1,"b":2}}}',
      '{"a":1,"b":2,"tf":{"action":"update","prev_input":{"a":1,"b":3}}}',
    ])
  })

  it.each(['CreateFailed', 'UpdateFailed'])('an Update of a marker (%s: nothing exists under it) is a create, answered with a real id', async (marker) => {
    const got = await send(updateEvent(server.url(), `LambdaInvocation::${marker}::r1`, crud, { ...crud, FunctionName: 'broken' }))
    expect(got.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created })
    expect(invoker.lifecycles('seed-db')).toEqual(['create'])
    expect(invoker.calls).toHaveLength(1)
  })

  it('old properties that do not decode are FAILED under OldResourceProperties, nothing invoked', async () => {
    const got = await send(updateEvent(server.url(), created, crud, { ...crud, Colour: 'blue' }))
    expect(got.body['Reason']).toBe('OldResourceProperties.Colour: is not a property of Custom::LambdaInvocation')
    expect(invoker.calls).toHaveLength(0)
  })
})

describe('Delete', () => {
  it('CRUD: one invocation with the delete payload, the physical id unchanged, no Data', async () => {
    const id = idOf('seed-db', createPayload)
    const got = await send(deleteEvent(server.url(), id, crud))
    expect(got.body).toEqual({
      Status: 'SUCCESS',
      Reason: 'delete: invoked seed-db ($LATEST) once',
      PhysicalResourceId: id,
      StackId: resource.StackId,
      RequestId: expect.any(String),
      LogicalResourceId: resource.LogicalResourceId,
    })
    expect(invoker.received('seed-db').map((r) => [r.lifecycle, r.payload])).toEqual([['delete', '{"a":1,"b":2,"tf":{"action":"delete","prev_input":{"a":1,"b":2}}}']])
  })

  it('a failed delete invocation is FAILED with the physical id kept', async () => {
    const id = idOf('broken', '{"tf":{"action":"create","prev_input":null}}')
    const got = await send(deleteEvent(server.url(), id, { FunctionName: 'broken', Input: '{}', LifecycleScope: 'CRUD' }))
    expect(got.body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id })
    expect(got.body['Reason']).toContain('while handling the delete')
  })
})

describe('answers whatever happens', () => {
  it('an invoker that throws: FAILED, saying the function may have run', async () => {
    const throwing: Invoker = {
      invoke: () => {
        throw new Error('socket exploded')
      },
    }
    const got = await send(createEvent(server.url(), crud), { invoker: throwing })
    expect(got.body['Status']).toBe('FAILED')
    expect(got.body['Reason']).toBe('the invoker threw: socket exploded (the function may have run) (Unknown: the function may have run; nothing will undo it)')
  })

  it('an invoker that answers something that is not a response: FAILED, the function may have run', async () => {
    const broken: Invoker = { invoke: async () => E.right({ statusCode: 200, payload: 42 as unknown as string }) }
    const got = await send(createEvent(server.url(), crud), { invoker: broken })
    expect(got.body['Status']).toBe('FAILED')
    expect(got.body['Reason']).toMatch(/^the invoker's answer is not a response \(responses\[0\]\.payload: .+\): the function may have run; nothing will undo it$/)
  })

  it('an exception inside the handler’s own steps: FAILED with the reason', async () => {
    invoker.script('seed-db', { kind: 'throttle' })
    const clock = {
      now: () => new Date(),
      sleep: () => Promise.reject(new Error('timer broke')),
    }
    const got = await send(createEvent(server.url(), crud), { clock })
    expect(got.body).toMatchObject({ Status: 'FAILED', Reason: 'internal error in the custom resource handler: timer broke' })
  })

  it('a throttled call is sent again (it did not run), then succeeds', async () => {
    invoker.script('seed-db', { kind: 'throttle' }, { kind: 'throttle', retryAfterMs: 3000 })
    // No deadline in this context: the manual clock's sleeps end at once.
    const clock = new ManualClock()
    const got = await send(createEvent(server.url(), crud), { clock }, {})
    expect(got.body['Status']).toBe('SUCCESS')
    expect(invoker.calls.map((c) => c.ran)).toEqual([false, false, true])
    expect(clock.sleeps).toContain(1000)
    expect(clock.sleeps).toContain(3000)
  })

  it('answers before its own timeout when the function does not answer in time', async () => {
    const clock = new ManualClock({ autoAdvance: false })
    invoker.register('slow', async () => {
      await clock.sleep(60_000)
      return 'late'
    })
    const context = handlerContext(clock, 3000)
    const seen = server.received.length
    const done = handlerWith({ clock })(createEvent(server.url(), { FunctionName: 'slow', Input: '{}' }), context)
    // The handler's deadline and the function's sleep are both waiting on the clock.
    while (clock.pending < 2) await new Promise((r) => setTimeout(r, 1))
    clock.advance(2499)
    await new Promise((r) => setTimeout(r, 20))
    expect(server.received.length).toBe(seen)
    clock.advance(1)
    const got = await server.next(seen)
    expect(context.getRemainingTimeInMillis()).toBe(500)
    expect(got.body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: expect.stringMatching(/^LambdaInvocation::CreateFailed::/) })
    expect(got.body['Reason']).toBe(
      'out of time: the handler stops waiting 500 ms before its own timeout, and slow ($LATEST) had not answered its create; the function may still be running, and nothing will undo it. Give the handler a longer timeout (up to 15 minutes).',
    )
    expect(await done).toEqual(got.body)
    clock.advance(60_000)
  })

  it('a malformed event with a ResponseURL is answered FAILED with what is wrong', async () => {
    const url = server.url()
    const got = await send({ RequestType: 'Upsert', ResponseURL: url, StackId: resource.StackId, RequestId: 'r-9', LogicalResourceId: 'X', ResourceProperties: [] })
    expect(got.body).toEqual({
      Status: 'FAILED',
      Reason: 'malformed request: RequestType: must be "Create", "Update" or "Delete", got "Upsert"; ResourceProperties: must be an object, got an array',
      PhysicalResourceId: 'LambdaInvocation::CreateFailed::r-9',
      StackId: resource.StackId,
      RequestId: 'r-9',
      LogicalResourceId: 'X',
    })
    const update = await send({ RequestType: 'Update', ResponseURL: url, StackId: resource.StackId, RequestId: 'r-10', LogicalResourceId: 'X', ResourceProperties: crud })
    expect(update.body['Reason']).toBe('malformed request: PhysicalResourceId: is missing; OldResourceProperties: is missing')
    expect(invoker.calls).toHaveLength(0)
  })

  it('an event it cannot answer (no ResponseURL, or not an object) is logged and resolves without throwing', async () => {
    const seen = server.received.length
    const handler = handlerWith()
    await expect(handler({ RequestType: 'Create', RequestId: 'r-1' }, handlerContext(systemClock))).resolves.toBeUndefined()
    await expect(handler('Create', handlerContext(systemClock))).resolves.toBeUndefined()
    await expect(handler(undefined)).resolves.toBeUndefined()
    expect(server.received.length).toBe(seen)
    expect(logs[0]).toBe('lambda-invocation: cannot answer: the event has no ResponseURL (Create, r-1)')
  })

  it('a result that does not fit the 4,096-byte response: SUCCESS without Result, with InvocationId and a reason saying so', async () => {
    const got = await send(createEvent(server.url(), { FunctionName: 'big-result', Input: '{}' }))
    expect(got.raw.byteLength).toBeLessThanOrEqual(MAX_RESPONSE_BYTES)
    expect(got.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: idOf('big-result', '{}'), Data: { InvocationId: idOf('big-result', '{}') } })
    expect(got.body['Data']).not.toHaveProperty('Result')
    expect(String(got.body['Reason'])).toMatch(/^Result left out: it is 5,000 bytes and a CloudFormation response holds 4,096 in all/)
  })

  it('NoEcho asks CloudFormation to mask the outputs, and the log never shows the result', async () => {
    const got = await send(createEvent(server.url(), { ...crud, NoEcho: 'true' }))
    expect(got.body['NoEcho']).toBe(true)
    expect(logs.join('\n')).not.toContain('seeded')
  })

  it('an answer that cannot be delivered is logged, and the handler still resolves', async () => {
    server.failNext(403)
    const body = await handlerWith()(createEvent(server.url(), crud), handlerContext(systemClock))
    expect(body?.Status).toBe('SUCCESS')
    expect(logs[0]).toContain('[the answer was NOT delivered: the response URL answered HTTP 403')
  })

  it('the delivery is repeated after a 5xx (a PUT of the same document is safe to repeat)', async () => {
    server.failNext(503)
    const got = await send(createEvent(server.url(), crud))
    expect(got.body['Status']).toBe('SUCCESS')
    expect(invoker.calls).toHaveLength(1)
  })
})
