/**
 * Running a planned change: its phases' invocations in order, each recorded
 * before it runs. The write that stores a step's result also records the
 * intent of the next step, so that between two steps of one change the
 * record is never unclaimed (another runner sees who holds it), and a
 * two-step change costs three writes, not four.
 */
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import { mainPlan, type Phase, type PhaseName, type PlannedChange } from '../model/change.js'
import { problem } from '../model/problem.js'
import type { Intent, ResourceRecord } from '../model/record.js'
import type { InvokeRequest } from '../model/types.js'
import { md5Hex } from '../plan/id.js'
import { settleKnown, type Settled } from '../plan/settle.js'
import type { InvokeResponse } from '../ports/invoker.js'
import { isAborted, type Deps } from './inputs.js'
import { intentFor, interrupted, recordOf, save, withoutIntent, type Cursor } from './record-ops.js'
import { invokeWithRetry } from './retry.js'
import type { Applied, EngineError, Ran } from './types.js'

/**
 * Where a phase's settlement goes in the record: the main plan's into
 * `state` and `deposed`; a deposed state's delete leaves the current state
 * alone and keeps only what is still to delete.
 */
export const place = (phase: PhaseName, settled: Settled, before: ResourceRecord): ResourceRecord => {
  switch (phase) {
    case 'main':
      return recordOf(settled.state, settled.deposed)
    case 'deposed':
      return recordOf(before.state, settled.state)
    default:
      return absurd(phase)
  }
}

/** One move of a change: a phase's invocation (`index`), or the settling of a phase that invokes nothing (`index` -1). */
interface Move {
  readonly phase: Phase
  readonly index: number
  readonly request?: InvokeRequest
  /** The response taken for an interrupted step an `AssumeDone` resolution vouches for: it is not invoked. */
  readonly assumed?: InvokeResponse
}

const movesOf = (change: PlannedChange): Move[] => {
  const moves: Move[] = []
  for (const phase of change.phases) {
    const { plan } = phase
    if (plan.action === 'noop') continue
    if (plan.invocations.length === 0) moves.push({ phase, index: -1 })
    for (const [index, request] of plan.invocations.entries()) {
      const assumed = index === 0 && phase.assumedResult !== undefined ? { statusCode: 200, payload: phase.assumedResult } : undefined
      moves.push(assumed === undefined ? { phase, index, request } : { phase, index, request, assumed })
    }
  }
  return moves
}

/** What running a change needs. */
export interface Run {
  readonly deps: Deps
  readonly change: PlannedChange
  readonly signal?: AbortSignal
}

/** What a change came to: what it did, and whether it wrote anything (a change that did not is `unchanged`). */
export interface Done {
  readonly applied: Applied
  readonly wrote: boolean
}

/** A step about to run and its intent, with its payload's md5 (for the intent now and the state's id after). */
interface Claim {
  readonly intent: Intent
  readonly md5: string
}

const claimOf = (deps: Deps, change: PlannedChange, move: Move): E.Either<EngineError, Claim> => {
  const now = deps.clock.now()
  if (E.isLeft(now)) return E.left({ _tag: 'InvalidInput', key: change.key, problems: [problem(['deps', 'clock', 'now'], now.left)] })
  const request = move.request as InvokeRequest
  const md5 = md5Hex(request.payload)
  return E.right({ intent: intentFor(move.phase.plan.action as Intent['action'], request, now.right, md5, deps.runner), md5 })
}

/** A store failure after steps ran, saying which ran, and whether the last one's result is stored. */
const storeFailed = (e: EngineError, ran: ReadonlyArray<Ran>, unstored: boolean): EngineError =>
  e._tag !== 'StoreFailed' || ran.length === 0 ? e : { ...e, ran: [...ran], ...(unstored ? { unstored: true as const } : {}) }

/**
 * Runs `change` from `start` (the record at the change's version). For each
 * step: records the intent with compare-and-set (a lost race invokes
 * nothing), invokes with `NotRun` retries, then stores the settled state
 * (with the next step's intent, if any). A failure leaves the record as it
 * was before the step, except after `Unknown`, where the intent stays,
 * marked, so that the next run reports it. Refuses a change whose
 * interrupted step has no resolution.
 */
