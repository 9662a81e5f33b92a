import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { InvokeResponse } from '../ports/invoker.js'
import type { ResourceRecord } from '../model/record.js'
import { settle, type Settled } from '../plan/settle.js'
import type { InvokeRequest, Plan } from '../model/types.js'
import { save, withoutIntent, type Cursor } from './cursor.js'
import type { Deps } from './deps.js'
import { intentFor } from './intent.js'
import { invokeWithRetry } from './retry.js'
import type { EngineError } from './types.js'

/** One invocation run, with its response. */
export interface Ran {
  readonly request: InvokeRequest
  readonly response: InvokeResponse
}

/** Where a plan's settlement goes in the record: the main plan's into `state`/`deposed`, a deposed delete's into `deposed`. */
export type Placement = (settled: Settled, before: ResourceRecord) => ResourceRecord

/** What running the steps of a plan needs. */
export interface StepsInput {
  readonly deps: Deps
  readonly key: string
  readonly plan: Plan
  readonly place: Placement
  readonly signal?: AbortSignal
  /** A response taken as the first step's, without invoking (the assume-done resolution). */
  readonly assumedFirst?: InvokeResponse
}

/** How far the steps came: the cursor after the last stored write and the invocations run. */
export interface StepsDone {
  readonly cursor: Cursor
  readonly ran: ReadonlyArray<Ran>
}

/**
 * Runs a plan's invocations in order. For each: records the intent with
 * compare-and-set (a lost race invokes nothing), invokes with `NotRun`
 * retries, then stores the settled state without the intent. A failure leaves
 * the record as it was before the step, except after `Unknown`, where the
 * intent stays, marked, so that the next run reports it.
 */
export const runSteps = async (input: StepsInput, start: Cursor): Promise<Either<EngineError, StepsDone>> => {
  const { deps, key, plan, place, signal } = input
  const responses: InvokeResponse[] = []
  const ran: Ran[] = []
  let cursor = start

  if (plan.action === 'noop') return right({ cursor, ran })
  if (plan.invocations.length === 0) {
    const before = withoutIntent(cursor.record)
    const settled = settle(plan, [])
    const saved = await save(deps, key, cursor, isLeft(settled) ? before : place(settled.right, before))
    return isLeft(saved) ? saved : right({ cursor: saved.right, ran })
  }

  for (const [i, request] of plan.invocations.entries()) {
    const before = withoutIntent(cursor.record)
    let response: InvokeResponse
    if (i === 0 && input.assumedFirst !== undefined) {
      response = input.assumedFirst
    } else {
      if (signal?.aborted === true) return left({ _tag: 'Aborted', key })
      const intent = intentFor(plan.action, request, deps.clock.now())
      const marked = await save(deps, key, cursor, { ...before, intent })
      if (isLeft(marked)) return marked
      cursor = marked.right
      const attempted = await invokeWithRetry(deps.invoker, deps.clock, deps.retry, request, signal)
      if (isLeft(attempted.result)) {
        const failure = attempted.result.left
        // After Unknown the function may have run: keep the intent so the next run refuses to guess.
        const keep: ResourceRecord = failure._tag === 'Unknown' ? { ...before, intent: { ...intent, outcome: 'unknown', message: failure.message } } : before
        await save(deps, key, cursor, keep)
        if (attempted.aborted) return left({ _tag: 'Aborted', key })
        return left({ _tag: 'InvokeFailed', key, request, failure, attempts: attempted.attempts })
      }
      response = attempted.result.right
      ran.push({ request, response })
    }
    responses.push(response)
    const settled = settle(plan, responses)
    if (isLeft(settled)) {
      // The function ran and failed: nothing of this step is kept, so the next plan proposes it again.
      // If even that write fails, the intent stays and the next run reports the step: still no silent redo.
      await save(deps, key, cursor, before)
      // An invoker's response settle cannot read is its broken contract: refused like bad input, the state kept.
      return left(settled.left._tag === 'InvalidInput' ? { _tag: 'InvalidInput', key, problems: settled.left.problems } : functionError(key, request, settled.left))
    }
    const saved = await save(deps, key, cursor, place(settled.right, before))
    if (isLeft(saved)) return saved
    cursor = saved.right
  }
  return right({ cursor, ran })
}

const functionError = (
  key: string,
  request: InvokeRequest,
  failure: { readonly functionName: string; readonly functionError: string; readonly payload: string },
): EngineError => ({
  _tag: 'FunctionError',
  key,
  request,
  functionName: failure.functionName,
  functionError: failure.functionError,
  payload: failure.payload,
})
