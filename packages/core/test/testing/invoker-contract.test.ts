import * as E from 'fp-ts/lib/Either.js'
import type { Invoker } from '../../src/ports/invoker.js'
import { MAX_PAYLOAD_BYTES } from '../../src/model/limits.js'
import { describeInvokerContract } from '../../src/testing/invoker-contract.js'
import { failure } from '../engine/fakes.js'

const reference: Invoker = {
  invoke: (call, options) => {
    if (options?.signal?.aborted === true) return Promise.resolve(failure('NotRun'))
    if (new TextEncoder().encode(call.payload).length > MAX_PAYLOAD_BYTES) return Promise.resolve(failure('Rejected'))
    if (call.functionName === 'fail') return Promise.resolve(E.right({ statusCode: 200, payload: '{"errorMessage":"x"}', functionError: 'Unhandled' }))
    if (call.functionName !== 'echo') return Promise.resolve(failure('Rejected', { functionName: call.functionName }))
    if (call.invocationType === 'Event') return Promise.resolve(E.right({ statusCode: 202, payload: '' }))
    if (call.invocationType === 'DryRun') return Promise.resolve(E.right({ statusCode: 204, payload: '' }))
    return Promise.resolve(E.right({ statusCode: 200, payload: call.payload }))
  },
}

// The suite run against the smallest correct invoker, every capability declared.
describeInvokerContract(
  'reference invoker',
  () => ({ invoker: reference, echoFunction: 'echo', missingFunction: 'nope', failingFunction: 'fail' }),
  { functionError: true, invocationTypes: true },
)
