import type { Clock, Invoker } from '@lambda-invocation/core'
import { answerRequest, type LambdaContextLike } from './answer-request.js'
import { systemClock } from '@lambda-invocation/memory-adapter'
import { replyTo } from './event.js'
import { responseBody } from './response.js'
import type { RetryOptions } from './run.js'

/** Dependencies and options of `makeOnEventHandler`: those of the custom resource handler, without a responder (the framework answers). */
export interface OnEventDeps {
  readonly invoker: Invoker
  readonly clock?: Clock
  readonly defaultRegion?: string
  readonly reserveMs?: number
  readonly retry?: RetryOptions
  readonly log?: (line: string) => void
}

/** What an `onEvent` handler returns to CDK's Provider framework, which answers CloudFormation with it. */
export interface OnEventResponse {
  readonly PhysicalResourceId: string
  readonly Data?: Readonly<Record<string, string>>
  readonly NoEcho?: boolean
}

/** An `onEvent` handler for CDK's `custom_resources.Provider`: resolves to the answer, rejects (with the reason) to fail. */
export type OnEventHandler = (event: unknown, context?: LambdaContextLike) => Promise<OnEventResponse>

/**
 * The same lifecycle as `makeCustomResourceHandler`, on the contract of CDK's
 * Provider framework: it resolves to `{ PhysicalResourceId, Data, NoEcho }`
 * and throws an `Error` whose message is the reason to fail. The framework
 * then answers FAILED with a marker of its own on a Create (and skips the
 * rollback Delete) or with the unchanged physical id on an Update or Delete.
 */
export const makeOnEventHandler = (deps: OnEventDeps): OnEventHandler => {
  const clock = deps.clock ?? systemClock
  const log = deps.log ?? ((line: string) => console.log(line))
  return async (event, context) => {
    const reply = replyTo(event)
    const { answer } = await answerRequest({ ...deps, clock }, event, reply, context, 'optional')
    // The framework's response carries Reason "SUCCESS": fit Data in the 4,096 bytes as it will be sent.
    const body = responseBody(reply, { ...answer, Reason: answer.Status === 'SUCCESS' ? 'SUCCESS' : answer.Reason })
    try {
      log(`lambda-invocation: ${reply.RequestType ?? '?'} ${reply.LogicalResourceId ?? '?'} → ${answer.Status} ${answer.PhysicalResourceId}: ${answer.Reason}`)
    } catch {
      // A logger that throws must not change the answer.
    }
    if (answer.Status === 'FAILED') throw new Error(answer.Reason)
    return {
      PhysicalResourceId: answer.PhysicalResourceId,
      ...(body.Data === undefined ? {} : { Data: body.Data }),
      ...(answer.NoEcho === true ? { NoEcho: true } : {}),
    }
  }
}
