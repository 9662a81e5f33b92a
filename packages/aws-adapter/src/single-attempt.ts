import type { InvokeCommandInput, LambdaClient } from '@aws-sdk/client-lambda'
import type { CallSignal } from './call-signal.js'

/** What the middleware saw of one call's trip through the client. */
export interface AttemptWatch {
  /** The signal the call is sent with; aborted to end a retry loop. */
  readonly signal: CallSignal
  /** True once the request was handed to the HTTP handler unaborted: from then on it may have left. */
  dispatched: boolean
  attempts: number
  /** The first attempt's error. */
  first?: unknown
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

/** The error the first attempt raised, when `error` is the single-attempt wrapper. */
export const unwrapAttemptError = (error: unknown): unknown =>
  error instanceof SingleAttemptError ? error.original : error

// Calls in flight, found by their input object. The map is shared through the
// global symbol registry so that two copies of this package sharing one client
// (whose middleware is installed once, by whichever copy came first) still see
// each other's calls. A plain map with explicit removal (`releaseCall`) rather
// than a WeakMap: an entry per call is cheaper for the garbage collector as a
// strong entry removed at once than as a weak one.
const REGISTRY = Symbol.for('@lambda-invocation/aws-adapter/attempts')
const calls: Map<object, AttemptWatch> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Map()) as Map<object, AttemptWatch>

const GUARD = 'lambdaInvokerSingleAttempt'

type Stack = LambdaClient['middlewareStack']
type AnyMiddleware = Parameters<Stack['add']>[0]
type AnyOptions = Parameters<Stack['add']>[1]
type Args = { readonly input?: unknown }
type Next = (args: Args) => Promise<unknown>

const watchOf = (args: Args): AttemptWatch | undefined =>
  typeof args.input === 'object' && args.input !== null ? calls.get(args.input) : undefined

// Runs inside the client's retry loop, after signing (the signer is placed
// right after the retry middleware; this has the lowest priority of the same
// step) and before the deserializer, which hands the request straight to the
// HTTP handler. It fails any second attempt before it is sent, and turns the
// first attempt's error into one that no strategy retries. It also marks the
// call dispatched: a signal already aborted here stays aborted, and the Node
// handler checks it before creating any request, so such a call is refused
// unsent; past this point the request may leave.
const guard = (next: Next) => (args: Args) => {
  const watch = watchOf(args)
  if (watch === undefined) return next(args)
  watch.attempts += 1
  if (watch.attempts > 1) {
    // A strategy that retries even our wrapper would loop; every strategy
    // stops once the call's signal is aborted.
    watch.signal.abort()
    return Promise.reject(new SingleAttemptError(watch.first))
  }
  if (!watch.signal.aborted) watch.dispatched = true
  return next(args).then(undefined, (error: unknown) => {
    watch.first = error
    throw new SingleAttemptError(error)
  })
}

const installed = new WeakSet<object>()

/**
 * Adds the guard to `client`'s stack, once. It acts only on calls registered
 * with `watchCall`; every other command passes through untouched, so a shared
 * client keeps its behaviour for everyone else.
 */
const install = (client: LambdaClient): void => {
  if (installed.has(client)) return
  installed.add(client)
  if (!client.middlewareStack.identify().some((m) => m.startsWith(GUARD))) {
    client.middlewareStack.add(guard as unknown as AnyMiddleware, { step: 'finalizeRequest', priority: 'low', name: GUARD } as unknown as AnyOptions)
  }
}

/**
 * Makes the call with `input` go over the wire at most once through `client`,
 * even when the client's retry strategy would retry it, and records whether
 * it reached the HTTP handler. Send it with `signal`, and `releaseCall(input)`
 * once it has settled.
 *
 * An injected client's configuration cannot be changed safely (it may be
 * shared), so instead of `maxAttempts: 1` the guard is a middleware that is
 * inert for every command but the invoker's own.
 */
export const watchCall = (client: LambdaClient, input: InvokeCommandInput, signal: CallSignal): AttemptWatch => {
  install(client)
  const watch: AttemptWatch = { signal, dispatched: false, attempts: 0 }
  calls.set(input, watch)
  return watch
}

/** Ends the watch of the call with `input`, once it has settled. */
export const releaseCall = (input: InvokeCommandInput): void => {
  calls.delete(input)
}
