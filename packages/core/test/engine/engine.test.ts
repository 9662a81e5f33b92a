import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createEngine } from '../../src/engine/engine.js'
import { failure, fakeClock, mapStore, scriptedInvoker } from './fakes.js'

// The engine's full behaviour is tested through the memory adapters (packages/memory-adapter/test/engine);
// these checks use the smallest fakes, so a core change shows up here first.
const args = { functionName: 'fn', input: '{"n":1}', lifecycleScope: 'CRUD' }

describe('createEngine', () => {
  it('records an intent before invoking, then the settled state without it', async () => {
    const store = mapStore()
    const seen: unknown[] = []
    const { invoker } = scriptedInvoker()
    const spying = {
      invoke: async (...a: Parameters<typeof invoker.invoke>) => {
        const r = await store.read('k')
        seen.push(E.isRight(r) ? r.right?.record.intent : undefined)
        return invoker.invoke(...a)
      },
    }
    const engine = createEngine({ store, invoker: spying, clock: fakeClock().clock })
    const applied = await engine.apply('k', args)
    expect(E.isRight(applied)).toBe(true)
    expect(seen).toEqual([expect.objectContaining({ action: 'create', lifecycle: 'create', functionName: 'fn' })])
    const shown = await engine.show('k')
    expect(E.isRight(shown) && shown.right?.intent).toBeUndefined()
    expect(E.isRight(shown) && shown.right?.state?.input).toBe('{"n":1}')
  })

  it('uses the engine default retry policy and plan options, overridden per call', async () => {
    const { invoker, calls } = scriptedInvoker(failure('NotRun'), failure('NotRun'), failure('NotRun'))
    const { clock, sleeps } = fakeClock()
    const engine = createEngine({ store: mapStore(), invoker, clock })
    const r = await engine.apply('k', args)
    expect(E.isLeft(r) && r.left._tag === 'InvokeFailed' && r.left.attempts).toBe(3)
    expect([calls.length, sleeps]).toEqual([3, [200, 400]])
  })

  it('answers InvalidInput for bad plan options, naming them', async () => {
    const engine = createEngine({ store: mapStore(), invoker: scriptedInvoker().invoker, clock: fakeClock().clock })
    const r = await engine.plan('k', args, { replaceOrder: 'sideways' as never })
    expect(E.isLeft(r) && r.left._tag).toBe('InvalidInput')
  })
})
