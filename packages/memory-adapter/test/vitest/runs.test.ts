import { describe, expect, it } from 'vitest'
import { MemoryInvoker } from '../../src/invoker.js'
import { checkMatch, describeReceived, isObserved, matches } from '../../src/vitest/runs.js'

const strict = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

describe('the runs the matchers read', () => {
  it('knows a MemoryInvoker by its shape, so that a second copy of the package qualifies too', () => {
    expect(isObserved(new MemoryInvoker())).toBe(true)
    expect(isObserved({ calls: [], received: () => [] })).toBe(true)
    expect(isObserved({ calls: [] })).toBe(false)
    expect(isObserved(null)).toBe(false)
  })

  it('matches a run on every field given, and on all when none is', () => {
    const run = { lifecycle: 'update' as const, qualifier: '7', payload: '{"a":1}', event: { a: 1 }, requestId: 'r' }
    expect(matches(run, {}, strict)).toBe(true)
    expect(matches(run, { action: 'update', qualifier: '7', payload: '{"a":1}', event: { a: 1 } }, strict)).toBe(true)
    expect(matches(run, { action: 'create' }, strict)).toBe(false)
    expect(matches(run, { qualifier: '$LATEST' }, strict)).toBe(false)
    expect(matches(run, { payload: '{"a": 1}' }, strict)).toBe(false)
    // An `event: undefined` given is a condition (the event is never undefined), not an absent one.
    expect(matches(run, { event: undefined }, strict)).toBe(false)
  })

  it('checks a match: an object of known keys', () => {
    expect(checkMatch('m', undefined)).toEqual({})
    expect(checkMatch('m', { action: 'delete' })).toEqual({ action: 'delete' })
    expect(() => checkMatch('m', { action: 'delete', evnt: {}, qualifer: '1' })).toThrow('m: unknown keys "evnt", "qualifer" in the match')
    expect(() => checkMatch('m', [])).toThrow('m: the match must be an object')
  })

  it('describes what a function received, long payloads shortened', async () => {
    const invoker = new MemoryInvoker().register('fn', () => 1)
    await invoker.invoke({ functionName: 'fn', payload: JSON.stringify({ big: 'x'.repeat(1000) }), lifecycle: 'create' })
    const text = describeReceived(invoker, 'fn')
    expect(text).toMatch(/^1 run of "fn":\n {2}1\. create \{"big":"x+… \(1010 characters\)$/)
    expect(text.length).toBeLessThan(600)
  })
})
