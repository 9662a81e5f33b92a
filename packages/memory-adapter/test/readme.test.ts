import { createEngine, formatEngineError } from '@lambda-invocation/core'
import { expect, it } from 'vitest'
import { ManualClock, MemoryInvoker, MemoryStateStore } from '../src/index.js'

// The README's example, kept running.
it('README: seeds the table once, and cleans up on destroy', async () => {
  const clock = new ManualClock()
  const invoker = new MemoryInvoker({ clock }).register('seed', async (event) => {
    return { seeded: (event as { rows: number }).rows }
  })
  const store = new MemoryStateStore()
  const engine = createEngine({ invoker, store, clock })
  const args = { functionName: 'seed', input: '{"rows":3}', lifecycleScope: 'CRUD' }

  invoker.script('seed', { kind: 'throttle' })
  const applied = await engine.apply('db/seed', args)
  if (applied._tag === 'Left') throw new Error(formatEngineError(applied.left))
  expect(applied.right.state?.result).toBe('{"seeded":3}')

  await engine.destroy('db/seed')
  expect(invoker.lifecycles('seed')).toEqual(['create', 'delete'])
  expect(invoker.received('seed')[0]?.event).toEqual({ rows: 3, tf: { action: 'create', prev_input: null } })
  expect(store.snapshot()).toEqual({})
})

it('README: a crash is reported, not redone', async () => {
  const clock = new ManualClock()
  const invoker = new MemoryInvoker({ clock }).register('seed', () => 'ok')
  const store = new MemoryStateStore()
  const args = { functionName: 'seed', input: '{"rows":3}', lifecycleScope: 'CRUD' }
  store.crashAfterWrites(1)
  const first = await createEngine({ invoker, store, clock }).apply('db/seed', args)
  expect(first._tag === 'Left' && first.left._tag).toBe('StoreFailed')
  store.restore()
  const again = await createEngine({ invoker, store, clock }).apply('db/seed', args)
  expect(again._tag === 'Left' && again.left._tag).toBe('Interrupted')
  expect(invoker.calls).toHaveLength(1)
})
