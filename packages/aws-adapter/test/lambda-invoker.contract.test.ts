import { describeInvokerContract } from '@lambda-invocation/core/testing'
import { afterAll, beforeAll } from 'vitest'
import { makeLambdaInvoker } from '../src/lambda-invoker.js'
import { loopbackClient, startLoopbackLambda } from './support/loopback-lambda.js'
import type { LoopbackLambda } from './support/loopback-lambda.js'

// The contract runs against the real SDK stack and the loopback Lambda, which
// (unlike moto without Docker) answers a missing function with a 404 and can
// produce function errors.

let lambda: LoopbackLambda
beforeAll(async () => {
  lambda = await startLoopbackLambda()
})
afterAll(async () => {
  await lambda.close()
})

describeInvokerContract(
  'makeLambdaInvoker over HTTP',
  () => ({
    invoker: makeLambdaInvoker({ client: loopbackClient(lambda.endpoint) }),
    echoFunction: 'echo-contract',
    missingFunction: 'missing-contract',
    failingFunction: 'fails-contract',
  }),
  { functionError: true, invocationTypes: true },
)
