import * as E from 'fp-ts/lib/Either.js'
import type { Clock, Invoker } from '@lambda-invocation/core'
import { answerRequest, message, type LambdaContextLike } from './answer-request.js'
import { systemClock } from '@lambda-invocation/memory-adapter'
import { deadlineSignal } from './clock.js'
import { replyTo } from './event.js'
import type { Responder } from './responder.js'
import { responseBody, type ResponseBody } from './response.js'
import type { RetryOptions } from './run.js'

/** Dependencies and options of `makeCustomResourceHandler`. */
export interface CustomResourceHandlerDeps {
  /** Runs the target function: the AWS adapter's `makeLambdaInvoker()` in production, a `MemoryInvoker` in tests. */
  readonly invoker: Invoker
  /** Delivers the answer to the presigned `ResponseURL`: `makeHttpResponder()` in production. */
  readonly responder: Responder
  /** Time for the deadline and retry waits. Default: real time. */
  readonly clock?: Clock
  /** The region calls without `Region` go to (the handler's own, `AWS_REGION`): properties without `Region` mean it. */
  readonly defaultRegion?: string
  /**
   * Milliseconds kept back before the handler's own timeout to answer in:
   * when only this much is left, the handler stops waiting for the function
   * and answers FAILED. Default: a tenth of the time left at the start,
   * between 500 ms and 10 s.
   */
  readonly reserveMs?: number
  /** Retries of invocations that certainly did not run. */
  readonly retry?: RetryOptions
  /** Where one line per request goes (request type, status, physical id, reason; never properties or results). Default `console.log`. */
  readonly log?: (line: string) => void
}

/** A Lambda handler for CloudFormation custom resource requests: answers every request it can and never throws; resolves to the document it sent. */
export type CustomResourceHandler = (event: unknown, context?: LambdaContextLike) => Promise<ResponseBody | undefined>

/**
 * A handler for `Custom::LambdaInvocation` requests. Create, Update and
 * Delete are planned with core's `plan` (a replace creates first), the function
 * is invoked through `invoker` at most once per step, and the answer is PUT to
 * the request's `ResponseURL`: always, on a malformed event, a failed call, an
 * exception, and shortly before the handler's own timeout. It never throws,
 * so Lambda never retries the event.
 */
export const makeCustomResourceHandler = (deps: CustomResourceHandlerDeps): CustomResourceHandler => {
  const clock = deps.clock ?? systemClock
  const log = deps.log ?? ((line: string) => console.log(line))
  const say = (line: string): void => {
    try {
      log(line)
    } catch {
      // A logger that throws must not stop the answer.
    }
  }

  return async (event, context) => {
    const reply = replyTo(event)
    try {
      if (reply.ResponseURL === undefined || reply.ResponseURL === '') {
        say(`lambda-invocation: cannot answer: the event has no ResponseURL (${reply.RequestType ?? 'no RequestType'}, ${reply.RequestId ?? 'no RequestId'})`)
        return undefined
      }
      const { answer, left } = await answerRequest({ ...deps, clock }, event, reply, context, 'required')
      const body = responseBody(reply, answer)
      // The last attempt to deliver must end before Lambda stops the handler.
      const sendBy = deadlineSignal(clock, left === undefined ? undefined : Math.max(1, left - 50))
      const url = reply.ResponseURL
      const sent = await Promise.resolve()
        .then(() => deps.responder.send(url, JSON.stringify(body), { signal: sendBy.signal }))
        .catch((error: unknown) => E.left({ _tag: 'ResponseNotDelivered' as const, message: message(error) }))
      sendBy.stop()
      say(
        `lambda-invocation: ${reply.RequestType ?? '?'} ${reply.LogicalResourceId ?? '?'} → ${body.Status} ${body.PhysicalResourceId}: ${body.Reason}` +
          (E.isLeft(sent) ? ` [the answer was NOT delivered: ${sent.left.message}]` : ''),
      )
      return body
    } catch (error) {
      say(`lambda-invocation: internal error, no answer sent: ${message(error)}`)
      return undefined
    }
  }
}
