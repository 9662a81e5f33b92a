import { createEngine, mainPlan } from '@lambda-invocation/core'
import type { Clock, Engine } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeLambdaInvoker } from '../src/lambda-invoker.js'
import { makeS3StateStore } from '../src/s3-state-store.js'
import { loopbackClient, startLoopbackLambda } from './support/loopback-lambda.js'
import type { LoopbackLambda } from './support/loopback-lambda.js'
import { createBucket, createEchoFunction, createRole, motoLambdaClient, motoS3Client, uniqueName } from './support/moto.js'

// Both adapters under the core engine: Lambda and S3 on moto, and the loopback
// Lambda where a fault is needed.

const clock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms)
      signal?.addEventListener('abort', () => {
        clearTimeout(t)
        resolve()
      })
    }),
}

const functionName = uniqueName('engine-echo')
const bucket = uniqueName('engine-state')
let loopback: LoopbackLambda

beforeAll(async () => {
  const role = await createRole(uniqueName('engine-role'))
  await createEchoFunction(motoLambdaClient(), functionName, role)
  await createBucket(motoS3Client(), bucket)
  loopback = await startLoopbackLambda()
})
afterAll(async () => {
  await loopback.close()
})

const engineOn = (prefix: string, invoker = makeLambdaInvoker({ client: motoLambdaClient() })): Engine =>
  createEngine({ invoker, store: makeS3StateStore({ client: motoS3Client(), bucket, prefix }), clock, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } })

describe('the engine over the AWS adapters', () => {
  it('creates (one invocation, Terraform payload), then plans noop, then destroys (CRUD delete invocation)', async () => {
    const engine = engineOn('lifecycle/')
    const desired = { functionName, input: '{"b":1,"a":2}', lifecycleScope: 'CRUD' }

    const created = await engine.apply('seed', desired)
    if (E.isLeft(created)) throw new Error(JSON.stringify(created.left))
    expect(created.right.invocations).toHaveLength(1)
    // moto echoes the payload: the CRUD payload in Go's key order.
    expect(created.right.state?.result).toBe('{"a":2,"b":1,"tf":{"action":"create","prev_input":null}}')

    const again = await engine.plan('seed', desired)
    expect(E.isRight(again) ? mainPlan(again.right).action : again.left._tag).toBe('noop')
    const shown = await engine.show('seed')
    expect(E.isRight(shown) ? shown.right?.state?.result : undefined).toBe(created.right.state?.result)

    const destroyed = await engine.destroy('seed')
    if (E.isLeft(destroyed)) throw new Error(JSON.stringify(destroyed.left))
    expect(destroyed.right.invocations.map((i) => i.response.payload)).toEqual(['{"a":2,"b":1,"tf":{"action":"delete","prev_input":{"a":2,"b":1}}}'])
    const listed = await makeS3StateStore({ client: motoS3Client(), bucket, prefix: 'lifecycle/' }).list()
    expect(listed).toEqual(E.right([]))
  })

  it('an invocation whose outcome is unknown leaves the stored state as it was and records the interrupted step', async () => {
    const engine = engineOn('unknown/', makeLambdaInvoker({ client: loopbackClient(loopback.endpoint) }))
    const first = await engine.apply('k', { functionName: 'echo-engine', input: '{"v":1}', lifecycleScope: 'CRUD' })
    if (E.isLeft(first)) throw new Error(JSON.stringify(first.left))

    loopback.behave('echo-engine', 'internal') // Lambda now answers 500
    const out = await engine.apply('k', { functionName: 'echo-engine', input: '{"v":2}', lifecycleScope: 'CRUD' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'InvokeFailed', failure: { _tag: 'Unknown', code: 'ServiceException' } } })
    expect(loopback.count('echo-engine')).toBe(2)

    const record = await engine.show('k')
    if (E.isLeft(record) || record.right === undefined) throw new Error('expected a record')
    expect(record.right.state?.input).toBe('{"v":1}')
    expect(record.right.intent).toMatchObject({ action: 'update', functionName: 'echo-engine', outcome: 'unknown' })
  })

  it('retries a throttled invocation (NotRun) and never an unknown one', async () => {
    const engine = engineOn('throttle/', makeLambdaInvoker({ client: loopbackClient(loopback.endpoint) }))
    const out = await engine.apply('t', { functionName: 'throttled-engine', input: '{}' })
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'InvokeFailed', failure: { _tag: 'NotRun' }, attempts: 2 } })
    expect(loopback.count('throttled-engine')).toBe(2)
  })
})
