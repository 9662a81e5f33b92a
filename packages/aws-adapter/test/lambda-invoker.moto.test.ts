import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeLambdaInvoker } from '../src/lambda-invoker.js'
import { createEchoFunction, createRole, motoLambdaClient, queueLambdaResults, uniqueName } from './support/moto.js'

// Against moto's Lambda without Docker: it echoes the payload back, or returns
// results queued beforehand; it ignores qualifiers and never returns a
// function error, so those are covered by the loopback tests.

const functionName = uniqueName('invoker-echo')
beforeAll(async () => {
  const role = await createRole(uniqueName('invoker-role'))
  await createEchoFunction(motoLambdaClient(), functionName, role)
})

describe('makeLambdaInvoker on moto', () => {
  it('invokes a function and gets its payload back byte for byte', async () => {
    const invoker = makeLambdaInvoker({ client: motoLambdaClient() })
    for (const payload of ['{"a":1}', '{"text":"<&> \u2028 ü 🔑","n":-0}', '  {"spaced" : true }  ']) {
      const out = await invoker.invoke({ functionName, qualifier: '$LATEST', payload })
      expect(out).toMatchObject(E.right({ statusCode: 200, payload }))
    }
  })

  it('returns the results moto was told to give, in order', async () => {
    await queueLambdaResults(['{"first":true}', '"second"'])
    const invoker = makeLambdaInvoker({ client: motoLambdaClient() })
    const a = await invoker.invoke({ functionName, payload: '{}' })
    const b = await invoker.invoke({ functionName, payload: '{}' })
    expect([a, b].map((r) => (E.isRight(r) ? r.right.payload : r.left.message))).toEqual(['{"first":true}', '"second"'])
  })

  it('reaches the function through the per-region factory', async () => {
    const regions: string[] = []
    const invoker = makeLambdaInvoker({
      clientForRegion: (region) => {
        regions.push(region)
        return motoLambdaClient({ region })
      },
    })
    const out = await invoker.invoke({ functionName, payload: '{"via":"factory"}', region: 'us-east-1' })
    expect(out).toMatchObject(E.right({ statusCode: 200, payload: '{"via":"factory"}' }))
    expect(regions).toEqual(['us-east-1'])
  })
})
