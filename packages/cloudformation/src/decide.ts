import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import { invocationId, plan, problem, type InvocationState, type InvokeRequest, type Plan, type PlanOptions, type Problem, type ResolvedArgs } from '@lambda-invocation/core'
import type { CustomResourceEvent, DeleteEvent, UpdateEvent } from './event.js'
import { markerStep } from './physical-id.js'
import { asPropertyProblems, decodeProperties, type PropertiesField } from './properties.js'

/**
 * What a request asks for, decided from the event alone, before anything is
 * invoked: the plan (core's, Pulumi's create-first order), the invocations to
 * run now, and the physical id to answer with when they succeed.
 */
export interface Decision {
  /** `undefined` for the Delete of a failed step's marker: nothing was made, so there is nothing to plan. */
  readonly plan: Plan | undefined
  /** The invocations to run now, in order: a prefix of `plan.invocations`, or all of them. */
  readonly run: ReadonlyArray<InvokeRequest>
  /** The physical id of a successful answer. */
  readonly physicalId: string
  /** Whether a successful answer carries `Result` and `InvocationId` (false when nothing is known of them). */
  readonly outputs: boolean
  readonly noEcho: boolean
  /** One line for the answer's `Reason`: what was decided and why. */
  readonly summary: string
}

/** Options of `decide`. */
export interface DecideOptions {
  /** The region calls without `Region` go to (the handler's own); properties without `Region` mean it. */
  readonly defaultRegion?: string
}

const planned = (p: E.Either<{ readonly problems: ReadonlyArray<Problem> }, Plan>, prior: PropertiesField, desired: PropertiesField): E.Either<Problem[], Plan> => {
  if (E.isRight(p)) return p
  const priorProblems = p.left.problems.filter((x) => x.path[0] === 'prior').map((x) => problem(x.path.slice(1), x.message))
  const desiredProblems = p.left.problems.filter((x) => x.path[0] !== 'prior')
  return E.left([...asPropertyProblems(prior, priorProblems), ...asPropertyProblems(desired, desiredProblems)])
}

/** The state a resource is in, as far as the event tells: its properties, its physical id, and no known result. */
const stateOf = (physicalId: string, args: ResolvedArgs): InvocationState => ({ schemaVersion: 1, id: physicalId, ...args, result: '' })

// An absent region is left out rather than given as undefined: plan's options refuse what they do not know.
const planOptions = (options: DecideOptions, replaceOrder?: 'create-first'): PlanOptions => ({
  ...(replaceOrder === undefined ? {} : { replaceOrder }),
  ...(options.defaultRegion === undefined ? {} : { defaultRegion: options.defaultRegion }),
})

const idOf = (r: InvokeRequest): string => invocationId(r.functionName, r.qualifier, r.payload)

const target = (r: InvokeRequest): string => `${r.functionName} (${r.qualifier})`

const createDecision = (event: CustomResourceEvent, options: DecideOptions, why: string): E.Either<Problem[], Decision> => {
  const desired = decodeProperties(event.ResourceProperties, 'ResourceProperties')
  if (E.isLeft(desired)) return desired
  const p = planned(plan(undefined, desired.right.args, planOptions(options)), 'ResourceProperties', 'ResourceProperties')
  if (E.isLeft(p)) return p
  const create = p.right.invocations[0]
  if (p.right.action !== 'create' || create === undefined) return E.left([problem([], `expected a create, planned ${p.right.action}`)])
  return E.right({ plan: p.right, run: [create], physicalId: idOf(create), outputs: true, noEcho: desired.right.noEcho, summary: `${why}: invoked ${target(create)} once` })
}

