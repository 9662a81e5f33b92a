import { formatProblems } from '../model/problem.js'
import type { InvokeCall } from '../ports/invoker.js'
import type { StoreFailure } from '../ports/state-store.js'
import type { EngineError } from './types.js'

const absurd = (x: never): never => x

const where = (key: string): string => (key === '' ? '' : ` for "${key}"`)

const describeCall = (call: InvokeCall): string => {
  const fn = `${call.functionName}:${call.qualifier ?? '$LATEST'}`
  return call.lifecycle === undefined ? `the call of ${fn}` : `the ${call.lifecycle} invocation of ${fn}`
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** An adapter's message as a clause of our sentence: its own closing full stop dropped. */
const clause = (message: string): string => message.replace(/\.+\s*$/, '')

const storeSentence = (key: string, f: StoreFailure): string => {
  switch (f._tag) {
    case 'Conflict':
      return `The state${where(key)} was changed by another apply while this one ran (${f.message}); nothing was invoked by the step that lost. Plan again to see the new state.`
    case 'Unavailable':
      return `The state store could not be used${where(key)}: ${clause(f.message)}. If a step had started, the next plan reports it as interrupted; check the store and try again.`
    case 'Corrupt':
      return `The stored record${where(key)} is not readable: ${f.message}${f.problems === undefined ? '' : `\n${formatProblems(f.problems)}`}`
    default:
      return absurd(f)
  }
}

/** Renders an engine error in one or two sentences a person can act on: what failed, where, and what to do next. */
export const formatEngineError = (e: EngineError): string => {
  switch (e._tag) {
    case 'InvalidInput':
      return `Invalid input${where(e.key)}:\n${formatProblems(e.problems)}`
    case 'Interrupted': {
      const i = e.intent
      const how =
        i.outcome === 'unknown'
          ? `its outcome is unknown (${i.message ?? 'no answer'}): the function may have run`
          : 'it never finished recording (the process stopped or the state store failed): the function may have run'
      return (
        `The ${i.lifecycle} invocation of ${i.functionName}:${i.qualifier}${where(e.key)} (part of a ${i.action}) started at ${i.startedAt} and ${how}. ` +
        'Nothing more runs until you choose a resolution: retry (invoke it again), assume-done (take it as succeeded, optionally with its result) or forget (drop it and plan afresh).'
      )
    }
    case 'InvokeFailed': {
      const f = e.failure
      const tries = e.attempts === 1 ? '' : ` after ${e.attempts} attempts`
      const code = f.code === undefined ? '' : ` (${f.code})`
      switch (f._tag) {
        case 'NotRun':
          return `${capital(describeCall(e.request))}${where(e.key)} could not be made${tries}${code}: ${clause(f.message)}. The function did not run; the state is as it was before this step, so try again later.`
        case 'Rejected':
          return `${capital(describeCall(e.request))}${where(e.key)} was refused${code}: ${clause(f.message)}. The function did not run; the state is as it was before this step, so fix the cause before applying again.`
        case 'Unknown':
          return `${capital(describeCall(e.request))}${where(e.key)} got no answer${code}: ${clause(f.message)}. The function may have run; the step is kept as interrupted, so choose a resolution (retry, assume-done or forget) on the next apply.`
        default:
          return absurd(f)
      }
    }
    case 'FunctionError':
      return `The function ${e.functionName} failed (${e.functionError}) in ${describeCall(e.request)}${where(e.key)}: ${e.payload}. The state is as it was before this step, so the next apply runs it again.`
    case 'StoreFailed':
      return storeSentence(e.key, e.failure)
    case 'Aborted':
      return `The apply${where(e.key)} was stopped before its next step; what finished is recorded and the next apply goes on from there.`
    default:
      return absurd(e)
  }
}
