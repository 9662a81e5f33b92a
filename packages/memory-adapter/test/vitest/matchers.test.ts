import { beforeEach, describe, expect, it } from 'vitest'
import { MemoryInvoker } from '../../src/invoker.js'
import { invokerMatchers } from '../../src/vitest/index.js'

expect.extend(invokerMatchers)

// Failure messages carry colours; compare their text.
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '')
const errorOf = (assertion: () => void): unknown => {
  try {
    assertion()
  } catch (e) {
    return e
  }
  throw new Error('the assertion passed')
}
const failureOf = (assertion: () => void): string => {
  const e = errorOf(assertion)
  return plain(e instanceof Error ? e.message : String(e))
}

describe('vitest matchers over a MemoryInvoker', () => {
  let invoker: MemoryInvoker
  beforeEach(async () => {
    invoker = new MemoryInvoker().register('fn', () => 'ok').register('fn', () => 'live', { qualifier: 'live', version: '3' }).register('other', () => 1)
    await invoker.invoke({ functionName: 'fn', payload: '{"n":1,"tf":{"action":"create","prev_input":null}}', lifecycle: 'create' })
    await invoker.invoke({ functionName: 'fn', payload: '{"n":2,"tf":{"action":"update","prev_input":{"n":1}}}', lifecycle: 'update' })
    invoker.script('fn', { kind: 'throttle' })
    await invoker.invoke({ functionName: 'fn', payload: '{"n":2,"tf":{"action":"delete","prev_input":{"n":2}}}', lifecycle: 'delete' })
    await invoker.invoke({ functionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn:live', payload: '{"x":true}' })
  })

  it('toHaveInvoked: any run, or one matching the action, qualifier, payload or event; by any name of the function', () => {
    expect(invoker).toHaveInvoked('fn')
    expect(invoker).toHaveInvoked('fn', { action: 'update' })
    expect(invoker).toHaveInvoked('arn:aws:lambda:eu-west-1:999999999999:function:fn', { qualifier: 'live', event: { x: true } })
    expect(invoker).toHaveInvoked('fn', { payload: expect.stringContaining('"n":1') })
    expect(invoker).toHaveInvoked('fn', { event: expect.objectContaining({ tf: expect.objectContaining({ prev_input: { n: 1 } }) }) })
    // The throttled delete never ran.
    expect(invoker).not.toHaveInvoked('fn', { action: 'delete' })
    expect(invoker).not.toHaveInvoked('missing')
    expect(invoker).not.toHaveInvoked('fn', { action: 'update', qualifier: 'live' })
  })

  it('toHaveInvoked fails showing every run, the calls that did not run and why', () => {
    const message = failureOf(() => expect(invoker).toHaveInvoked('fn', { action: 'delete' }))
    expect(message).toContain('Expected: a run of "fn" matching {"action": "delete"}')
    expect(message).toContain('Received: 3 runs of "fn":')
    expect(message).toContain('  1. create {"n":1,"tf":{"action":"create","prev_input":null}}')
    expect(message).toContain('  2. update {"n":2,"tf":{"action":"update","prev_input":{"n":1}}}')
    expect(message).toContain('  3. (no lifecycle) (live) {"x":true}')
    expect(message).toContain('and 1 call that did not run: NotRun (TooManyRequestsException)')
    expect(failureOf(() => expect(invoker).not.toHaveInvoked('fn', { action: 'create' }))).toContain('Expected: no run of "fn" matching {"action": "create"}')
    expect(failureOf(() => expect(invoker).toHaveInvoked('nope'))).toMatch(/Received: no run of "nope"\n\(calls went to "fn"\)/)
    expect(failureOf(() => expect(new MemoryInvoker()).toHaveInvoked('nope'))).toContain('(the invoker received no call at all)')
  })

  it('toHaveInvokedTimes counts the runs (matching, when asked), and says how many it found', () => {
    expect(invoker).toHaveInvokedTimes('fn', 3)
    expect(invoker).toHaveInvokedTimes('fn', 1, { action: 'create' })
    expect(invoker).toHaveInvokedTimes('fn', 0, { action: 'delete' })
    expect(invoker).toHaveInvokedTimes('other', 0)
    expect(invoker).not.toHaveInvokedTimes('fn', 4)
    const message = failureOf(() => expect(invoker).toHaveInvokedTimes('fn', 2, { qualifier: '$LATEST', action: 'update' }))
    expect(message).toContain('Expected: 2 runs of "fn" matching {"action": "update", "qualifier": "$LATEST"}')
    expect(message).toContain('Received: 1 matching, of 3 runs of "fn":')
    expect(failureOf(() => expect(invoker).toHaveInvokedTimes('fn', 1))).toMatch(/Expected: 1 run of "fn"\nReceived: 3 runs of "fn":/)
    expect(errorOf(() => expect(invoker).toHaveInvokedTimes('fn', 1))).toMatchObject({ actual: 3, expected: 1 })
  })

  it('toHaveInvokedWith, toHaveLastInvokedWith and toHaveNthInvokedWith compare the event as toEqual does', () => {
    expect(invoker).toHaveInvokedWith('fn', { n: 2, tf: { action: 'update', prev_input: { n: 1 } } })
    expect(invoker).toHaveInvokedWith('fn', expect.objectContaining({ n: 1 }))
    expect(invoker).not.toHaveInvokedWith('fn', { n: 2 })
    expect(invoker).toHaveLastInvokedWith('fn', { x: true })
    expect(invoker).toHaveNthInvokedWith('fn', 1, { n: 1, tf: { action: 'create', prev_input: null } })
    expect(invoker).toHaveNthInvokedWith('fn', 2, expect.objectContaining({ tf: expect.objectContaining({ action: 'update' }) }))
    expect(invoker).not.toHaveNthInvokedWith('fn', 2, { x: true })
  })

  it('the With matchers fail with the event received, a diff, and every run', () => {
    const last = failureOf(() => expect(invoker).toHaveLastInvokedWith('fn', { x: false }))
    expect(last).toContain('Expected: the last run of "fn" to receive {"x": false}')
    expect(last).toContain('Received: {"x": true}')
    // Vitest prints the diff from these.
    expect(errorOf(() => expect(invoker).toHaveLastInvokedWith('fn', { x: false }))).toMatchObject({ actual: { x: true }, expected: { x: false } })
    expect(last).toContain('All: 3 runs of "fn":')
    const nth = failureOf(() => expect(invoker).toHaveNthInvokedWith('fn', 4, {}))
    expect(nth).toContain('Expected: the 4th run of "fn" to receive {}')
    expect(nth).toContain('Received: no 4th run; 3 runs of "fn":')
    expect(failureOf(() => expect(invoker).toHaveNthInvokedWith('fn', 2, { n: 2 }))).toContain('the 2nd run of "fn"')
    expect(failureOf(() => expect(invoker).toHaveInvokedWith('other', {}))).toContain('Received: no run of "other"')
    expect(failureOf(() => expect(invoker).not.toHaveLastInvokedWith('fn', { x: true }))).toContain('the last run of "fn" not to receive {"x": true}')
  })

  it('answers a misuse at once, naming the matcher: not an invoker, a misspelt match key, a bad count or name', () => {
    expect(() => expect({ calls: 1 }).toHaveInvoked('fn')).toThrow('toHaveInvoked: expect() must be given a MemoryInvoker, got an object without calls (calls)')
    expect(() => expect(undefined).toHaveInvokedTimes('fn', 1)).toThrow('toHaveInvokedTimes: expect() must be given a MemoryInvoker, got undefined')
    // A misspelt key would match every run: it is an error.
    expect(() => expect(invoker).toHaveInvoked('fn', { acton: 'update' } as never)).toThrow('toHaveInvoked: unknown key "acton" in the match; it takes action, qualifier, payload, event')
    expect(() => expect(invoker).toHaveInvoked('fn', 'update' as never)).toThrow('toHaveInvoked: the match must be an object')
    expect(() => expect(invoker).toHaveInvokedTimes('fn', -1)).toThrow('toHaveInvokedTimes: times must be an integer of at least 0, got -1')
    expect(() => expect(invoker).toHaveNthInvokedWith('fn', 0, {})).toThrow('toHaveNthInvokedWith: nth must be an integer of at least 1, got 0')
    expect(() => expect(invoker).toHaveInvokedWith('', {})).toThrow('toHaveInvokedWith: the function name must be a non-empty string, got ""')
  })
})
