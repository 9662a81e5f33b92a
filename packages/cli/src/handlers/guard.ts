/**
 * Errors a local handler raises outside its own promise — a throw in a timer,
 * a promise it rejects and never awaits — end its invocation as a function
 * error, as Lambda's Node.js runtime ends it, instead of killing the command
 * with a stack trace (leaving a stale lock and an interrupted step). Each call
 * runs in its own async context, so the error reaches the call that caused it
 * even when several run at once.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

interface Call {
  readonly functionName: string
  settled: boolean
  readonly fail: (error: unknown) => void
  /** Set for the loading of the module itself, whose stray errors belong to no call. */
  readonly moduleFile?: string
}

const calls = new AsyncLocalStorage<Call>()

/** What became of an error that escaped to the process. */
export type Escaped =
  | { readonly _tag: 'Failed'; readonly functionName: string } // its call ends with it as a function error
  | { readonly _tag: 'Late'; readonly functionName: string } // its call had already answered: only worth a warning
  | { readonly _tag: 'Module'; readonly file: string } // raised by code the module ran as it loaded (a timer it set): only worth a warning
  | { readonly _tag: 'NotAHandler' } // raised outside every handler: a bug of the command itself

/**
 * Runs one call of `functionName`'s handler (`run`) so that an error it raises
 * outside its own promise fails this call. (Nothing here imports the handler
 * machinery: the executable loads this module at start for its listeners.)
 */
export const guarded = <A>(functionName: string, run: () => Promise<A>): Promise<A> =>
  new Promise((resolve, reject) => {
    const call: Call = { functionName, settled: false, fail: reject }
    calls.run(call, () => {
      run()
        .then(resolve, reject)
        .finally(() => {
          call.settled = true
        })
    })
  })

/** Runs `load` (the import of a handlers module) so that errors the module's own code raises later are known as its own. */
export const loadingModule = <A>(file: string, load: () => Promise<A>): Promise<A> =>
  calls.run({ functionName: '', settled: true, fail: () => undefined, moduleFile: file }, load)

/**
 * For the process's `uncaughtException` and `unhandledRejection` listeners:
 * fails the handler call the error was raised in, if any, and says what it did.
 */
export const routeEscapedError = (error: unknown): Escaped => {
  const call = calls.getStore()
  if (call === undefined) return { _tag: 'NotAHandler' }
  if (call.moduleFile !== undefined) return { _tag: 'Module', file: call.moduleFile }
  if (call.settled) return { _tag: 'Late', functionName: call.functionName }
  call.settled = true
  call.fail(error)
  return { _tag: 'Failed', functionName: call.functionName }
}
