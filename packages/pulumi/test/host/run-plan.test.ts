import * as E from 'fp-ts/lib/Either.js'
import { plan, type Plan } from '@lambda-invocation/core'
import { MemoryInvoker } from '@lambda-invocation/memory-adapter'
import { describe, expect, it } from 'vitest'
import { backoffDelay, runPlan, type RunDeps } from '../../src/host/run-plan.js'
import { DEFAULT_RETRY } from '../../src/provider.js'

const planOf = (prior: unknown, desired: unknown): Plan => {
  const p = plan(prior, desired)
  if (E.isLeft(p)) throw new Error('bad plan')
  return p.right
}

const depsWith = (invoker: MemoryInvoker, fetched: string[] = []): RunDeps => ({
  invoker: async () => {
    fetched.push('invoker')
    return E.right(invoker)
  },
  retry: DEFAULT_RETRY,
  sleep: async () => {},
})

describe('backoffDelay', () => {
  it("doubles from the base up to the cap, and never waits less than the service asked", () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffDelay(DEFAULT_RETRY, a))).toEqual([200, 400, 800, 1600, 5000])
    expect(backoffDelay(DEFAULT_RETRY, 1, 3000)).toBe(3000)
  })
})

describe('runPlan', () => {
  it('does not fetch the invoker for a plan that invokes nothing', async () => {
    const fetched: string[] = []
    const created = planOf(undefined, { functionName: 'f', input: '{}' })
    const state = { schemaVersion: 1, id: 'f,$LATEST,x', ...created.desired, result: '' }
    expect(await runPlan(depsWith(new MemoryInvoker(), fetched), planOf(state, undefined))).toEqual(E.right(undefined))
    expect(fetched).toEqual([])
  })

  it('sends a refused invocation once: it did not run, and will not as asked', async () => {
    const invoker = new MemoryInvoker().script('f', { kind: 'notFound' })
    const r = await runPlan(depsWith(invoker), planOf(undefined, { functionName: 'f', input: '{}' }))
    expect(E.isLeft(r) && r.left._tag === 'InvokeFailed' && [r.left.failure._tag, r.left.attempts]).toEqual(['Rejected', 1])
    expect(invoker.calls).toHaveLength(1)
  })

  it('gives the state of a successful create', async () => {
    const invoker = new MemoryInvoker().registerRaw('f', () => '"done"')
    const r = await runPlan(depsWith(invoker), planOf(undefined, { functionName: 'f', input: '{}' }))
    expect(E.isRight(r) && r.right).toMatchObject({ functionName: 'f', id: 'f,$LATEST,99914b932bd37a50b983c5e7c90ae93b', result: '"done"' })
  })

  it('reports an invoker that broke its contract (a payload that is not text) as a call that may have run', async () => {
    const broken = { invoke: async () => E.right({ statusCode: 200, payload: 42 as unknown as string }) }
    const deps: RunDeps = { invoker: async () => E.right(broken), retry: DEFAULT_RETRY, sleep: async () => {} }
    const r = await runPlan(deps, planOf(undefined, { functionName: 'f', input: '{}' }))
    expect(r).toEqual(E.left({ _tag: 'InvalidResponse', problems: [{ path: ['responses', 0, 'payload'], message: expect.stringMatching(/must be a string/) }] }))
  })
})
