/**
 * @lambda-invocation/core: the plan, the exact payload and the apply engine of
 * a Lambda invocation resource. Pure: ports are passed in, nothing here does I/O.
 */

// model
export type {
  Action,
  Attribute,
  Encoding,
  InvocationArgs,
  InvocationState,
  InvokeRequest,
  LifecycleAction,
  LifecycleScope,
  Plan,
  PlanOptions,
  ReplaceOrder,
  ResolvedArgs,
} from './types.js'
export type { Intent, ResourceRecord } from './record.js'
export type { PathSegment, Problem } from './problem.js'

// ports
export type {
  InvocationType,
  InvokeCall,
  InvokeFailure,
  InvokeOptions,
  Invoker,
  InvokeResponse,
  LogType,
} from './ports/invoker.js'
export type { StateStore, StoreFailure, Version, Versioned } from './ports/state-store.js'
export type { Clock } from './ports/clock.js'

// validation
export { formatProblems, problem } from './problem.js'
export { decodeArgs } from './args.js'
export { decodeState } from './state.js'
export { decodeRecord } from './record-codec.js'

// planning
export { plan } from './plan.js'
export type { PlanError } from './plan.js'
export { settle } from './settle.js'
export type { FunctionFailure, Settled } from './settle.js'
export { dataSourceId, invocationId, parseId, parseImportId } from './id.js'
export type { ParsedId } from './id.js'
export { MAX_CLIENT_CONTEXT_BYTES, MAX_PAYLOAD_BYTES } from './limits.js'

// engine
export { createEngine } from './engine/engine.js'
export { formatEngineError } from './engine/format-error.js'
export type {
  Applied,
  ApplyItem,
  ApplyOptions,
  Engine,
  EngineDeps,
  EngineError,
  PlannedChange,
  Progress,
  Resolution,
  RetryPolicy,
} from './engine/types.js'
