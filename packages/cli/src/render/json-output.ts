/**
 * The `--json` documents: one JSON document per command, for machines.
 * Payloads and results appear only with --show-payloads.
 */
import { formatEngineError, mainPlan, type Applied, type EngineError, type InvocationState, type InvokeRequest, type PlannedChange, type Problem, type ResourceRecord } from '@lambda-invocation/core'
import type { Command } from '../setup/args.js'
import type { CliError, ErrorTag } from '../setup/cli-error.js'
import { describeCliError } from './cli-error-text.js'
import { invokedBy, summarize, TARGETING_WARNING, type PlanSummary } from './plan-text.js'

/** A problem as data: where (the path in the config document, or in a resource's arguments) and what is wrong there. */
export interface JsonProblem {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/**
 * An error in a JSON document: the resource key (empty for the whole command),
 * the error's tag, a message for people, and the problems it is made of (an
 * invalid config or resource; empty for other errors).
 */
export interface JsonError {
  readonly key: string
  readonly error: ErrorTag
  readonly message: string
  readonly problems: ReadonlyArray<JsonProblem>
}

const problemsOf = (problems: ReadonlyArray<Problem> | undefined): ReadonlyArray<JsonProblem> => (problems ?? []).map(({ path, message }) => ({ path: [...path], message }))

/** One invocation as the JSON documents show it. */
export interface JsonInvocation {
  readonly functionName: string
  readonly qualifier: string
  readonly lifecycle: string
  readonly payload?: string
}

/** One planned change as the JSON documents show it. */
export interface JsonChange {
  readonly key: string
  readonly action: string
  readonly forcedBy: ReadonlyArray<string>
  readonly changed: ReadonlyArray<string>
  readonly priorId: string | null
  readonly deposedId: string | null
  readonly interrupted: PlannedChange['interrupted'] | null
  /** The stored state's attributes (`null`: none), its result only with --show-payloads. */
  readonly before: Record<string, unknown> | null
  /** The arguments planned (`null`: destroyed). */
  readonly after: Record<string, unknown> | null
  readonly invocations: ReadonlyArray<JsonInvocation>
}

const invocation = (r: InvokeRequest, showPayloads: boolean): JsonInvocation => ({
  functionName: r.functionName,
  qualifier: r.qualifier,
  lifecycle: r.lifecycle,
  ...(showPayloads ? { payload: r.payload } : {}),
})

/** A planned change for `--json`. */
export const jsonChange = (c: PlannedChange, showPayloads: boolean): JsonChange => {
  const plan = mainPlan(c)
  return {
    key: c.key,
    action: plan.action,
    forcedBy: plan.action === 'replace' ? plan.forcedBy : [],
    changed: plan.action === 'update' ? plan.changed : [],
    priorId: plan.prior?.id ?? null,
    deposedId: c.deposed?.id ?? null,
    interrupted: c.interrupted ?? null,
    before: plan.prior === undefined ? null : attributesOf(plan.prior, showPayloads),
    after: plan.desired === undefined ? null : { ...plan.desired },
    // What it sends, in order: a deposed state's delete first, not a step taken as done (--resolve assume-done).
    invocations: invokedBy(c).map((r) => invocation(r, showPayloads)),
  }
}

/** A state for `--json`: every attribute, the result only with --show-payloads. */
export const jsonState = (s: InvocationState, showPayloads: boolean): Record<string, unknown> => {
  const { result, ...rest } = s
  return showPayloads ? { ...rest, result } : rest
}

/** A state's attributes for a change's `before`: those of `jsonState`, without the record's schema version. */
const attributesOf = (s: InvocationState, showPayloads: boolean): Record<string, unknown> => {
  const { schemaVersion: _, ...attributes } = jsonState(s, showPayloads)
  return attributes
}

/** A stored record for `--json` (`show`). */
export const jsonRecord = (key: string, r: ResourceRecord, showPayloads: boolean): Record<string, unknown> => ({
  key,
  state: r.state === undefined ? null : jsonState(r.state, showPayloads),
  deposed: r.deposed === undefined ? null : jsonState(r.deposed, showPayloads),
  interrupted: r.intent ?? null,
})

/** What an apply did to one resource, for `--json`. */
export const jsonApplied = (a: Applied, showPayloads: boolean): Record<string, unknown> => ({
  key: a.key,
  action: a.plan.action,
  id: a.state?.id ?? null,
  ...(showPayloads && a.state !== undefined ? { result: a.state.result } : {}),
  invocations: a.invocations.map(({ request, response }) => ({
    ...invocation(request, showPayloads),
    statusCode: response.statusCode,
    ...(showPayloads ? { response: response.payload } : {}),
  })),
})

/** An engine error for `--json`. */
export const jsonEngineError = (e: EngineError): JsonError => ({
  key: e.key,
  error: e._tag,
  message: formatEngineError(e),
  problems: problemsOf(e._tag === 'InvalidInput' ? e.problems : e._tag === 'StoreFailed' && e.failure._tag === 'Corrupt' ? e.failure.problems : undefined),
})

/** A command failure for `--json`. */
export const jsonCliError = (e: CliError): JsonError => {
  const { key, message } = describeCliError(e)
  return { key, error: e._tag, message, problems: problemsOf(e._tag === 'ConfigError' ? e.problems : undefined) }
}

/** The summary of planned changes for `--json`. */
export const jsonSummary = (changes: ReadonlyArray<PlannedChange>): PlanSummary => summarize(changes)

/** The `command` of a JSON document. */
export type JsonCommand = Exclude<Command, 'help' | 'version' | 'completion'>

/** Every `command` a document can name (the README lists them). */
export const JSON_COMMANDS: { readonly [C in JsonCommand]: true } = {
  plan: true,
  apply: true,
  destroy: true,
  show: true,
  validate: true,
  output: true,
  import: true,
  'import-terraform': true,
  'state list': true,
  'state rm': true,
  'state mv': true,
}

/** The document's `command` for a word of the command line: the command, or empty when it names none (a usage error). */
export const jsonCommand = (word: string): JsonCommand | '' => (Object.hasOwn(JSON_COMMANDS, word) ? (word as JsonCommand) : '')

/** What every document holds: its command, the changes planned and their summary (none for `show`, the imports and a failure before planning), the errors. */
export interface JsonDocument {
  readonly command: JsonCommand | ''
  readonly changes?: ReadonlyArray<JsonChange>
  readonly summary?: PlanSummary
  readonly errors: ReadonlyArray<JsonError>
  readonly [more: string]: unknown
}

/** A plan's `warnings` for `--json`, said in text above the plan: targeting in effect. Empty without `--target`. */
export const jsonWarnings = (targets: ReadonlyArray<string>): { readonly warnings?: ReadonlyArray<string> } => (targets.length > 0 ? { warnings: [TARGETING_WARNING] } : {})

/** Serializes a document (`changes` and `summary` empty unless given): two-space indent, a final newline. */
export const jsonDocument = (doc: JsonDocument): string => {
  const { command, changes = [], summary = summarize([]), errors, ...rest } = doc
  return `${JSON.stringify({ formatVersion: 1, command, changes, summary, ...rest, errors }, null, 2)}\n`
}
