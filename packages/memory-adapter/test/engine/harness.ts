import { createEngine, type Engine, type EngineDeps } from '@lambda-invocation/core'
import { MemoryInvoker } from '../../src/invoker.js'
import { ManualClock } from '../../src/manual-clock.js'
import { MemoryStateStore } from '../../src/state-store.js'

/** A fresh engine over memory adapters, with an `echo` function that answers `{"got": event}`. */
export const harness = (extra: Partial<EngineDeps> = {}) => {
  const clock = new ManualClock({ start: '2026-03-04T05:06:07.000Z' })
  const invoker = new MemoryInvoker({ clock }).register('echo', (event) => ({ got: event }))
  const store = new MemoryStateStore()
  const engine: Engine = createEngine({ invoker, store, clock, ...extra })
  return { clock, invoker, store, engine, another: (): Engine => createEngine({ invoker, store, clock, ...extra }) }
}

/** CRUD arguments for the echo function. */
export const crud = (input: string, more: Record<string, unknown> = {}) => ({ functionName: 'echo', input, lifecycleScope: 'CRUD', ...more })
