import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { checkArgs, type CheckedArgs } from '../decode/args.js'
import { PlanOptionsCodec } from '../decode/options.js'
import { reportProblems } from '../decode/reporter.js'
import { decodeState } from '../decode/state.js'
import { findTreeFault, isJsonObject, jsonTypeName, parseJson, treeFaultMessage, type Json } from '../json/parse.js'
import { changesOf } from '../model/attributes.js'
import { exceedsBytes, MAX_PAYLOAD_BYTES, utf8Length } from '../model/limits.js'
import { problem, type PathSegment, type Problem } from '../model/problem.js'
import type { InvocationState, InvokeRequest, LifecycleAction, Plan, PlanOptions, ResolvedArgs, ResolvedPlanOptions } from '../model/types.js'
import { crudPayload } from './payload.js'

/** Why no plan could be made: every problem found, with paths from the args root or under `prior`. */
export interface PlanError {
  readonly _tag: 'PlanError'
  readonly problems: ReadonlyArray<Problem>
}

const planError = (problems: ReadonlyArray<Problem>): E.Either<PlanError, never> => E.left({ _tag: 'PlanError', problems })

const DEFAULT_OPTIONS: ResolvedPlanOptions = { replaceOrder: 'delete-first', encoding: 'terraform' }

// Options are decoded below an `options` entry, so their problems are under `options` and read "must be an object".
const optionsContext = (u: unknown): t.Context => [
  { key: '', type: PlanOptionsCodec, actual: u },
  { key: 'options', type: PlanOptionsCodec, actual: u },
]

const decodeOptions = (u: unknown, problems: Problem[]): ResolvedPlanOptions => {
  if (u === undefined || u === null) return DEFAULT_OPTIONS
  const decoded = PlanOptionsCodec.validate(u, optionsContext(u))
  if (E.isLeft(decoded)) {
    problems.push(...reportProblems(decoded.left))
    return DEFAULT_OPTIONS
  }
  return decoded.right
}

/**
 * Arguments without `region` mean "the client's region", as Terraform reads an
 * absent region as the provider's. With `defaultRegion` known they take it;
 * otherwise they keep the prior state's region (a Terraform state records one),
 * so adopting a state is not a replace and its calls go where they went before.
 */
const resolveRegion = (args: CheckedArgs, prior: InvocationState | undefined, options: ResolvedPlanOptions): CheckedArgs => {
  if (args.args.region !== undefined) return args
  const region = options.defaultRegion ?? prior?.region
  return region === undefined ? args : { ...args, args: { ...args.args, region } }
}

const prefixed = (prefix: PathSegment, problems: ReadonlyArray<Problem>): Problem[] =>
  problems.map((p) => problem([prefix, ...p.path], p.message))

/** The prior input as JSON, for `prev_input` and the delete payload; a problem under `prior.input` otherwise. */
const priorJson = (prior: InvocationState, problems: Problem[]): Json | undefined => {
  const parsed = parseJson(prior.input)
  if (E.isLeft(parsed)) {
    problems.push(problem(['prior', 'input'], parsed.left))
    return undefined
  }
  return parsed.right
}

const request = (
  target: Pick<ResolvedArgs, 'functionName' | 'qualifier' | 'tenantId' | 'region'>,
  lifecycle: LifecycleAction,
  payload: string,
): InvokeRequest => ({
  functionName: target.functionName,
  qualifier: target.qualifier,
  payload,
  lifecycle,
  ...(target.tenantId === undefined ? {} : { tenantId: target.tenantId }),
  ...(target.region === undefined ? {} : { region: target.region }),
})

const checkSize = (payload: string, path: ReadonlyArray<PathSegment>, problems: Problem[]): void => {
  if (exceedsBytes(payload, MAX_PAYLOAD_BYTES)) {
    problems.push(
      problem(
        path,
        `the payload would be ${utf8Length(payload).toLocaleString('en-US')} bytes, over Lambda's limit of ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes`,
      ),
    )
  }
}

/** The create or update invocation of the desired args (`prior` given for an update). */
const desiredInvocation = (
  desired: CheckedArgs,
  lifecycle: 'create' | 'update',
  prior: InvocationState | undefined,
  options: ResolvedPlanOptions,
  problems: Problem[],
): InvokeRequest | undefined => {
  const { args, input } = desired
  if (args.lifecycleScope === 'CREATE_ONLY') {
    checkSize(args.input, ['input'], problems)
    return request(args, lifecycle, args.input)
  }
  let prev: Json | undefined
  if (lifecycle === 'update' && prior !== undefined) {
    prev = priorJson(prior, problems)
    if (prev === undefined) return undefined
    // The provider decodes the prior input into a map: null gives prev_input null, anything else but an object fails the update.
    if (prev.value !== null && !isJsonObject(prev.value)) {
      problems.push(
        problem(
          ['prior', 'input'],
          `is ${jsonTypeName(prev.value)}, which cannot be the prev_input of a CRUD update (Terraform refuses it too); replace the resource instead, e.g. by changing its triggers`,
        ),
      )
      return undefined
    }
  }
  const payload = crudPayload(options.encoding, args.terraformKey, lifecycle, input, prev)
  if (E.isLeft(payload)) {
    problems.push(problem(['input'], payload.left))
    return undefined
  }
  checkSize(payload.right, ['input'], problems)
  return request(args, lifecycle, payload.right)
}

