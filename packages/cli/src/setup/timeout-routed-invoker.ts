/**
 * An invoker that sends each call through an invoker made for its timeout:
 * the adapters take a timeout when they are made, and an apply's resources
 * may each set their own.
 */
import type { Invoker } from '@lambda-invocation/core'
import type { TimeoutOf } from './call-timeouts.js'

/** Routes each call to `make(timeoutOf(call))`, made once per timeout, on first use. */
export const timeoutRoutedInvoker = (timeoutOf: TimeoutOf, make: (timeoutMs: number | undefined) => Invoker | Promise<Invoker>): Invoker => {
  const made = new Map<number | undefined, Promise<Invoker>>()
  const invokerFor = (ms: number | undefined): Promise<Invoker> => {
    let invoker = made.get(ms)
    if (invoker === undefined) {
      invoker = Promise.resolve(make(ms))
      made.set(ms, invoker)
    }
    return invoker
  }
  return { invoke: async (call, options) => (await invokerFor(timeoutOf(call))).invoke(call, options) }
}
