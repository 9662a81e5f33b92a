import { readFileSync } from 'node:fs'
import { createEngine, formatEngineError } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import { expect, it } from 'vitest'
import { ManualClock, MemoryInvoker, MemoryStateStore, systemClock } from '../src/index.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const tsBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')

// The README opens with the lifecycle test of `readme-sample.test.ts`, which runs as it is.
it('README: its first example is readme-sample.test.ts, word for word', () => {
  expect(readme.indexOf('```ts')).toBeLessThan(readme.indexOf('\n## ', readme.indexOf('## A lifecycle test')))
  expect(tsBlocks[0]).toBe(readFileSync(new URL('./readme-sample.test.ts', import.meta.url), 'utf8'))
})

it('README: with a manual clock, the test decides when the timeout comes', async () => {
  const clock = new ManualClock({ autoAdvance: false })
  const invoker = new MemoryInvoker({ clock }).register('slow', () => new Promise(() => {}), { timeoutMs: 1000 })
  const calling = invoker.invoke({ functionName: 'slow', payload: '{}' })
  clock.advance(1000)
  const r = await calling
  expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'Unknown', code: 'Sandbox.Timedout', message: 'Task timed out after 1.00 seconds: the function may have done its work' })
  expect(tsBlocks.some((b) => b.includes("register('slow', () => new Promise(() => {}), { timeoutMs: 1000 })"))).toBe(true)
})

it('README: with the real clock, a hanging handler really stops the call', async () => {
  const invoker = new MemoryInvoker({ clock: systemClock }).register('slow', () => new Promise(() => {}), { timeoutMs: 20 })
  const r = await invoker.invoke({ functionName: 'slow', payload: '{}' })
  expect(E.isLeft(r) && r.left._tag).toBe('Unknown')
})

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
