import type { Callback, ContextAnswers, Handler, LambdaContext } from './lambda-context.js'

/** How a handler ended its call: with a result, or with an error (a throw, a rejection, or an error given to its callback or context). */
export type Answer = { readonly _tag: 'Answered'; readonly result: unknown } | { readonly _tag: 'Failed'; readonly error: unknown }

/** The one answer of a call: the first one given wins and the others are ignored, as in Lambda's runtime. */
export interface Answering extends ContextAnswers {
  /** Resolves with the first answer. */
  readonly first: Promise<Answer>
  /** Whether an answer was given. */
  readonly answered: () => boolean
}

/** A fresh `Answering`, calling `onAnswer` once, with the answer that won. */
export const answering = (onAnswer: (answer: Answer) => void = () => undefined): Answering => {
  let settled = false
  let resolve: (answer: Answer) => void = () => undefined
  const first = new Promise<Answer>((r) => {
    resolve = r
  })
  const give = (answer: Answer): void => {
    if (settled) return
    settled = true
    onAnswer(answer)
    resolve(answer)
  }
  return {
    first,
    answered: () => settled,
    answer: (result) => give({ _tag: 'Answered', result }),
    failWith: (error) => give({ _tag: 'Failed', error }),
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'

/** A handler as `runHandler` calls it: any function of the event, the context and the callback. */
export type AnyHandler = (event: unknown, context: LambdaContext, callback: Callback<unknown>) => unknown

/**
 * Starts `handler` as Lambda's Node.js runtime does and sends its answer to
 * `answers`: its callback and its context's `done`/`succeed`/`fail` answer at
 * once; a promise it returns answers when it settles (a rejection without a
 * reason fails with `handled`); a value it returns answers at once unless it
 * declares the callback parameter (Lambda ignores what such a handler
 * returns); a throw fails the call.
 */
export const runHandler = (handler: AnyHandler, event: unknown, context: LambdaContext, answers: ContextAnswers): void => {
  const callback: Callback<unknown> = (error, result) => (error === undefined || error === null ? answers.answer(result) : answers.failWith(error))
  let returned: unknown
  try {
    returned = handler(event, context, callback)
  } catch (thrown) {
    answers.failWith(thrown)
    return
  }
  if (isThenable(returned)) {
    returned.then(answers.answer, (reason: unknown) => answers.failWith(reason === undefined || reason === null ? 'handled' : reason))
  } else if (handler.length < 3) {
    answers.answer(returned)
  }
}

/**
 * Calls `handler` once as Lambda's Node.js runtime does (see `runHandler`):
 * resolves with its answer, rejects with its error. For a wrapper that runs a
 * handler inside a function of its own, so that a callback-style handler
 * still gets a working callback. (`context.done`/`succeed`/`fail` answer the
 * call of the context, not this promise.)
 */
export const callHandler = (handler: Handler, event: unknown, context: LambdaContext): Promise<unknown> =>
  new Promise((resolve, reject) => runHandler(handler as AnyHandler, event, context, { answer: resolve, failWith: reject }))