/** The delete invocation of a prior CRUD state: its input plus its key, `prev_input` the same input. */
const deleteInvocation = (prior: InvocationState, options: ResolvedPlanOptions, problems: Problem[]): InvokeRequest | undefined => {
  const json = priorJson(prior, problems)
  if (json === undefined) return undefined
  if (!isJsonObject(json.value)) {
    problems.push(problem(['prior', 'input'], `must be a JSON object in CRUD scope, got ${jsonTypeName(json.value)}`))
    return undefined
  }
  // A prior input may hold its own lifecycle key: Terraform overwrote it silently, and such states
  // exist. Refusing it here would leave a state that can never be destroyed, so the delete
  // overwrites it as the provider does (new inputs holding the key are refused in args).
  const payload = crudPayload(options.encoding, prior.terraformKey, 'delete', json, json)
  if (E.isLeft(payload)) {
    problems.push(problem(['prior', 'input'], payload.left))
    return undefined
  }
  checkSize(payload.right, ['prior', 'input'], problems)
  return request(prior, 'delete', payload.right)
}

const REPLACE_WITHOUT_ARGS = 'cannot replace a resource that is being destroyed (no arguments given): there would be nothing to create; leave the option out, or give the arguments'

const decide = (prior: InvocationState | undefined, desired: CheckedArgs | undefined, options: ResolvedPlanOptions): E.Either<PlanError, Plan> => {
  const problems: Problem[] = []
  if (prior === undefined && desired === undefined) {
    if (options.forceReplace === true) return planError([problem(['options', 'forceReplace'], REPLACE_WITHOUT_ARGS)])
    return E.right({ action: 'noop', invocations: [], prior: undefined, desired: undefined })
  }
  if (prior === undefined && desired !== undefined) {
    const create = desiredInvocation(desired, 'create', undefined, options, problems)
    if (create === undefined || problems.length > 0) return planError(problems)
    return E.right({ action: 'create', invocations: [create], prior: undefined, desired: desired.args })
  }
  if (prior !== undefined && desired === undefined) {
    if (options.forceReplace === true) return planError([problem(['options', 'forceReplace'], REPLACE_WITHOUT_ARGS)])
    if (prior.lifecycleScope === 'CREATE_ONLY') return E.right({ action: 'delete', invocations: [], prior, desired: undefined })
    const del = deleteInvocation(prior, options, problems)
    if (del === undefined || problems.length > 0) return planError(problems)
    return E.right({ action: 'delete', invocations: [del], prior, desired: undefined })
  }
  if (prior === undefined || desired === undefined) return planError(problems) // unreachable: all four cases are above
  const args = desired.args
  const { replace: forcedBy, update: changed } = changesOf(prior, args, { defaultRegion: options.defaultRegion })
  const requested = options.forceReplace === true
  if (forcedBy.length > 0 || requested) {
    const create = desiredInvocation(desired, 'create', undefined, options, problems)
    const del = prior.lifecycleScope === 'CRUD' ? deleteInvocation(prior, options, problems) : undefined
    if (create === undefined || problems.length > 0) return planError(problems)
    const order = options.replaceOrder
    const marked = requested ? { requested: true as const } : {}
    if (prior.lifecycleScope === 'CREATE_ONLY' || del === undefined) {
      return E.right({ action: 'replace', invocations: [create], prior, desired: args, forcedBy, order, ...marked })
    }
    const invocations: readonly [InvokeRequest, InvokeRequest] = order === 'delete-first' ? [del, create] : [create, del]
    return E.right({ action: 'replace', invocations, prior, desired: args, forcedBy, order, ...marked })
  }
  if (changed.length > 0) {
    const update = desiredInvocation(desired, 'update', prior, options, problems)
    if (update === undefined || problems.length > 0) return planError(problems)
    return E.right({ action: 'update', invocations: [update], prior, desired: args, changed })
  }
  // The input was parsed leaving its depth and range checks to the encoder, which did not run.
  const fault = desired.input.treeChecked ? undefined : findTreeFault(desired.input.value)
  if (fault !== undefined) return planError([problem(['input'], treeFaultMessage(fault, desired.input.text))])
  return E.right({ action: 'noop', invocations: [], prior, desired: args })
}

/**
 * Decides what to do to go from the stored state `prior` (or none) to the
 * arguments `desired` (or none: destroy), with the exact payloads to send in
 * order. Validates both (and the options); never throws. With
 * `forceReplace` an existing resource is replaced even when nothing changed
 * (the plan is marked `requested`); without a prior state that is a create,
 * without arguments it is refused.
 */
export const plan = (prior: unknown, desired: unknown, options?: PlanOptions | unknown): E.Either<PlanError, Plan> => {
  const problems: Problem[] = []
  const opts = decodeOptions(options, problems)
  let state: InvocationState | undefined
  if (prior !== undefined && prior !== null) {
    const decoded = decodeState(prior)
    if (E.isLeft(decoded)) problems.push(...prefixed('prior', decoded.left))
    else state = decoded.right
  }
  let args: CheckedArgs | undefined
  if (desired !== undefined && desired !== null) {
    // The CRUD Terraform encoder checks depth and float64 range in its own walk: parse without them.
    const checked = checkArgs(desired, opts.encoding === 'terraform')
    if (E.isLeft(checked)) problems.push(...checked.left)
    else args = checked.right
  }
  if (problems.length > 0) return planError(problems)
  return decide(state, args === undefined ? undefined : resolveRegion(args, state, opts), opts)
}