export const runChange = async (run: Run, start: Cursor): Promise<E.Either<EngineError, Done>> => {
  const { deps, change, signal } = run
  const key = change.key
  if (change.interrupted !== undefined && change.resolution === undefined) return E.left(interrupted(deps, key, change.interrupted))
  const moves = movesOf(change)
  const ran: Ran[] = []
  const responses = new Map<Phase, InvokeResponse[]>()
  const md5s = new Map<Phase, Array<string | undefined>>()
  let cursor = start
  let wrote = false
  // The intent the last write recorded: the claim of the next move.
  let claimed: Claim | undefined

  for (const [j, move] of moves.entries()) {
    const before = withoutIntent(cursor.record)
    let response: InvokeResponse | undefined = move.assumed
    if (move.request !== undefined && response === undefined) {
      if (claimed === undefined) {
        if (isAborted(signal)) return E.left({ _tag: 'Aborted', key })
        const claim = claimOf(deps, change, move)
        if (E.isLeft(claim)) return claim
        const marked = await save(deps, key, cursor, { ...before, intent: claim.right.intent })
        if (E.isLeft(marked)) return E.left(storeFailed(marked.left, ran, false))
        cursor = marked.right
        wrote = true
        claimed = claim.right
      } else if (isAborted(signal)) {
        // Stopped after the last write claimed this step and before it ran: the claim is taken back.
        await save(deps, key, cursor, before)
        return E.left({ _tag: 'Aborted', key })
      }
      const attempted = await invokeWithRetry(deps.invoker, deps.clock, deps.retry, move.request, signal)
      if (E.isLeft(attempted.result)) {
        const failure = attempted.result.left
        // After Unknown the function may have run: keep the intent so the next run refuses to guess.
        const keep: ResourceRecord = failure._tag === 'Unknown' ? { ...before, intent: { ...claimed.intent, outcome: 'unknown', message: failure.message } } : before
        await save(deps, key, cursor, keep)
        if (attempted.aborted) return E.left({ _tag: 'Aborted', key })
        return E.left({ _tag: 'InvokeFailed', key, request: move.request, failure, attempts: attempted.attempts })
      }
      response = attempted.result.right
      ran.push({ request: move.request, response })
    }
    const phaseResponses = responses.get(move.phase) ?? []
    const phaseMd5s = md5s.get(move.phase) ?? []
    if (response !== undefined) {
      phaseResponses.push(response)
      phaseMd5s.push(move.assumed === undefined ? claimed?.md5 : undefined)
      responses.set(move.phase, phaseResponses)
      md5s.set(move.phase, phaseMd5s)
    }
    const settled = settleKnown(move.phase.plan, phaseResponses, phaseMd5s)
    if (E.isLeft(settled)) {
      // The function ran and failed: nothing of this step is kept, so the next plan proposes it again.
      // If even that write fails, the intent stays and the next run reports the step: still no silent redo.
      await save(deps, key, cursor, before)
      const f = settled.left
      return E.left({ _tag: 'FunctionError', key, request: f.request, functionName: f.functionName, functionError: f.functionError, payload: f.payload })
    }
    let next = place(move.phase.phase, settled.right, before)
    claimed = undefined
    const following = moves[j + 1]
    if (following?.request !== undefined && following.assumed === undefined && !isAborted(signal)) {
      const claim = claimOf(deps, change, following)
      // A clock that cannot tell the time now is told when the next step claims on its own.
      if (E.isRight(claim)) {
        next = { ...next, intent: claim.right.intent }
        claimed = claim.right
      }
    }
    const saved = await save(deps, key, cursor, next)
    if (E.isLeft(saved)) return E.left(storeFailed(saved.left, ran, move.request !== undefined && move.assumed === undefined))
    cursor = saved.right
    wrote = true
  }
  if (!wrote && cursor.record.intent !== undefined) {
    // A forgotten interrupted step, and nothing else to do: only the intent goes.
    const cleared = await save(deps, key, cursor, withoutIntent(cursor.record))
    if (E.isLeft(cleared)) return cleared
    cursor = cleared.right
    wrote = true
  }
  return E.right({ applied: { key, plan: mainPlan(change), state: cursor.record.state, invocations: ran }, wrote })
}
