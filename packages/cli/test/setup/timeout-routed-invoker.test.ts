import * as E from 'fp-ts/lib/Either.js'
import type { Invoker } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { timeoutRoutedInvoker } from '../../src/setup/timeout-routed-invoker.js'

describe('timeoutRoutedInvoker', () => {
  it('sends each call through the invoker made for its timeout, made once each, on first use', async () => {
    const made: Array<number | undefined> = []
    const invoker = timeoutRoutedInvoker(
      (call) => (call.functionName === 'slow' ? 9000 : undefined),
      (ms): Invoker => {
        made.push(ms)
        return { invoke: async () => E.right({ statusCode: 200, payload: String(ms) }) }
      },
    )
    expect(made).toEqual([])
    const answers = await Promise.all([
      invoker.invoke({ functionName: 'slow', payload: '' }),
      invoker.invoke({ functionName: 'fast', payload: '' }),
      invoker.invoke({ functionName: 'slow', payload: '' }),
    ])
    expect(answers.map((a) => (E.isRight(a) ? a.right.payload : a.left._tag))).toEqual(['9000', 'undefined', '9000'])
    expect(made).toEqual([9000, undefined])
  })
})
