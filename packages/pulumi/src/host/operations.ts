/**
 * Core's plan mapped onto Pulumi's dynamic provider contract. Each function
 * takes the checked inputs or stored outputs as Pulumi hands them over and
 * returns Pulumi's result, or a typed error; `index.ts` turns errors into the
 * exceptions Pulumi expects. Only create, update and delete invoke.
 */
import type * as pulumi from '@pulumi/pulumi'
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import { ATTRIBUTES, decodeArgs, plan } from '@lambda-invocation/core'
import type { InvocationState, LifecycleScope, Plan, PlanOptions } from '@lambda-invocation/core'
import { fromOutputs, toOutputs } from './outputs.js'
import { propertyPath } from './property-path.js'
import { runPlan, type RunDeps } from './run-plan.js'
import type { StepError } from './step-error.js'
import { unknownKeys } from './unknowns.js'

/** What the operations need: how to invoke, and the options every plan gets. */
export interface HostDeps extends RunDeps {
  readonly planOptions: PlanOptions
}

type Props = Readonly<Record<string, unknown>>

/** The key under which Pulumi's dynamic provider host keeps the serialized provider in inputs and outputs. */
const PROVIDER_KEY = '__provider'

/** The arguments' rows of core's attribute table, in its order. */
const ARGUMENT_ROWS = ATTRIBUTES.filter((r) => r.argument !== 'computed')

const SCOPES: ReadonlyArray<LifecycleScope> = ['CREATE_ONLY', 'CRUD']

/** The arguments whose change replaces in either scope: an update leaves them as they are. */
const ALWAYS_REPLACING: ReadonlyArray<string> = ARGUMENT_ROWS.filter((r) => SCOPES.every((s) => r.change[s] === 'replace')).map((r) => r.name)

/** The row of an argument given under its name or an alias (`pulumiKey`). */
const rowOf = (key: string) => ARGUMENT_ROWS.find((r) => r.name === key || (r.aliases as ReadonlyArray<string>).includes(key))

const asProps = (u: unknown): Props => (typeof u === 'object' && u !== null && !Array.isArray(u) ? (u as Props) : {})

/** The user's values: Pulumi's own key taken out. */
const withoutProvider = (u: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(asProps(u)).filter(([k]) => k !== PROVIDER_KEY))

const unreadable = (problems: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly message: string }>): StepError => ({
  _tag: 'UnreadableState',
  problems,
})

const priorState = (outputs: unknown, id: string): E.Either<StepError, InvocationState> => {
  const prior = fromOutputs(withoutProvider(outputs), id)
  return E.isLeft(prior) ? E.left(unreadable(prior.left)) : E.right(prior.right)
}

/** A plan, or the problems as a step error: those under `prior` concern the stored state, the rest the arguments. */
const planned = (prior: InvocationState | undefined, args: unknown, options: PlanOptions): E.Either<StepError, Plan> => {
  const p = plan(prior, args, options)
  if (E.isRight(p)) return p
  const problems = p.left.problems
  return E.left(problems.some((q) => q.path[0] === 'prior') ? unreadable(problems) : { _tag: 'InvalidInputs', problems })
}

/**
 * Validates the arguments: every problem is a failure naming its property.
 * Values Pulumi does not know yet (a preview) are not judged. `pulumiKey` is
 * folded into `terraformKey`, the name the state keeps.
 */
export const check = (news: unknown): pulumi.dynamic.CheckResult => {
  const args = withoutProvider(news)
  const unknown = new Set(unknownKeys(args))
  // The alias pair is judged together: one unknown makes their comparison unknown.
  if (unknown.has('terraformKey') || unknown.has('pulumiKey')) unknown.add('terraformKey').add('pulumiKey')
  const decoded = decodeArgs(args)
  const failures = E.isLeft(decoded)
    ? decoded.left
        .filter((p) => p.path.length === 0 || !unknown.has(String(p.path[0])))
        .map((p) => ({ property: propertyPath(p.path), reason: p.message }))
    : []
  const { pulumiKey, ...rest } = args
  const inputs = pulumiKey === undefined || rest['terraformKey'] !== undefined ? rest : { ...rest, terraformKey: pulumiKey }
  return failures.length > 0 ? { inputs, failures } : { inputs }
}

const priorValue = (prior: InvocationState, key: string): unknown => {
  const row = rowOf(key)
  return row === undefined ? undefined : (prior as Readonly<Record<string, unknown>>)[row.name]
}

/** The given names in the attribute table's order. */
const inOrder = (names: ReadonlySet<string>): string[] => ARGUMENT_ROWS.map((r) => r.name).filter((n) => names.has(n))

/**
 * A preview's diff while some inputs are not known: the known ones are planned
 * against the prior state, and an unknown one counts as changed (a replace when
 * its change would replace: `input` too, unless the scope is known to be CRUD).
 */
