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
  ResolvedPlanOptions,
} from './model/types.js'
export { ATTRIBUTES } from './model/attributes.js'
export type { AttributeRow, Change, CompareContext, Presence } from './model/attributes.js'
export type { Brand, FunctionName, Qualifier, Region, TenantId, TerraformKey } from './model/brand.js'
export type { Holder, Intent, ResourceRecord } from './model/record.js'
export type { Phase, PhaseName, PlannedChange, Resolution } from './model/change.js'
export { mainPlan } from './model/change.js'
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
export { decodeArgs, InvocationArgsCodec } from './decode/args.js'
export { decodeState, InvocationStateCodec, TerraformStateCodec } from './decode/state.js'
export type { TerraformAttributes } from './decode/state.js'
export { decodeRecord, HolderCodec, ResourceRecordCodec } from './decode/record.js'
export { decodePlannedChange, PlannedChangeCodec, ResolutionCodec } from './decode/change.js'
export { InvokeCallCodec } from './decode/call.js'
export type { CheckedCall } from './decode/call.js'
export { EncodingCodec, PlanOptionsCodec, ReplaceOrderCodec } from './decode/options.js'
export { FunctionNameCodec, QualifierCodec, RegionCodec, TenantIdCodec, TerraformKeyCodec } from './decode/aws.js'
export { LifecycleScopeCodec } from './model/attributes.js'
export { reportProblems } from './decode/reporter.js'
export { closest } from './decode/suggest.js'
// building codecs of your own, with the same messages (`strict` runs on plain data: wrap the outermost codec in `readable`)
export { NonEmptyString, readable, strict } from './decode/codec.js'
export type { Field, FieldPresence, StrictSpec } from './decode/codec.js'

// planning
export { plan } from './plan/plan.js'
export type { PlanError } from './plan/plan.js'
export { settle } from './plan/settle.js'
export type { FunctionFailure, SettleInputError, Settled } from './plan/settle.js'
export { dataSourceId, invocationId, parseId, parseImportId } from './plan/id.js'
export type { ParsedId } from './plan/id.js'
export { MAX_CLIENT_CONTEXT_BYTES, MAX_PAYLOAD_BYTES } from './model/limits.js'

// engine
export { createEngine } from './engine/engine.js'
export { formatEngineError } from './engine/format-error.js'
export type {
  Applied,
  ApplyAllOptions,
  ApplyAllReport,
  ApplyAllSummary,
  ApplyChangeOptions,
  ApplyItem,
  ApplyOptions,
  ClaimedMode,
  Engine,
  EngineDeps,
  EngineError,
  ItemResult,
  ItemStatus,
  PlanChangeOptions,
  Progress,
  Ran,
  RetryPolicy,
} from './engine/types.js'
