/**
 * The codecs of a planned change (`engine.plan`'s answer, which a front end
 * may save as JSON and apply later) and of its parts: the resolution of an
 * interrupted step, a plan, its invocations, its phases.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { ATTRIBUTES, type Attribute } from '../model/attributes.js'
import type { Phase, PlannedChange, Resolution } from '../model/change.js'
import type { Problem } from '../model/problem.js'
import type { Action, InvokeRequest, LifecycleAction, Plan, ReplaceOrder } from '../model/types.js'
import { PlainArgs } from './args.js'
import { FunctionNameCodec, QualifierCodec, RegionCodec, TenantIdCodec } from './aws.js'
import { AnyString, arrayOf, decodeFields, NonEmptyString, notAnObject, oneOf, readable, strict, type Field, type StrictSpec } from './codec.js'
import { isRecord, showValue } from './describe.js'
import { PlanOptionsStruct } from './options.js'
import { IntentCodec } from './record.js'
import { reportProblems } from './reporter.js'
import { StoredState } from './state.js'

// ---- resolution

const RESOLUTION_TAGS = ['Retry', 'AssumeDone', 'Forget'] as const

const resolutionSpec = (tag: Resolution['_tag']): StrictSpec => ({
  name: 'Resolution',
  noun: 'a resolution',
  member: `a field of the ${tag} resolution`,
  fields: [
    { key: '_tag', name: '_tag', codec: oneOf('ResolutionTag', [tag]), presence: 'required' },
    ...(tag === 'AssumeDone' ? [{ key: 'result', name: 'result', codec: AnyString, presence: 'optional' } satisfies Field] : []),
  ],
})

const RESOLUTION_SPECS: Readonly<Record<Resolution['_tag'], StrictSpec>> = {
  Retry: resolutionSpec('Retry'),
  AssumeDone: resolutionSpec('AssumeDone'),
  Forget: resolutionSpec('Forget'),
}

const ResolutionTag = oneOf<Resolution['_tag']>('ResolutionTag', RESOLUTION_TAGS)

const validateResolution = (u: unknown, c: t.Context): t.Validation<Resolution> => {
  if (!isRecord(u)) return t.failures([notAnObject('a resolution', u, c)])
  const tag = u['_tag']
  if (!ResolutionTag.is(tag)) {
    const message =
      tag === undefined || tag === null
        ? 'is required: "Retry", "AssumeDone" (with an optional result) or "Forget"'
        : `must be "Retry" or "AssumeDone" or "Forget", got ${showValue(tag)}`
    return t.failure(tag, t.appendContext(c, '_tag', ResolutionTag, tag), message)
  }
  const d = decodeFields(RESOLUTION_SPECS[tag], u, c)
  return d.errors.length > 0 ? t.failures([...d.errors]) : t.success(d.fields as Resolution)
}

/** A resolution on plain data: `{ _tag: 'Retry' }`, `{ _tag: 'AssumeDone', result? }` or `{ _tag: 'Forget' }`; other keys refused. */
export const ResolutionStruct: t.Type<Resolution, Resolution, unknown> = new t.Type<Resolution, Resolution, unknown>(
  'Resolution',
  (u): u is Resolution => E.isRight(validateResolution(u, [])),
  validateResolution,
  (a) => a,
)

/** How to leave an interrupted step behind, from any value: `Retry`, `AssumeDone` (with an optional `result`) or `Forget`. */
export const ResolutionCodec: t.Type<Resolution, Resolution, unknown> = readable(ResolutionStruct)

// ---- plans

/** One invocation of a plan, formats branded. */
export const InvokeRequestStruct = strict<InvokeRequest>({
  name: 'InvokeRequest',
  noun: 'an invocation',
  member: 'a field of an invocation',
  fields: [
    { key: 'functionName', name: 'functionName', codec: FunctionNameCodec, presence: 'required' },
    { key: 'qualifier', name: 'qualifier', codec: QualifierCodec, presence: 'required' },
    { key: 'payload', name: 'payload', codec: AnyString, presence: 'required' },
    { key: 'lifecycle', name: 'lifecycle', codec: oneOf<LifecycleAction>('LifecycleAction', ['create', 'update', 'delete']), presence: 'required' },
    { key: 'tenantId', name: 'tenantId', codec: TenantIdCodec, presence: 'optional' },
    { key: 'region', name: 'region', codec: RegionCodec, presence: 'optional' },
  ],
})

const Attributes = arrayOf('Attributes', oneOf<Attribute>('Attribute', ATTRIBUTES.filter((r) => r.argument !== 'computed').map((r) => r.name as Attribute)))

/** `true`, the only value of a flag that is absent when off (a requested replace). */
const True = new t.Type<true, true, unknown>('true', (u): u is true => u === true, (u, c) => (u === true ? t.success(true) : t.failure(u, c, `must be true (or absent), got ${showValue(u)}`)), (a) => a)