const previewDiff = (
  deps: HostDeps,
  prior: InvocationState,
  args: Props,
  unknown: ReadonlyArray<string>,
): E.Either<StepError, pulumi.dynamic.DiffResult> => {
  const known: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(args)) {
    const value = unknown.includes(k) ? priorValue(prior, k) : v
    if (value !== undefined) known[k] = value
  }
  const p = planned(prior, known, deps.planOptions)
  if (E.isLeft(p)) return p
  const replaces = new Set<string>(p.right.action === 'replace' ? p.right.forcedBy : [])
  // The desired scope decides what a change of `input` means; when it is unknown too, either may be.
  const scope = args['lifecycleScope']
  const scopes = unknown.includes('lifecycleScope') ? SCOPES : SCOPES.filter((s) => s === (scope ?? 'CREATE_ONLY'))
  for (const k of unknown) {
    const row = rowOf(k)
    if (row !== undefined && scopes.some((s) => row.change[s] === 'replace')) replaces.add(row.name)
  }
  if (replaces.size === 0) return E.right({ changes: true, replaces: [], stables: [...ALWAYS_REPLACING] })
  return E.right({ changes: true, replaces: inOrder(replaces), deleteBeforeReplace: deps.planOptions.replaceOrder === 'delete-first' })
}

/**
 * Pulumi's diff is core's plan: noop is no change, an update names nothing to
 * replace, a replace names the attributes that force it and runs delete-first
 * when the provider's replace order says so.
 */
export const diff = (deps: HostDeps, id: string, olds: unknown, news: unknown): E.Either<StepError, pulumi.dynamic.DiffResult> => {
  const prior = priorState(olds, id)
  if (E.isLeft(prior)) return prior
  const args = withoutProvider(news)
  const unknown = unknownKeys(args)
  if (unknown.length > 0) return previewDiff(deps, prior.right, args, unknown)
  const p = planned(prior.right, args, deps.planOptions)
  if (E.isLeft(p)) return p
  const step = p.right
  switch (step.action) {
    case 'noop':
      // Outputs without the serialized provider were written by aws.lambda.Invocation: Pulumi's
      // host needs it there to delete or refresh the resource, so one update records it (`update`
      // of a noop plan invokes nothing).
      return E.right(PROVIDER_KEY in asProps(olds) ? { changes: false } : { changes: true, replaces: [] })
    case 'update':
      return E.right({ changes: true, replaces: [], stables: [...ALWAYS_REPLACING] })
    case 'replace':
      return E.right({ changes: true, replaces: inOrder(new Set(step.forcedBy)), deleteBeforeReplace: step.order === 'delete-first' })
    case 'create':
    case 'delete':
      return E.left({ _tag: 'UnexpectedPlan', action: step.action })
    default:
      return absurd(step)
  }
}

/** Invokes the create; its id is the invocation id, its outputs those `aws.lambda.Invocation` stores. */
export const create = async (deps: HostDeps, inputs: unknown): Promise<E.Either<StepError, pulumi.dynamic.CreateResult>> => {
  const p = planned(undefined, withoutProvider(inputs), deps.planOptions)
  if (E.isLeft(p)) return p
  if (p.right.action !== 'create') return E.left({ _tag: 'UnexpectedPlan', action: p.right.action })
  const state = await runPlan(deps, p.right)
  if (E.isLeft(state)) return state
  if (state.right === undefined) return E.left({ _tag: 'UnexpectedPlan', action: 'delete' })
  return E.right({ id: state.right.id, outs: toOutputs(state.right) })
}

/**
 * Invokes the update and gives the new outputs (with the new invocation id;
 * Pulumi keeps the resource id of the create). A noop plan, which only records
 * the provider in a state `aws.lambda.Invocation` wrote, invokes nothing and
 * keeps the outputs as they were.
 */
export const update = async (deps: HostDeps, id: string, olds: unknown, news: unknown): Promise<E.Either<StepError, pulumi.dynamic.UpdateResult>> => {
  const prior = priorState(olds, id)
  if (E.isLeft(prior)) return prior
  const p = planned(prior.right, withoutProvider(news), deps.planOptions)
  if (E.isLeft(p)) return p
  switch (p.right.action) {
    case 'noop':
      return E.right({ outs: withoutProvider(olds) })
    case 'update': {
      const state = await runPlan(deps, p.right)
      if (E.isLeft(state)) return state
      if (state.right === undefined) return E.left({ _tag: 'UnexpectedPlan', action: 'delete' })
      return E.right({ outs: toOutputs(state.right) })
    }
    case 'create':
    case 'replace':
    case 'delete':
      return E.left({ _tag: 'UnexpectedPlan', action: p.right.action })
    default:
      return absurd(p.right)
  }
}

/** Invokes the delete when the stored scope is CRUD (a CREATE_ONLY state is just dropped). */
export const remove = async (deps: HostDeps, id: string, props: unknown): Promise<E.Either<StepError, void>> => {
  const prior = priorState(props, id)
  if (E.isLeft(prior)) return prior
  const p = planned(prior.right, undefined, deps.planOptions)
  if (E.isLeft(p)) return p
  if (p.right.action !== 'delete') return E.left({ _tag: 'UnexpectedPlan', action: p.right.action })
  const state = await runPlan(deps, p.right)
  return E.isLeft(state) ? state : E.right(undefined)
}

/** Refresh: nothing to ask Lambda, so the stored outputs are given back as they are once they read as a state. */
export const read = (id: string, props: unknown): E.Either<StepError, pulumi.dynamic.ReadResult> => {
  const outputs = withoutProvider(props)
  if (outputs['functionName'] === undefined) return E.left({ _tag: 'NotReadable' })
  const prior = priorState(outputs, id)
  if (E.isLeft(prior)) return prior
  return E.right({ id, props: outputs })
}
