import * as E from 'fp-ts/lib/Either.js'
import { formatProblems, type Clock, type InvokeRequest, type Invoker } from '@lambda-invocation/core'
import { conclude, failed, type Answer } from './answer.js'
import { deadlineSignal } from './clock.js'
import { decide } from './decide.js'
import { decodeEvent, type ReplyTo } from './event.js'
import { runInvocations, type RetryOptions } from './run.js'

/** The part of Lambda's context object the handlers read. */
export interface LambdaContextLike {
  /** Milliseconds before Lambda stops the handler. */
  getRemainingTimeInMillis?(): number
}

/** What answering a request needs, shared by the custom resource handler and `onEvent`. */
export interface AnswerDeps {
  readonly invoker: Invoker
  readonly clock: Clock
  readonly defaultRegion?: string
  readonly reserveMs?: number
  readonly retry?: RetryOptions
}

/** An answer, and how much of the handler's time was left once it was made. */
export interface Answered {
  readonly answer: Answer
  /** Milliseconds before the handler's timeout, or `undefined` when the context gives none. */
  readonly left: number | undefined
}

const remainingOf = (context: LambdaContextLike | undefined): number | undefined => {
  try {
    const ms = context?.getRemainingTimeInMillis?.()
    return typeof ms === 'number' && Number.isFinite(ms) ? Math.max(0, ms) : undefined
  } catch {
    return undefined
  }
}

/** A tenth of the time left, between 500 ms and 10 s: enough for the answer's PUT. */
export const defaultReserve = (remaining: number): number => Math.min(10_000, Math.max(500, Math.floor(remaining / 10)))

/** The answer after the deadline: which function had not answered, and what that means. */
const outOfTime = (reply: ReplyTo, reserveMs: number, inFlight: InvokeRequest | undefined): Answer => {
  const what = inFlight === undefined ? 'the request had not finished' : `${inFlight.functionName} (${inFlight.qualifier}) had not answered its ${inFlight.lifecycle}`
  const after = reply.RequestType === 'Delete' ? 'the function may still be running' : 'the function may still be running, and nothing will undo it'
  return failed(reply, `out of time: the handler stops waiting ${reserveMs} ms before its own timeout, and ${what}; ${after}. Give the handler a longer timeout (up to 15 minutes).`)
}

/** A thrown value as text. */
export const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Decides a request, runs its invocations and makes the answer, within the
 * handler's time: when only the reserve is left, it stops waiting (the call's
 * signal aborts) and answers FAILED. Never throws: an exception is a FAILED answer.
 */
export const answerRequest = async (
  deps: AnswerDeps,
  event: unknown,
  reply: ReplyTo,
  context: LambdaContextLike | undefined,
  responseUrl: 'required' | 'optional',
): Promise<Answered> => {
  const { clock } = deps
  const start = clock.now().getTime()
  const remaining = remainingOf(context)
  const reserve = remaining === undefined ? 0 : (deps.reserveMs ?? defaultReserve(remaining))
  const deadline = deadlineSignal(clock, remaining === undefined ? undefined : remaining - reserve)
  let inFlight: InvokeRequest | undefined

  const work = async (): Promise<Answer> => {
    const decoded = decodeEvent(event, { responseUrl })
    if (E.isLeft(decoded)) return failed(reply, `malformed request: ${formatProblems(decoded.left).replaceAll('\n', '; ')}`)
    const decision = decide(decoded.right, deps.defaultRegion === undefined ? {} : { defaultRegion: deps.defaultRegion })
    if (E.isLeft(decision)) return failed(reply, formatProblems(decision.left).replaceAll('\n', '; '))
    const run = await runInvocations(deps.invoker, clock, decision.right.run, deadline.signal, deps.retry, (r) => {
      inFlight = r
    })
    return conclude(reply, decision.right, run)
  }

  let answer: Answer
  try {
    const done = work().catch((error: unknown) => failed(reply, `internal error in the custom resource handler: ${message(error)}`))
    answer = await Promise.race([done, deadline.fired.then(() => outOfTime(reply, reserve, inFlight))])
  } catch (error) {
    answer = failed(reply, `internal error in the custom resource handler: ${message(error)}`)
  } finally {
    deadline.stop()
  }
  let left: number | undefined
  try {
    left = remaining === undefined ? undefined : remaining - (clock.now().getTime() - start)
  } catch {
    left = undefined
  }
  return { answer, left }
}