const PLAN: StrictSpec = {
  name: 'Plan',
  noun: 'a plan',
  member: 'a field of a plan',
  fields: [
    { key: 'action', name: 'action', codec: oneOf<Action>('Action', ['noop', 'create', 'update', 'replace', 'delete']), presence: 'required' },
    { key: 'invocations', name: 'invocations', codec: arrayOf('Invocations', InvokeRequestStruct), presence: 'required' },
    { key: 'prior', name: 'prior', codec: StoredState, presence: 'optional' },
    { key: 'desired', name: 'desired', codec: PlainArgs, presence: 'optional' },
    { key: 'changed', name: 'changed', codec: Attributes, presence: 'optional' },
    { key: 'forcedBy', name: 'forcedBy', codec: Attributes, presence: 'optional' },
    { key: 'order', name: 'order', codec: oneOf<ReplaceOrder>('ReplaceOrder', ['delete-first', 'create-first']), presence: 'optional' },
    { key: 'requested', name: 'requested', codec: True, presence: 'optional' },
  ],
}

/** What each action of a plan holds: its invocations' lifecycles (in any order), whether a prior and a desired state are there, its own fields. */
interface Shape {
  readonly lifecycles: ReadonlyArray<ReadonlyArray<LifecycleAction>>
  readonly prior: boolean | undefined
  readonly desired: boolean | undefined
  readonly own: ReadonlyArray<'changed' | 'forcedBy' | 'order'>
  /** The action may be marked `requested` (a replace asked for with `forceReplace`). */
  readonly requestable: boolean
}

const SHAPES: Readonly<Record<Action, Shape>> = {
  noop: { lifecycles: [[]], prior: undefined, desired: undefined, own: [], requestable: false },
  create: { lifecycles: [['create']], prior: false, desired: true, own: [], requestable: false },
  update: { lifecycles: [['update']], prior: true, desired: true, own: ['changed'], requestable: false },
  replace: { lifecycles: [['create'], ['create', 'delete']], prior: true, desired: true, own: ['forcedBy', 'order'], requestable: true },
  delete: { lifecycles: [[], ['delete']], prior: true, desired: false, own: [], requestable: false },
}

const describeLifecycles = (ls: ReadonlyArray<ReadonlyArray<LifecycleAction>>): string =>
  ls.map((l) => (l.length === 0 ? 'none' : l.join(' and '))).join(' or ')

/** The checks across the fields of a plan whose fields each decoded. */
const planShapeErrors = (p: Readonly<Record<string, unknown>>, c: t.Context): t.ValidationError[] => {
  const action = p['action'] as Action
  const shape = SHAPES[action]
  const errors: t.ValidationError[] = []
  const at = (key: string, message: string): void => {
    errors.push({ value: p[key], context: t.appendContext(c, key, t.unknown, p[key]), message })
  }
  const lifecycles = (p['invocations'] as ReadonlyArray<InvokeRequest>).map((r) => r.lifecycle).sort()
  if (!shape.lifecycles.some((l) => l.length === lifecycles.length && l.every((x, i) => x === lifecycles[i]))) {
    at('invocations', `a ${action} plan invokes ${describeLifecycles(shape.lifecycles)}, got ${describeLifecycles([lifecycles])}`)
  }
  for (const [key, needed] of [['prior', shape.prior], ['desired', shape.desired]] as const) {
    if (needed === true && p[key] === undefined) at(key, `is required in a ${action} plan`)
    if (needed === false && p[key] !== undefined) at(key, `must be absent in a ${action} plan`)
  }
  for (const key of ['changed', 'forcedBy', 'order'] as const) {
    const own = shape.own.includes(key)
    if (own && p[key] === undefined) at(key, `is required in a ${action} plan`)
    if (!own && p[key] !== undefined) at(key, `is not a field of a ${action} plan`)
  }
  if (!shape.requestable && p['requested'] !== undefined) at('requested', `is not a field of a ${action} plan (only a replace is requested)`)
  return errors
}

const validatePlan = (u: unknown, c: t.Context): t.Validation<Plan> => {
  const d = decodeFields(PLAN, u, c)
  if (d.errors.length > 0) return t.failures([...d.errors])
  const errors = planShapeErrors(d.fields, c)
  // Checked: the fields make one of the plan's cases.
  return errors.length > 0 ? t.failures(errors) : t.success(d.fields as unknown as Plan)
}

/** A plan on plain data, as `plan` gives it: its action's invocations, states and fields, nothing else. */
export const PlanStruct: t.Type<Plan, Plan, unknown> = new t.Type<Plan, Plan, unknown>('Plan', (u): u is Plan => E.isRight(validatePlan(u, [])), validatePlan, (a) => a)

// ---- phases and the change