const updateDecision = (event: UpdateEvent, options: DecideOptions): E.Either<Problem[], Decision> => {
  // A marker means nothing was made under that id (a failed create, or a failed update CloudFormation took for a failed replacement): there is no prior to update.
  const step = markerStep(event.PhysicalResourceId)
  if (step !== undefined) return createDecision(event, options, `create (the physical id is the marker of a failed ${step.toLowerCase()}: nothing exists under it)`)
  const old = decodeProperties(event.OldResourceProperties, 'OldResourceProperties')
  const desired = decodeProperties(event.ResourceProperties, 'ResourceProperties')
  if (E.isLeft(old) || E.isLeft(desired)) return E.left([...(E.isLeft(old) ? old.left : []), ...(E.isLeft(desired) ? desired.left : [])])
  const prior = stateOf(event.PhysicalResourceId, old.right.resolved)
  const p = planned(plan(prior, desired.right.args, planOptions(options, 'create-first')), 'OldResourceProperties', 'ResourceProperties')
  if (E.isLeft(p)) return p
  const noEcho = desired.right.noEcho
  const x = p.right
  switch (x.action) {
    case 'noop':
      return E.right({
        plan: x,
        run: [],
        physicalId: event.PhysicalResourceId,
        outputs: false,
        noEcho,
        summary: 'no change the function would see: nothing invoked; Result and InvocationId are not repeated (CloudFormation does not pass the earlier answer back)',
      })
    case 'update':
      return E.right({ plan: x, run: x.invocations, physicalId: event.PhysicalResourceId, outputs: true, noEcho, summary: `update (${x.changed.join(', ')} changed): invoked ${target(x.invocations[0])} once` })
    case 'replace': {
      const [create, del] = x.invocations
      const id = idOf(create)
      // Only Triggers or Region changed: the new id is the old one, CloudFormation would see a plain update and never delete the old resource, so its delete runs now.
      if (id === event.PhysicalResourceId && del !== undefined) {
        return E.right({ plan: x, run: [create, del], physicalId: id, outputs: true, noEcho, summary: `replace (${x.forcedBy.join(', ')} changed): invoked the create, then the delete of the old properties (same physical id)` })
      }
      const later = del === undefined ? '' : '; CloudFormation sends the delete of the old properties once the stack update succeeds'
      return E.right({ plan: x, run: [create], physicalId: id, outputs: true, noEcho, summary: `replace (${x.forcedBy.join(', ')} changed): invoked the create${later}` })
    }
    case 'create':
    case 'delete':
      return E.left([problem([], `an Update cannot plan a ${x.action}`)])
    default:
      return absurd(x)
  }
}

const deleteDecision = (event: DeleteEvent, options: DecideOptions): E.Either<Problem[], Decision> => {
  const step = markerStep(event.PhysicalResourceId)
  if (step !== undefined) {
    return E.right({
      plan: undefined,
      run: [],
      physicalId: event.PhysicalResourceId,
      outputs: false,
      noEcho: false,
      summary: `delete after a failed ${step.toLowerCase()}: nothing was made under this id, nothing invoked`,
    })
  }
  const current = decodeProperties(event.ResourceProperties, 'ResourceProperties')
  if (E.isLeft(current)) return current
  const p = planned(plan(stateOf(event.PhysicalResourceId, current.right.resolved), undefined, planOptions(options)), 'ResourceProperties', 'ResourceProperties')
  if (E.isLeft(p)) return p
  const del = p.right.invocations[0]
  const summary = del === undefined ? 'delete: lifecycle scope CREATE_ONLY invokes nothing on delete' : `delete: invoked ${target(del)} once`
  return E.right({ plan: p.right, run: p.right.invocations, physicalId: event.PhysicalResourceId, outputs: false, noEcho: current.right.noEcho, summary })
}

/**
 * Decides a request: the decision, or its problems (with paths under
 * `ResourceProperties` or `OldResourceProperties`). Pure; never throws.
 */
export const decide = (event: CustomResourceEvent, options: DecideOptions = {}): E.Either<Problem[], Decision> => {
  switch (event.RequestType) {
    case 'Create':
      return createDecision(event, options, 'create')
    case 'Update':
      return updateDecision(event, options)
    case 'Delete':
      return deleteDecision(event, options)
    default:
      return absurd(event)
  }
}
