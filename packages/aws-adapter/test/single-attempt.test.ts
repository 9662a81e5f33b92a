import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { describe, expect, it } from 'vitest'
import { CallSignal } from '../src/call-signal.js'
import { releaseCall, unwrapAttemptError, watchCall } from '../src/single-attempt.js'

// The guard's behaviour on the wire (one send, whatever the retry strategy) is
// tested against the loopback Lambda; these are its bookkeeping rules.

const client = () => new LambdaClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })

describe('watchCall', () => {
  it('installs two middlewares per client, a marker first and the guard after the signer, however many calls it watches', () => {
    const c = client()
    watchCall(c, { FunctionName: 'a' }, new CallSignal())
    watchCall(c, { FunctionName: 'b' }, new CallSignal())
    const stack = c.middlewareStack.identify()
    expect(stack.filter((m) => m.startsWith('lambdaInvoker'))).toEqual(['lambdaInvokerEntered - initialize', 'lambdaInvokerSingleAttempt - finalizeRequest'])
    expect(stack[0]).toBe('lambdaInvokerEntered - initialize')
    expect(stack.findIndex((m) => m.startsWith('httpSigningMiddleware'))).toBeLessThan(stack.indexOf('lambdaInvokerSingleAttempt - finalizeRequest'))
  })

  it('starts a call as not entered, not dispatched, with no attempt', () => {
    const signal = new CallSignal()
    expect(watchCall(client(), { FunctionName: 'a' }, signal)).toEqual({ signal, entered: false, dispatched: false, attempts: 0 })
  })

  it('does not install twice when another copy of the adapter already did (same names)', () => {
    const c = client()
    c.middlewareStack.add((next) => next, { step: 'finalizeRequest', priority: 'low', name: 'lambdaInvokerSingleAttempt' })
    c.middlewareStack.add((next) => next, { step: 'initialize', priority: 'high', name: 'lambdaInvokerEntered' })
    watchCall(c, { FunctionName: 'a' }, new CallSignal())
    expect(c.middlewareStack.identify().filter((m) => m.startsWith('lambdaInvoker'))).toHaveLength(2)
  })

  it('adds the marker next to a guard installed by an older copy of the adapter', () => {
    const c = client()
    c.middlewareStack.add((next) => next, { step: 'finalizeRequest', priority: 'low', name: 'lambdaInvokerSingleAttempt' })
    watchCall(c, { FunctionName: 'a' }, new CallSignal())
    expect(c.middlewareStack.identify().filter((m) => m.startsWith('lambdaInvoker'))).toEqual(['lambdaInvokerEntered - initialize', 'lambdaInvokerSingleAttempt - finalizeRequest'])
  })
})

describe('unwrapAttemptError', () => {
  it('passes any other error through unchanged', () => {
    const e = new Error('x')
    expect(unwrapAttemptError(e)).toBe(e)
    expect(unwrapAttemptError('s')).toBe('s')
  })

  it('gives the first attempt’s error behind the guard’s wrapper (seen through a real send)', async () => {
    const c = new LambdaClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
    const input = { FunctionName: 'f', Payload: new Uint8Array() }
    const signal = new CallSignal()
    const watch = watchCall(c, input, signal)
    const thrown = await c.send(new InvokeCommand(input), { abortSignal: signal as unknown as AbortSignal }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect((thrown as Error).name).toBe('LambdaInvokerSingleAttempt')
    expect(unwrapAttemptError(thrown)).toMatchObject({ code: 'ECONNREFUSED' })
    expect(watch).toMatchObject({ attempts: 1, entered: true, dispatched: true })
    releaseCall(input)
  })

  it('marks a call that failed in the SDK before sending as entered, not dispatched', async () => {
    const c = new LambdaClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: () => Promise.reject(new Error('no credentials here')) })
    const input = { FunctionName: 'f', Payload: new Uint8Array() }
    const signal = new CallSignal()
    const watch = watchCall(c, input, signal)
    const thrown = await c.send(new InvokeCommand(input), { abortSignal: signal as unknown as AbortSignal }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(unwrapAttemptError(thrown)).toMatchObject({ message: 'no credentials here' })
    expect(watch).toMatchObject({ attempts: 0, entered: true, dispatched: false })
    releaseCall(input)
  })

  it('refuses, unsent and undispatched, an attempt whose signal is already aborted when it reaches the guard', async () => {
    let handled = 0
    const signal = new CallSignal()
    const c = new LambdaClient({
      region: 'us-east-1',
      credentials: async () => {
        signal.abort()
        return { accessKeyId: 'a', secretAccessKey: 'b' }
      },
      // A handler that would ignore the abort: the guard must not reach it.
      requestHandler: { handle: async () => ((handled += 1), Promise.reject(new Error('sent anyway'))) },
    })
    const input = { FunctionName: 'f', Payload: new Uint8Array() }
    const watch = watchCall(c, input, signal)
    const thrown = await c.send(new InvokeCommand(input), { abortSignal: signal as unknown as AbortSignal }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(unwrapAttemptError(thrown)).toMatchObject({ name: 'AbortError' })
    expect(handled).toBe(0)
    expect(watch).toMatchObject({ entered: true, dispatched: false })
    releaseCall(input)
  })

  it('forgets a released call: the guard no longer counts its attempts', async () => {
    const c = new LambdaClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 })
    const input = { FunctionName: 'f', Payload: new Uint8Array() }
    const watch = watchCall(c, input, new CallSignal())
    releaseCall(input)
    const thrown = await c.send(new InvokeCommand(input)).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect((thrown as Error).name).not.toBe('LambdaInvokerSingleAttempt')
    expect(watch.attempts).toBe(0)
  })
})
