import { absurd } from 'fp-ts/lib/function.js'
import { formatProblems } from '../model/problem.js'
import type { Holder } from '../model/record.js'
import type { InvokeCall } from '../ports/invoker.js'
import type { StoreFailure, Version } from '../ports/state-store.js'
import type { EngineError, Ran } from './types.js'

const where = (key: string): string => (key === '' ? '' : ` for "${key}"`)

const describeCall = (call: InvokeCall): string => {
  const fn = `${call.functionName}:${call.qualifier ?? '$LATEST'}`
  return call.lifecycle === undefined ? `the call of ${fn}` : `the ${call.lifecycle} invocation of ${fn}`
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`)

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

const holderText = (h: Holder): string =>
  `runner ${h.id}${h.host === undefined ? '' : ` on ${h.host}`}${h.pid === undefined ? '' : ` (pid ${h.pid})`}`

const versionText = (v: Version | undefined): string => (v === undefined ? 'no record' : `version ${v} of the record`)

const steps = (ran: ReadonlyArray<Ran>): string => ran.map((r) => describeCall(r.request)).join(', then ')

/** A store failure after this apply ran steps: which ran, which of them is stored, what to do. */
const afterSteps = (key: string, f: StoreFailure, ran: ReadonlyArray<Ran>, unstored: boolean): string => {
  if (!unstored) {
    return `${storeSentence(key, f)} Before that, this apply ran ${steps(ran)}, and ${ran.length === 1 ? 'its result is' : 'their results are'} stored.`
  }
  const last = ran[ran.length - 1] as Ran
  const stored = ran.slice(0, -1)
  const earlier = stored.length === 0 ? '' : ` Before it, this apply ran ${steps(stored)}, which ${stored.length === 1 ? 'is' : 'are'} stored.`
  const head = `${capital(describeCall(last.request))}${where(key)} ran, but its result could not be stored`
  switch (f._tag) {
    case 'Conflict':
      return (
        `${head}: the state was changed by another apply meanwhile (${clause(f.message)}).${earlier} What is stored now is what that apply wrote: run plan to see it. ` +
        'This step ran and is not recorded, so the next plan may propose it again: if its effect must not repeat, check it before applying again.'
      )
    case 'Unavailable':
    case 'Corrupt':
      return (
        `${head}: ${f._tag === 'Unavailable' ? `the state store could not be used (${clause(f.message)})` : `the stored record is not readable (${clause(f.message)})`}.${earlier} ` +
        'The step stays recorded as interrupted, so the next plan reports it: once the store is back, resolve it (assume-done takes it as done, with its result).'
      )
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
      if (e.live === true && i.holder !== undefined) {
        return (
          `The ${i.lifecycle} invocation of ${i.functionName}:${i.qualifier}${where(e.key)} (part of ${article(i.action)}) was started at ${i.startedAt} by another apply (${holderText(i.holder)}), which may still be running it. ` +
          'Wait for it to finish, or run plan to see its result; choose a resolution only once you know that apply has stopped.'
        )
      }
      const by = i.holder === undefined ? '' : ` by ${holderText(i.holder)}`
      const how =
        i.outcome === 'unknown'
          ? `its outcome is unknown (${i.message ?? 'no answer'}): the function may have run`
          : 'it never finished recording (the process stopped or the state store failed): the function may have run'
      return (
        `The ${i.lifecycle} invocation of ${i.functionName}:${i.qualifier}${where(e.key)} (part of ${article(i.action)}) started at ${i.startedAt}${by} and ${how}. ` +
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
    case 'StalePlan':
      return (
        `The planned change${where(e.key)} is stale: it was planned from ${versionText(e.expected)}, and the store now holds ${versionText(e.found)}: ` +
        'another apply changed the resource since. Nothing was invoked; plan again.'
      )
    case 'StoreFailed':
      return e.ran === undefined || e.ran.length === 0 ? storeSentence(e.key, e.failure) : afterSteps(e.key, e.failure, e.ran, e.unstored === true)
    case 'Aborted':
      return `The apply${where(e.key)} was stopped before its next step; what finished is recorded and the next apply goes on from there.`
    default:
      return absurd(e)
  }
}
