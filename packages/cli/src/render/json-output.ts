/**
 * The `--json` documents: one JSON document per command, for machines.
 * Payloads and results appear only with --show-payloads.
 */
import { formatEngineError, mainPlan, type Applied, type EngineError, type InvocationState, type InvokeRequest, type PlannedChange, type ResourceRecord } from '@lambda-invocation/core'
import type { CliError, ErrorTag } from '../setup/cli-error.js'
import { describeCliError } from './cli-error-text.js'
import { invokedBy, summarize, type PlanSummary } from './plan-text.js'

/** An error in a JSON document: the resource key (empty for the whole command), the error's tag, a message for people. */
export interface JsonError {
  readonly key: string
  readonly error: ErrorTag
  readonly message: string
}

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
    // What it sends, in order: a deposed state's delete first, not a step taken as done (--resolve assume-done).
    invocations: invokedBy(c).map((r) => invocation(r, showPayloads)),
  }
}

/** A state for `--json`: every attribute, the result only with --show-payloads. */
export const jsonState = (s: InvocationState, showPayloads: boolean): Record<string, unknown> => {
  const { result, ...rest } = s
  return showPayloads ? { ...rest, result } : rest
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
export const jsonEngineError = (e: EngineError): JsonError => ({ key: e.key, error: e._tag, message: formatEngineError(e) })

/** A command failure for `--json`. */
export const jsonCliError = (e: CliError): JsonError => ({ ...describeCliError(e), error: e._tag })

/** The summary of planned changes for `--json`. */
export const jsonSummary = (changes: ReadonlyArray<PlannedChange>): PlanSummary => summarize(changes)

/** Serializes a document: two-space indent, a final newline. */
export const jsonDocument = (doc: Record<string, unknown>): string => `${JSON.stringify({ formatVersion: 1, ...doc }, null, 2)}\n`
