/**
 * @lambda-invocation/memory-adapter: an in-memory invoker and state store for
 * tests and embedding, and the clocks (real and manual) the engine needs.
 */
export { MemoryInvoker } from './invoker.js'
export type { CallRecord, MemoryInvokerOptions, Received, RegisterOptions } from './invoker.js'
export type { Fault } from './faults.js'
export type {
  Callback,
  ClientContext,
  ClientContextClient,
  ClientContextEnv,
  CognitoIdentity,
  Handler,
  LambdaContext,
  RawHandler,
} from './lambda-context.js'
export { callHandler } from './run-handler.js'
export { parseFunctionRef } from './function-ref.js'
export type { FunctionRef } from './function-ref.js'
export { MemoryStateStore } from './state-store.js'
export { systemClock } from './clock.js'
export { ManualClock } from './manual-clock.js'
export type { ManualClockOptions, Waiting } from './manual-clock.js'
