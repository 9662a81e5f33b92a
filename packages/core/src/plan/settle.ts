import * as E from 'fp-ts/lib/Either.js'
import { invocationId } from './id.js'
import type { InvokeResponse } from '../ports/invoker.js'
import type { InvocationState, InvokeRequest, LifecycleAction, Plan, ResolvedArgs } from '../model/types.js'

/** What to store after the first k invocations of a plan succeeded. */
export interface Settled {
  /** The current state; `undefined` when the resource does not exist. */
  readonly state: InvocationState | undefined
  /** A prior state whose delete invocation is still to run (create-first replace). */
  readonly deposed: InvocationState | undefined
  /** True when every invocation of the plan has a response. */
  readonly complete: boolean
}

/** A response that carried a function error: the step failed, and `keep` is what to store. */
export interface FunctionFailure {
  readonly _tag: 'FunctionError'
  readonly functionName: string
  readonly qualifier: string
  readonly lifecycle: LifecycleAction
  /** `Handled` or `Unhandled`. */
  readonly functionError: string
  /** The function's response payload (its error report). */
  readonly payload: string
  readonly statusCode: number
  /** For people: which function failed, how, in which step, and an excerpt of what it said. */
  readonly message: string
  /** The invocation that failed. */
  readonly request: InvokeRequest
  /** The settlement of the responses before the failed one: the stored state stays as it was. */
  readonly keep: Settled
}

const EXCERPT = 500

const excerpt = (s: string): string => (s.length > EXCERPT ? `${s.slice(0, EXCERPT)}… (${s.length} characters)` : s)

const newState = (desired: ResolvedArgs, request: InvokeRequest, response: InvokeResponse): InvocationState => ({
  schemaVersion: 1,
  id: invocationId(request.functionName, request.qualifier, request.payload),
  functionName: desired.functionName,
  input: desired.input,
  qualifier: desired.qualifier,
  triggers: desired.triggers,
  lifecycleScope: desired.lifecycleScope,
  terraformKey: desired.terraformKey,
  ...(desired.tenantId === undefined ? {} : { tenantId: desired.tenantId }),
  ...(desired.region === undefined ? {} : { region: desired.region }),
  result: response.payload,
})

/** Settles the first `responses.length` steps, all successful. */
const settleSteps = (plan: Plan, responses: ReadonlyArray<InvokeResponse>): Settled => {
  const n = plan.invocations.length
  const k = Math.min(responses.length, n)
  const complete = k === n
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
      state = newState(plan.desired, request, response)
    }
  }
  if (complete && plan.action === 'delete') state = undefined
  return { state, deposed, complete }
}

/**
 * Turns a plan and the responses of its first k invocations (in order) into
 * what to store next, or the first function error with what to keep (the
 * state as it was before that step). Responses beyond the plan's invocations
 * are ignored. Pure; never throws.
 */
export const settle = (plan: Plan, responses: ReadonlyArray<InvokeResponse>): E.Either<FunctionFailure, Settled> => {
  const k = Math.min(responses.length, plan.invocations.length)
  for (let i = 0; i < k; i++) {
    const response = responses[i] as InvokeResponse
    if (response.functionError !== undefined && response.functionError !== '') {
      const request = plan.invocations[i] as InvokeRequest
      return E.left({
        _tag: 'FunctionError',
        functionName: request.functionName,
        qualifier: request.qualifier,
        lifecycle: request.lifecycle,
        functionError: response.functionError,
        payload: response.payload,
        statusCode: response.statusCode,
        message: `function ${request.functionName} failed (${response.functionError}) while handling the ${request.lifecycle}: ${excerpt(response.payload)}`,
        request,
        keep: settleSteps(plan, responses.slice(0, i)),
      })
    }
  }
  return E.right(settleSteps(plan, responses))
}
