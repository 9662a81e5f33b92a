import { createEngine } from '@lambda-invocation/core'
import { ManualClock, MemoryInvoker, MemoryStateStore } from '@lambda-invocation/memory-adapter'
import { invokerMatchers } from '@lambda-invocation/memory-adapter/vitest'
import type { Handler } from 'aws-lambda'
import { expect, it } from 'vitest'

expect.extend(invokerMatchers)

// The handler under test: one user per resource, driven by the lifecycle key `tf`.
interface UserEvent {
  readonly name: string
  readonly tf: { readonly action: 'create' | 'update' | 'delete'; readonly prev_input: { readonly name: string } | null }
}
const users = new Set<string>()
const handler: Handler<UserEvent, { users: number }> = async ({ name, tf }) => {
  if (tf.prev_input !== null) users.delete(tf.prev_input.name)
  if (tf.action !== 'delete') users.add(name)
  return { users: users.size }
}

it('creates, renames and deletes the user, one invocation per step', async () => {
  const clock = new ManualClock()
  const invoker = new MemoryInvoker({ clock }).register('users', handler)
  const store = new MemoryStateStore()
  const engine = createEngine({ invoker, store, clock })
  const user = (name: string) => ({ functionName: 'users', input: JSON.stringify({ name }), lifecycleScope: 'CRUD' })

  expect(await engine.apply('team/alice', user('alice'))).toMatchObject({ right: { plan: { action: 'create' } } })
  expect(await engine.apply('team/alice', user('alicia'))).toMatchObject({ right: { plan: { action: 'update' } } })
  expect(await engine.destroy('team/alice')).toMatchObject({ right: { plan: { action: 'delete' } } })

  expect(invoker).toHaveInvokedTimes('users', 3)
  expect(invoker).toHaveInvoked('users', { action: 'update', event: { name: 'alicia', tf: { action: 'update', prev_input: { name: 'alice' } } } })
  expect(invoker).toHaveLastInvokedWith('users', { name: 'alicia', tf: { action: 'delete', prev_input: { name: 'alicia' } } })
  expect(users).toEqual(new Set())
  expect(store.snapshot()).toEqual({})
})
