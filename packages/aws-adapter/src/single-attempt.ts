import type { InvokeCommandInput, LambdaClient } from '@aws-sdk/client-lambda'
import type { CallSignal } from './call-signal.js'

/** What the middleware saw of one call's trip through the client. */
export interface AttemptWatch {
  /** The signal the call is sent with; aborted to end a retry loop. */
  readonly signal: CallSignal
  /**
   * True once the call entered the client's middleware stack (its first step,
   * before endpoint resolution, credentials and signing). It stays false when
   * something replaced `send` (a test double): then nothing is known of where
   * an error came from.
   */
  entered: boolean
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
const MARKER = 'lambdaInvokerEntered'

type Stack = LambdaClient['middlewareStack']
type AnyMiddleware = Parameters<Stack['add']>[0]
type AnyOptions = Parameters<Stack['add']>[1]
type Args = { readonly input?: unknown }
type Next = (args: Args) => Promise<unknown>

/** The error the Node handler gives for a request whose signal is already aborted. */
const abortError = (): Error => Object.assign(new Error('Request aborted'), { name: 'AbortError' })

const watchOf = (args: Args): AttemptWatch | undefined =>
  typeof args.input === 'object' && args.input !== null ? calls.get(args.input) : undefined

// Runs inside the client's retry loop, after signing (the signer is placed
// right after the retry middleware; this has the lowest priority of the same
// step) and before the deserializer, which hands the request straight to the
// HTTP handler. It fails any second attempt before it is sent, and turns the
// first attempt's error into one that no strategy retries. It also marks the
// call dispatched: past this point the request may leave. A call whose signal
// is already aborted here is refused by the guard itself, so that "entered but
// not dispatched" proves nothing was sent whatever the HTTP handler does.
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
  if (watch.signal.aborted) {
    watch.first = abortError()
    return Promise.reject(new SingleAttemptError(watch.first))
  }
  watch.dispatched = true
  return next(args).then(undefined, (error: unknown) => {
    watch.first = error
    throw new SingleAttemptError(error)
  })
}

// The first middleware of the stack: region and endpoint resolution and the
// credentials (serialize step) and signing (finalizeRequest, before the guard)
// all come after it, so an error raised between this mark and the guard's is
// one the SDK raised before sending.
const marker = (next: Next) => (args: Args) => {
  const watch = watchOf(args)
  if (watch !== undefined) watch.entered = true
  return next(args)
}

const installed = new WeakSet<object>()

/**
 * Adds the marker and the guard to `client`'s stack, once. They act only on
 * calls registered with `watchCall`; every other command passes through
 * untouched, so a shared client keeps its behaviour for everyone else.
 */
const install = (client: LambdaClient): void => {
  if (installed.has(client)) return
  installed.add(client)
  const present = client.middlewareStack.identify()
  if (!present.some((m) => m.startsWith(MARKER))) {
    client.middlewareStack.add(marker as unknown as AnyMiddleware, { step: 'initialize', priority: 'high', name: MARKER } as unknown as AnyOptions)
  }
  if (!present.some((m) => m.startsWith(GUARD))) {
    client.middlewareStack.add(guard as unknown as AnyMiddleware, { step: 'finalizeRequest', priority: 'low', name: GUARD } as unknown as AnyOptions)
  }
}

/**
 * Makes the call with `input` go over the wire at most once through `client`,
 * even when the client's retry strategy would retry it, and records whether
 * it entered the client's stack and whether it reached the HTTP handler. Send
 * it with `signal`, and `releaseCall(input)` once it has settled.
 *
 * An injected client's configuration cannot be changed safely (it may be
 * shared), so instead of `maxAttempts: 1` the guard is a middleware that is
 * inert for every command but the invoker's own.
 */
export const watchCall = (client: LambdaClient, input: InvokeCommandInput, signal: CallSignal): AttemptWatch => {
  install(client)
  const watch: AttemptWatch = { signal, entered: false, dispatched: false, attempts: 0 }
  calls.set(input, watch)
  return watch
}

/** Ends the watch of the call with `input`, once it has settled. */
export const releaseCall = (input: InvokeCommandInput): void => {
  calls.delete(input)
}
