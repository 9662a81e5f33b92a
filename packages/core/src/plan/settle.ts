import * as E from 'fp-ts/lib/Either.js'
import { readPlain } from '../decode/read.js'
import { describeType, isArrayValue, isRecord } from '../decode/describe.js'
import { stateOf } from '../model/attributes.js'
import { problem, type PathSegment, type Problem } from '../model/problem.js'
import type { InvocationState, InvokeRequest, LifecycleAction, Plan } from '../model/types.js'
import type { InvokeResponse } from '../ports/invoker.js'
import { idOf, md5Hex } from './id.js'

/** What to store after the first k invocations of a plan succeeded. */
export interface Settled {
  /** The current state; `undefined` when the resource does not exist. */
  readonly state: InvocationState | undefined
  /** A prior state whose delete invocation is still to run (create-first replace). */
  readonly deposed: InvocationState | undefined
}

/** A response that carried a function error: the step failed, and the stored state stays as it was before it. */
export interface FunctionFailure {
  readonly _tag: 'FunctionError'
  readonly functionName: string
  readonly qualifier: string
  readonly lifecycle: LifecycleAction
  /** `Handled` or `Unhandled`. */
  readonly functionError: string
  /** The function's response payload (its error report). */
  readonly payload: string
  /** The invocation that failed. */
  readonly request: InvokeRequest
}

/** Arguments of `settle` that are not a plan and responses (from a caller that is not typed, or an invoker that broke its contract). */
export interface SettleInputError {
  readonly _tag: 'InvalidInput'
  readonly problems: ReadonlyArray<Problem>
}

const ACTIONS: ReadonlySet<unknown> = new Set(['noop', 'create', 'update', 'replace', 'delete'])
const LIFECYCLES: ReadonlySet<unknown> = new Set(['create', 'update', 'delete'])

const need = (problems: Problem[], ok: boolean, path: ReadonlyArray<PathSegment>, what: string, u: unknown): boolean => {
  if (!ok) problems.push(problem(path, `must be ${what}, got ${describeType(u)}`))
  return ok
}

/** Checks what settle reads of a plan and responses (copied by the safe reader): enough that nothing below can throw. */
const checkShape = (plan: unknown, responses: unknown, problems: Problem[]): void => {
  if (need(problems, isRecord(plan), ['plan'], 'a plan', plan)) {
    const p = plan as Readonly<Record<string, unknown>>
    need(problems, ACTIONS.has(p['action']), ['plan', 'action'], 'an action of a plan', p['action'])
    for (const k of ['prior', 'desired']) need(problems, p[k] === undefined || isRecord(p[k]), ['plan', k], 'an object or absent', p[k])
    const invocations = p['invocations']
    if (need(problems, isArrayValue(invocations), ['plan', 'invocations'], 'an array', invocations)) {
      for (const [i, r] of (invocations as ReadonlyArray<unknown>).entries()) {
        const at = ['plan', 'invocations', i]
        if (!need(problems, isRecord(r), at, 'an invocation', r)) continue
        const q = r as Readonly<Record<string, unknown>>
        need(problems, LIFECYCLES.has(q['lifecycle']), [...at, 'lifecycle'], 'a lifecycle action', q['lifecycle'])
        for (const k of ['functionName', 'qualifier', 'payload']) need(problems, typeof q[k] === 'string', [...at, k], 'a string', q[k])
      }
    }
  }
  if (need(problems, isArrayValue(responses), ['responses'], 'an array', responses)) {
    for (const [i, r] of (responses as ReadonlyArray<unknown>).entries()) {
      if (!need(problems, isRecord(r), ['responses', i], 'a response', r)) continue
      const q = r as Readonly<Record<string, unknown>>
      need(problems, typeof q['payload'] === 'string', ['responses', i, 'payload'], 'a string', q['payload'])
      const fe = q['functionError']
      need(problems, fe === undefined || typeof fe === 'string', ['responses', i, 'functionError'], 'a string or absent', fe)
    }
  }
}

/** Settles the first `responses.length` steps, all successful; `md5s[i]`, when given, is the md5 of invocation i's payload. */
const settleSteps = (plan: Plan, responses: ReadonlyArray<InvokeResponse>, md5s: ReadonlyArray<string | undefined>): Settled => {
  const n = plan.invocations.length
  const k = Math.min(responses.length, n)
  let state: InvocationState | undefined = plan.prior
  let deposed: InvocationState | undefined
  for (let i = 0; i < k; i++) {
    const request = plan.invocations[i] as InvokeRequest
    const response = responses[i] as InvokeResponse
    if (request.lifecycle === 'delete') {
      if (deposed !== undefined) deposed = undefined
      else state = undefined
    } else if (plan.desired !== undefined) {
      // A create-first replace keeps the prior to delete, when its delete is still to run.
      if (plan.action === 'replace' && state === plan.prior && plan.invocations.some((r, j) => j > i && r.lifecycle === 'delete')) {
        deposed = plan.prior
      }
      const md5 = md5s[i] ?? md5Hex(request.payload)
      state = stateOf(plan.desired, { id: idOf(request.functionName, request.qualifier, md5), result: response.payload })
    }
  }
  // A delete is done once all its invocations are (none, in CREATE_ONLY scope).
  if (k === n && plan.action === 'delete') state = undefined
  return { state, deposed }
}

/**
 * Turns a plan and the responses of its first k invocations (in order) into
 * what to store next, or the first function error (the state to keep is the
 * one before that step). Responses beyond the plan's invocations are ignored.
 * Values that are not a plan and responses are an `InvalidInput`. Pure; never throws.
 */
export const settle = (plan: Plan, responses: ReadonlyArray<InvokeResponse>): E.Either<FunctionFailure | SettleInputError, Settled> => {
  const read = readPlain({ plan, responses })
  const problems: Problem[] = E.isLeft(read) ? read.left : []
  const input = E.isRight(read) ? (read.right as { readonly plan: unknown; readonly responses: unknown }) : undefined
  if (input !== undefined) checkShape(input.plan, input.responses, problems)
  if (input === undefined || problems.length > 0) return E.left({ _tag: 'InvalidInput', problems })
  // The shape is checked: what settle reads is there, with its types.
  return settleKnown(input.plan as Plan, input.responses as ReadonlyArray<InvokeResponse>)
}

/**
 * `settle` for a plan known to be one (made by `plan`, or decoded by its
 * codec) and responses known to be ones (the engine's, checked as they came):
 * nothing is copied or checked again. `payloadMd5s[i]`, when given, is the
 * md5 of invocation i's payload, so that a caller that has it (the engine,
 * for the step's intent) does not compute it twice.
 */
export const settleKnown = (
  p: Plan,
  rs: ReadonlyArray<InvokeResponse>,
  payloadMd5s: ReadonlyArray<string | undefined> = [],
): E.Either<FunctionFailure, Settled> => {
  const k = Math.min(rs.length, p.invocations.length)
  for (let i = 0; i < k; i++) {
    const response = rs[i] as InvokeResponse
    if (response.functionError !== undefined && response.functionError !== '') {
      const request = p.invocations[i] as InvokeRequest
      return E.left({
        _tag: 'FunctionError',
        functionName: request.functionName,
        qualifier: request.qualifier,
        lifecycle: request.lifecycle,
        functionError: response.functionError,
        payload: response.payload,
        request,
      })
    }
  }
  return E.right(settleSteps(p, rs, payloadMd5s))
}
