import type { InvokeCommand } from '@aws-sdk/client-lambda'

/** What the middleware saw of one command's trip through the client. */
export interface AttemptWatch {
  /** True once the request was handed to the HTTP handler: from then on it may have left. */
  dispatched: boolean
}

/**
 * Carries the first attempt's error up through the client's retry middleware.
 * It has no status, no socket code, no `$retryable` and no `cause`, so every
 * retry strategy of the SDK classifies it as a client error and gives up at
 * once (no backoff delay), whatever `maxAttempts` the client was built with.
 */
class SingleAttemptError extends Error {
  override readonly name = 'LambdaInvokerSingleAttempt'
  readonly original: unknown
  constructor(original: unknown) {
    super('the Lambda invoker allows one attempt per call')
    this.original = original
  }
}

/** The error the first attempt raised, when `error` is the wrapper of `attemptOnce`. */
export const unwrapAttemptError = (error: unknown): unknown =>
  error instanceof SingleAttemptError ? error.original : error

type Stack = InvokeCommand['middlewareStack']
type AnyMiddleware = Parameters<Stack['add']>[0]
type Next = (args: unknown) => Promise<unknown>

/**
 * Makes `command` go over the wire at most once, even on a client whose retry
 * strategy would retry it, and records whether it reached the HTTP handler
 * while the call's signal (the one `controller` gives to `send`) was not yet
 * aborted; a second attempt aborts `controller` to end the retry loop.
 *
 * An injected client's configuration cannot be changed safely (it may be
 * shared), so the guard lives on the command: one middleware just below the
 * client's retry middleware fails any second attempt before it is signed or
 * sent, and turns the first attempt's error into one no strategy retries.
 */
export const attemptOnce = (command: InvokeCommand, controller: AbortController): AttemptWatch => {
  const { signal } = controller
  const watch: AttemptWatch = { dispatched: false }
  let attempts = 0
  let first: unknown
  const guard = (next: Next) => async (args: unknown) => {
    attempts += 1
    if (attempts > 1) {
      // A strategy that retries even our wrapper would loop; every strategy
      // stops once the call's signal is aborted.
      controller.abort()
      throw new SingleAttemptError(first)
    }
    try {
      return await next(args)
    } catch (error) {
      first = error
      throw new SingleAttemptError(error)
    }
  }
  // Lowest priority of the last step before the handler: nothing runs between
  // this marker and the HTTP handler, which creates the socket request. A
  // signal already aborted here stays aborted, and the handler checks it
  // before creating any request, so that call is refused unsent.
  const marker = (next: Next) => (args: unknown) => {
    if (!signal.aborted) watch.dispatched = true
    return next(args)
  }
  command.middlewareStack.add(guard as unknown as AnyMiddleware, {
    step: 'finalizeRequest',
    priority: 'low',
    name: 'lambdaInvokerSingleAttempt',
  } as unknown as Parameters<Stack['add']>[1])
  command.middlewareStack.add(marker as unknown as AnyMiddleware, {
    step: 'deserialize',
    priority: 'low',
    name: 'lambdaInvokerDispatchMarker',
  } as Parameters<Stack['add']>[1])
  return watch
}