const PhaseStruct = strict<Phase>({
  name: 'Phase',
  noun: 'a phase',
  member: 'a field of a phase',
  fields: [
    { key: 'phase', name: 'phase', codec: oneOf('PhaseName', ['deposed', 'main']), presence: 'required' },
    { key: 'plan', name: 'plan', codec: PlanStruct, presence: 'required' },
    { key: 'assumedResult', name: 'assumedResult', codec: AnyString, presence: 'optional' },
  ],
})

const PhaseList = arrayOf('Phases', PhaseStruct)

const validatePhases = (u: unknown, c: t.Context): t.Validation<PlannedChange['phases']> => {
  const decoded = PhaseList.validate(u, c)
  if (E.isLeft(decoded)) return decoded
  const phases = decoded.right
  const names = phases.map((p) => p.phase).join(', ')
  if (names !== 'main' && names !== 'deposed, main') return t.failure(u, c, `must be the phases [main] or [deposed, main], got [${names}]`)
  const first = phases[0] as Phase
  if (first.phase === 'deposed' && first.plan.action !== 'delete') {
    return t.failure(first.plan.action, t.appendContext(t.appendContext(t.appendContext(c, '0', t.unknown, first), 'plan', t.unknown, first.plan), 'action', t.unknown, first.plan.action), `must be "delete" in the deposed phase, got ${showValue(first.plan.action)}`)
  }
  // Checked: one main phase, after a deposed one when there are two.
  return t.success(phases as unknown as PlannedChange['phases'])
}

const Phases = new t.Type<PlannedChange['phases'], PlannedChange['phases'], unknown>('Phases', (u): u is PlannedChange['phases'] => E.isRight(validatePhases(u, [])), validatePhases, (a) => a)

const CHANGE: StrictSpec = {
  name: 'PlannedChange',
  noun: 'a planned change',
  member: 'a field of a planned change',
  fields: [
    { key: 'key', name: 'key', codec: NonEmptyString, presence: 'required' },
    { key: 'version', name: 'version', codec: NonEmptyString, presence: 'optional' },
    { key: 'phases', name: 'phases', codec: Phases, presence: 'required' },
    { key: 'options', name: 'options', codec: PlanOptionsStruct, presence: 'required' },
    { key: 'deposed', name: 'deposed', codec: StoredState, presence: 'optional' },
    { key: 'interrupted', name: 'interrupted', codec: IntentCodec, presence: 'optional' },
    { key: 'resolution', name: 'resolution', codec: ResolutionStruct, presence: 'optional' },
  ],
}

/** The checks across the fields of a change whose fields each decoded. */
const changeErrors = (ch: PlannedChange, c: t.Context): t.ValidationError[] => {
  const errors: t.ValidationError[] = []
  const at = (key: string, value: unknown, message: string): void => {
    errors.push({ value, context: t.appendContext(c, key, t.unknown, value), message })
  }
  const deposedPhase = ch.phases.length === 2
  if (deposedPhase && ch.deposed === undefined) at('deposed', undefined, 'is required with a deposed phase (the state that phase deletes)')
  if (!deposedPhase && ch.deposed !== undefined) at('deposed', ch.deposed, 'must be absent without a deposed phase')
  if (ch.resolution !== undefined && ch.interrupted === undefined) at('resolution', ch.resolution, 'must be absent without an interrupted step')
  const assumed = ch.phases.filter((p) => p.assumedResult !== undefined).length
  if (assumed > 0 && ch.resolution?._tag !== 'AssumeDone') at('phases', ch.phases, 'may take a step as done only with an AssumeDone resolution')
  if (assumed > 1) at('phases', ch.phases, 'may take only one step as done')
  return errors
}

const validateChange = (u: unknown, c: t.Context): t.Validation<PlannedChange> => {
  const d = decodeFields(CHANGE, u, c)
  if (d.errors.length > 0) return t.failures([...d.errors])
  // Every field decoded, the required ones among them.
  const change = d.fields as unknown as PlannedChange
  const errors = changeErrors(change, c)
  return errors.length > 0 ? t.failures(errors) : t.success(change)
}

/**
 * A planned change, from any value (a JSON file written from `engine.plan`'s
 * answer): its key, the record version it was planned from, its phases with
 * their plans and exact payloads, its options and what the read found.
 * Unknown keys are refused, as everywhere.
 */
export const PlannedChangeCodec: t.Type<PlannedChange, PlannedChange, unknown> = readable(
  new t.Type<PlannedChange, PlannedChange, unknown>('PlannedChange', (u): u is PlannedChange => E.isRight(validateChange(u, [])), validateChange, (a) => a),
)

/** Validates a planned change (see `PlannedChangeCodec`); collects every problem. Never throws. */
export const decodePlannedChange = (u: unknown): E.Either<Problem[], PlannedChange> => E.mapLeft(reportProblems)(PlannedChangeCodec.decode(u))
