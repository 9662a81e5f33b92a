import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { InvokeCall, InvokeResponse } from '../ports/invoker.js'
import type { Deps } from './deps.js'
import { invokeWithRetry } from './retry.js'
import type { EngineError } from './types.js'

/**
 * Runs one call that stores nothing (data source, imperative invoke):
 * `NotRun` retried with backoff, anything else answered as it came; a
 * function error is a `FunctionError`. `key` names it in errors ('' for none).
 */
export const callOnce = async (deps: Deps, key: string, call: InvokeCall): Promise<Either<EngineError, InvokeResponse>> => {
  const attempted = await invokeWithRetry(deps.invoker, deps.clock, deps.retry, call)
  if (isLeft(attempted.result)) {
    return left({ _tag: 'InvokeFailed', key, request: call, failure: attempted.result.left, attempts: attempted.attempts })
  }
  const response = attempted.result.right
  if (response.functionError !== undefined) {
    return left({ _tag: 'FunctionError', key, request: call, functionName: call.functionName, functionError: response.functionError, payload: response.payload })
  }
  return right(response)
}
