import type { LifecycleAction } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import { parseFunctionRef } from '../function-ref.js'
import type { CallRecord, Received } from '../invoker.js'

/** What the matchers read of a `MemoryInvoker`. */
export interface Observed {
  readonly calls: ReadonlyArray<CallRecord>
  received(functionName: string): ReadonlyArray<Received>
}

/** Which runs of a function a matcher counts: every field given must hold. */
export interface InvocationMatch {
  /** The lifecycle step the call was for (`create`, `update`, `delete`), as the engine sent it. */
  readonly action?: LifecycleAction
  /** The version or alias that answered (`$LATEST` when the call named none). */
  readonly qualifier?: string
  /** The payload text, compared exactly (or with an asymmetric matcher such as `expect.stringContaining`). */
  readonly payload?: unknown
  /** The event the function received, compared as `toEqual` does (asymmetric matchers allowed). */
  readonly event?: unknown
}

const MATCH_KEYS: ReadonlyArray<string> = ['action', 'qualifier', 'payload', 'event']

/** Equality as the matcher's `this.equals` gives it. */
export type Equals = (actual: unknown, expected: unknown) => boolean

/** Whether `value` is something the matchers can read: a `MemoryInvoker` (by shape, so that two copies of the package both qualify). */
export const isObserved = (value: unknown): value is Observed =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as Partial<Observed>).calls) &&
  typeof (value as Partial<Observed>).received === 'function'

/** A misuse of a matcher, answered at once with its name: a test that cannot mean anything must not pass. */
export const misuse = (matcher: string, message: string): TypeError => new TypeError(`${matcher}: ${message}`)

/** Checks a match object: a misspelt key would otherwise match every run. */
export const checkMatch = (matcher: string, match: unknown): InvocationMatch => {
  if (match === undefined) return {}
  if (typeof match !== 'object' || match === null || Array.isArray(match)) {
    throw misuse(matcher, `the match must be an object with ${MATCH_KEYS.join(', ')}, got ${JSON.stringify(match) ?? String(match)}`)
  }
  const unknown = Object.keys(match).filter((k) => !MATCH_KEYS.includes(k))
  if (unknown.length > 0) {
    throw misuse(matcher, `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in the match; it takes ${MATCH_KEYS.join(', ')}`)
  }
  return match as InvocationMatch
}

/** Whether one run matches every field given. */
export const matches = (run: Received, match: InvocationMatch, equals: Equals): boolean =>
  (match.action === undefined || run.lifecycle === match.action) &&
  (match.qualifier === undefined || run.qualifier === match.qualifier) &&
  (!('payload' in match) || equals(run.payload, match.payload)) &&
  (!('event' in match) || equals(run.event, match.event))

/** The runs of a function, by any name Lambda accepts for it. */
export const runsOf = (invoker: Observed, functionName: string): ReadonlyArray<Received> => invoker.received(parseFunctionRef(functionName).name)

const MAX_PAYLOAD_SHOWN = 500

const shown = (payload: string): string => (payload.length > MAX_PAYLOAD_SHOWN ? `${payload.slice(0, MAX_PAYLOAD_SHOWN)}… (${payload.length} characters)` : payload)

/** One line per run: its number, step, qualifier and payload. */
const describeRuns = (runs: ReadonlyArray<Received>): string =>
  runs
    .map((r, i) => `  ${i + 1}. ${r.lifecycle ?? '(no lifecycle)'}${r.qualifier === '$LATEST' ? '' : ` (${r.qualifier})`} ${shown(r.payload)}`)
    .join('\n')

/**
 * What the invoker received for a function, for a failure message: its runs,
 * its calls that did not run and why, or, when it has none, the functions
 * that were called.
 */
export const describeReceived = (invoker: Observed, functionName: string): string => {
  const name = parseFunctionRef(functionName).name
  const runs = runsOf(invoker, functionName)
  const notRun = invoker.calls.filter((c) => c.functionName === name && !c.ran)
  const lines: string[] = []
  if (runs.length === 0) lines.push(`no run of "${name}"`)
  else lines.push(`${runs.length} run${runs.length === 1 ? '' : 's'} of "${name}":`, describeRuns(runs))
  if (notRun.length > 0) {
    const why = notRun.map((c) => (E.isLeft(c.result) ? `${c.result.left._tag} (${c.result.left.code ?? c.result.left.message})` : `status ${c.result.right.statusCode}`))
    lines.push(`and ${notRun.length} call${notRun.length === 1 ? '' : 's'} that did not run: ${why.join(', ')}`)
  }
  if (runs.length === 0 && notRun.length === 0) {
    const others = [...new Set(invoker.calls.map((c) => c.functionName))]
    lines.push(others.length === 0 ? '(the invoker received no call at all)' : `(calls went to ${others.map((o) => `"${o}"`).join(', ')})`)
  }
  return lines.join('\n')
}
