/**
 * @lambda-invocation/memory-adapter/vitest: Vitest matchers over a
 * `MemoryInvoker`. Register them once (`expect.extend(invokerMatchers)`, in a
 * test file or a setup file); importing this module also types them on
 * `expect(...)`. It imports nothing of Vitest at run time, and the main
 * entry of the package does not import it.
 */
import {
  toHaveInvoked,
  toHaveInvokedTimes,
  toHaveInvokedWith,
  toHaveLastInvokedWith,
  toHaveNthInvokedWith,
} from './matchers.js'
import type { InvocationMatch } from './runs.js'

export type { InvocationMatch } from './runs.js'

/**
 * The matchers, typed on `expect(invoker)`. A run is a call that ran the
 * function (a throttled or rejected call did not); a function is named as
 * any call may name it (`fn`, `fn:live`, an ARN). A failure shows every run
 * of the function, its calls that did not run, and why.
 */
export interface InvokerMatchers<R = void> {
  /** The function ran at least once (for a call matching `match`, when given): `toHaveInvoked('fn', { action: 'update' })`. */
  toHaveInvoked(functionName: string, match?: InvocationMatch): R
  /** The function ran exactly `times` times (counting the runs matching `match`, when given). */
  toHaveInvokedTimes(functionName: string, times: number, match?: InvocationMatch): R
  /** Some run of the function received `event`, compared as `toEqual` does (asymmetric matchers allowed). */
  toHaveInvokedWith(functionName: string, event: unknown): R
  /** The last run of the function received `event`, compared as `toEqual` does. */
  toHaveLastInvokedWith(functionName: string, event: unknown): R
  /** The `nth` run (1 for the first) of the function received `event`, compared as `toEqual` does. */
  toHaveNthInvokedWith(functionName: string, nth: number, event: unknown): R
}

/** The matchers to register with `expect.extend(invokerMatchers)`. */
export const invokerMatchers = {
  toHaveInvoked,
  toHaveInvokedTimes,
  toHaveInvokedWith,
  toHaveLastInvokedWith,
  toHaveNthInvokedWith,
}

declare module 'vitest' {
  // The type parameter must repeat Vitest's declaration for the interfaces to merge.
  interface Assertion<T = any> extends InvokerMatchers {}
}
