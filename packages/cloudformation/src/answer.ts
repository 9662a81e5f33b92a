import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import { formatProblems, settle, type FunctionFailure, type InvokeFailure } from '@lambda-invocation/core'
import type { Decision } from './decide.js'
import type { ReplyTo } from './event.js'
import { failedMarker } from './physical-id.js'
import type { RunResult } from './run.js'

/** The outputs a successful Create or Update gives `Fn::GetAtt`. */
export interface AnswerData {
  /** The function's response payload, as text. Left out when the answer would not fit in 4,096 bytes. */
  readonly Result?: string
  /** Our invocation id of the last create or update: `functionName,qualifier,md5(payload)`. */
  readonly InvocationId: string
}

/** What the provider answers, before it is put in CloudFormation's response envelope. */
export interface Answer {
  readonly Status: 'SUCCESS' | 'FAILED'
  readonly PhysicalResourceId: string
  readonly Reason: string
  readonly Data?: AnswerData
  readonly NoEcho?: boolean
}

/**
 * The physical id of a FAILED answer: a marker for a Create or an Update (so
 * that CloudFormation's rollback Delete of it invokes nothing, and a failed
 * Update leaves the resource as it was), the resource's own id for a Delete.
 */
export const failurePhysicalId = (reply: ReplyTo): string => {
  const requestId = reply.RequestId ?? ''
  switch (reply.RequestType) {
    case 'Delete':
      return reply.PhysicalResourceId !== undefined && reply.PhysicalResourceId !== '' ? reply.PhysicalResourceId : failedMarker('Create', requestId)
    case 'Update':
      return failedMarker('Update', requestId)
    default:
      return failedMarker('Create', requestId)
  }
}

/** A FAILED answer with `reason`. */
export const failed = (reply: ReplyTo, reason: string): Answer => ({ Status: 'FAILED', PhysicalResourceId: failurePhysicalId(reply), Reason: reason })

const undone = (reply: ReplyTo): string => (reply.RequestType === 'Delete' ? '' : '; nothing will undo it')

/** What a failure proves about the function, in words, for the reason. */
export const provenance = (failure: InvokeFailure, reply: ReplyTo): string => {
  switch (failure._tag) {
    case 'NotRun':
    case 'Rejected':
      return 'the function did not run'
    case 'Unknown':
      return `the function may have run${undone(reply)}`
    default:
      return absurd(failure)
  }
}

// The function's own error report, cut so that the reason keeps room for the rest of the answer.
const EXCERPT = 1500

/** A function error in words: which function, how, in which step, and what it said. */
const functionFailed = (f: FunctionFailure): string => {
  const said = f.payload.length > EXCERPT ? `${f.payload.slice(0, EXCERPT)}… (${f.payload.length} characters)` : f.payload
  return `function ${f.functionName} failed (${f.functionError}) while handling the ${f.lifecycle}: ${said}`
}

const stepsBefore = (decision: Decision, done: number): string => (done > 0 && decision.run.length > done ? `the create of the new properties ran, then ` : '')

/** The answer to a request whose invocations ran (or failed). Pure. */
export const conclude = (reply: ReplyTo, decision: Decision, run: RunResult): Answer => {
  switch (run._tag) {
    case 'InvokeFailed': {
      const f = run.failure
      return failed(reply, `${stepsBefore(decision, run.responses.length)}${f.message} (${f._tag}: ${provenance(f, reply)})`)
    }
    case 'Answered':
      break
    default:
      return absurd(run)
  }
  const noEcho = decision.noEcho ? { NoEcho: true } : {}
  if (decision.plan === undefined) return { Status: 'SUCCESS', PhysicalResourceId: decision.physicalId, Reason: decision.summary, ...noEcho }
  const settled = settle(decision.plan, run.responses)
  if (E.isLeft(settled)) {
    const f = settled.left
    switch (f._tag) {
      case 'FunctionError':
        return failed(reply, `${stepsBefore(decision, run.responses.length - 1)}${functionFailed(f)}${undone(reply)}`)
      case 'InvalidInput':
        // Only an invoker that broke its contract answers something that is not a response; the call was sent.
        return failed(reply, `the invoker's answer is not a response (${formatProblems(f.problems).replaceAll('\n', '; ')}): the function may have run${undone(reply)}`)
      default:
        return absurd(f)
    }
  }
  const state = settled.right.state
  const data = decision.outputs && state !== undefined ? { Data: { Result: state.result, InvocationId: state.id } } : {}
  return { Status: 'SUCCESS', PhysicalResourceId: decision.physicalId, Reason: decision.summary, ...data, ...noEcho }
}
