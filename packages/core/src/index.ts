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
} from './model/types.js'
export type { Intent, ResourceRecord } from './model/record.js'
export type { PathSegment, Problem } from './model/problem.js'

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
export { formatProblems, problem } from './model/problem.js'
export { decodeArgs } from './decode/args.js'
export { decodeState } from './decode/state.js'
export { decodeRecord } from './decode/record.js'

// planning
export { plan } from './plan/plan.js'
export type { PlanError } from './plan/plan.js'
export { settle } from './plan/settle.js'
export type { FunctionFailure, Settled } from './plan/settle.js'
export { dataSourceId, invocationId, parseId, parseImportId } from './plan/id.js'
export type { ParsedId } from './plan/id.js'
export { MAX_CLIENT_CONTEXT_BYTES, MAX_PAYLOAD_BYTES } from './model/limits.js'

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
