/**
 * The invoker of local functions: the memory invoker, with the handler of
 * every function a change needs registered under each qualifier it is called
 * with, each guarded so that an error it raises outside its promise fails its
 * own call. A call is given its timeout as a Lambda function is: the
 * handler's context counts down from it, and a handler still running past it
 * gives an `Unknown` outcome (`Sandbox.Timedout`: it may have done its work).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Invoker } from '@lambda-invocation/core'
import { callHandler, MemoryInvoker, parseFunctionRef, systemClock, type Handler } from '@lambda-invocation/memory-adapter'
import type { TimeoutOf } from '../setup/call-timeouts.js'
import type { CliError } from '../setup/cli-error.js'
import { timeoutRoutedInvoker } from '../setup/timeout-routed-invoker.js'
import { guarded } from './guard.js'
import { handlerName, loadCheckedHandlers } from './load.js'

/** A function a change may invoke, and the resource it is for (to name it when it has no handler). */
export interface NeededFunction {
  readonly key: string
  readonly functionName: string
  readonly qualifier: string
  readonly region?: string | undefined
}

/** `handler`, called as Lambda's runtime calls it (a callback-style handler gets a working callback), its stray errors failing its own call. */
const guardHandler =
  (functionName: string, handler: Handler): Handler =>
  (event, context) =>
    guarded(functionName, () => callHandler(handler, event, context))

/** Without a timeout, Lambda's longest: a local handler gets as long as a real function could. */
const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000

/**
 * Loads the handlers module `file` and gives an invoker of each function in
 * `needed`, each call waited for `timeoutOf(call)` (default: 15 minutes);
 * `region` is the invoker's own.
 */
export const localInvoker = async (
  file: string,
  needed: ReadonlyArray<NeededFunction>,
  region: string | undefined,
  timeoutOf: TimeoutOf = () => undefined,
): Promise<E.Either<CliError, Invoker>> => {
  if (needed.length === 0) return E.right(new MemoryInvoker({ clock: systemClock }))
  const module = await loadCheckedHandlers(file, needed)
  if (E.isLeft(module)) return module
  const handlers = module.right.handlers
  // The memory invoker takes a timeout per function: one invoker per timeout the calls are given.
  const withTimeout = (timeoutMs: number): MemoryInvoker => {
    const invoker = new MemoryInvoker({ clock: systemClock, ...(region !== undefined ? { region } : {}) })
    const registered = new Set<string>()
    for (const n of needed) {
      const name = handlerName(n.functionName)
      const qualifier = parseFunctionRef(n.functionName).qualifier ?? n.qualifier
      const id = `${name}:${qualifier}`
      if (registered.has(id)) continue
      registered.add(id)
      invoker.register(name, guardHandler(name, handlers.get(name)!), { qualifier, timeoutMs })
    }
    return invoker
  }
  return E.right(timeoutRoutedInvoker(timeoutOf, (ms) => withTimeout(ms ?? DEFAULT_TIMEOUT_MS)))
}
