import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, MemoryInvoker } from '@lambda-invocation/memory-adapter'
import { makeOnEventHandler } from '../src/on-event.js'
import { createEvent, deleteEvent, handlerContext, updateEvent } from './support/events.js'

// The event CDK's Provider framework passes on (CloudFormation's, ResponseURL included, which the framework answers).
const url = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x'
const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')
const crud = { FunctionName: 'seed-db', Input: '{"a":1}', LifecycleScope: 'CRUD' }
const createPayload = '{"a":1,"tf":{"action":"create","prev_input":null}}'
const id = `seed-db,$LATEST,${md5(createPayload)}`

let invoker: MemoryInvoker
beforeEach(() => {
  invoker = new MemoryInvoker()
    .register('seed-db', () => ({ ok: true }))
    .register('broken', () => {
      throw new Error('nope')
    })
    .registerRaw('big', () => 'y'.repeat(5000))
})
const onEvent = () => makeOnEventHandler({ invoker, log: () => undefined })

describe('onEvent (CDK Provider framework)', () => {
  it('returns the physical id and Data; a plain update keeps the id; a Delete invokes the delete payload', async () => {
    expect(await onEvent()(createEvent(url, crud))).toEqual({ PhysicalResourceId: id, Data: { Result: '{"ok":true}', InvocationId: id } })
    const updated = await onEvent()(updateEvent(url, id, { ...crud, Input: '{"a":2}' }, crud))
    expect(updated.PhysicalResourceId).toBe(id)
    expect(updated.Data?.['InvocationId']).toBe(`seed-db,$LATEST,${md5('{"a":2,"tf":{"action":"update","prev_input":{"a":1}}}')}`)
    expect(await onEvent()(deleteEvent(url, id, crud))).toEqual({ PhysicalResourceId: id })
    expect(invoker.lifecycles('seed-db')).toEqual(['create', 'update', 'delete'])
  })

  it('works without a ResponseURL: the framework answers', async () => {
    const { ResponseURL: _, ...event } = createEvent(url, crud)
    expect((await onEvent()(event)).PhysicalResourceId).toBe(id)
  })

  it('throws to fail, with the reason as the message', async () => {
    await expect(onEvent()(createEvent(url, { FunctionName: 'broken', Input: '{}' }))).rejects.toThrow('function broken failed (Unhandled) while handling the create')
    await expect(onEvent()(createEvent(url, { Function: 'x' }))).rejects.toThrow('ResourceProperties.Function: is not a property of Custom::LambdaInvocation; did you mean FunctionName?')
    await expect(onEvent()({ RequestType: 'Create' })).rejects.toThrow(/^malformed request: StackId: is missing/)
  })

  it('fits Data in the framework’s 4,096-byte response', async () => {
    const out = await onEvent()(createEvent(url, { FunctionName: 'big', Input: '{}' }))
    expect(out.Data).toEqual({ InvocationId: `big,$LATEST,${md5('{}')}` })
  })

  it('throws before its own timeout when the function does not answer', async () => {
    const clock = new ManualClock({ autoAdvance: false })
    invoker.register('slow', async () => {
      await clock.sleep(60_000)
      return 1
    })
    const done = makeOnEventHandler({ invoker, clock, log: () => undefined })(createEvent(url, { FunctionName: 'slow', Input: '{}' }), handlerContext(clock, 10_000))
    while (clock.pending < 2) await new Promise((r) => setTimeout(r, 1))
    clock.advance(9000)
    await expect(done).rejects.toThrow(/^out of time: the handler stops waiting 1000 ms before its own timeout, and slow \(\$LATEST\) had not answered its create/)
    clock.advance(60_000)
  })
})
