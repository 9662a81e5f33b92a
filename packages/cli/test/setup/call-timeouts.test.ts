import * as E from 'fp-ts/lib/Either.js'
import { createEngine, type PlannedChange } from '@lambda-invocation/core'
import { MemoryInvoker, MemoryStateStore, systemClock } from '@lambda-invocation/memory-adapter'
import { describe, expect, it } from 'vitest'
import { callTimeouts, functionTimeouts } from '../../src/setup/call-timeouts.js'

const engine = createEngine({ invoker: new MemoryInvoker({ clock: systemClock }), store: new MemoryStateStore(), clock: systemClock })
const planned = async (key: string, args: Record<string, unknown>): Promise<PlannedChange> => {
  const r = await engine.plan(key, args)
  if (E.isLeft(r)) throw new Error(r.left._tag)
  return r.right
}
const firstCall = (c: PlannedChange) => c.phases[0].plan.invocations[0]!

describe('callTimeouts', () => {
  it("gives each planned call its resource's timeout, else the default", async () => {
    const a = await planned('a', { functionName: 'f', input: '{"n":1}' })
    const b = await planned('b', { functionName: 'f', input: '{"n":2}' })
    const timeoutOf = callTimeouts([a, b], new Map([['a', 5000]]), 1000)
    expect(timeoutOf(firstCall(a))).toBe(5000)
    expect(timeoutOf(firstCall(b))).toBe(1000)
    expect(callTimeouts([a, b], new Map(), undefined)(firstCall(a))).toBeUndefined()
  })

  it('gives the very same call sent by two resources the longer of their timeouts', async () => {
    const a = await planned('a', { functionName: 'f', input: '{}' })
    const b = await planned('b', { functionName: 'f', input: '{}' })
    expect(callTimeouts([a, b], new Map([['a', 2000], ['b', 7000]]), undefined)(firstCall(a))).toBe(7000)
  })
})

describe('functionTimeouts', () => {
  it('gives a call the longest timeout of the resources calling its function and qualifier, else the default', () => {
    const resources = new Map([
      ['a', { functionName: 'f', qualifier: '$LATEST' }],
      ['b', { functionName: 'f', qualifier: '$LATEST' }],
      ['c', { functionName: 'g', qualifier: 'live' }],
    ])
    const timeoutOf = functionTimeouts(resources, new Map([['a', 2000], ['b', 3000], ['c', 9000]]), 500)
    expect(timeoutOf({ functionName: 'f', payload: '{}' })).toBe(3000)
    expect(timeoutOf({ functionName: 'g', qualifier: 'live', payload: '{}' })).toBe(9000)
    expect(timeoutOf({ functionName: 'g', payload: '{}' })).toBe(500)
  })
})
