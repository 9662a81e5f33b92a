import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { decodeArgs } from '../../src/decode/args.js'
import { plan } from '../../src/plan/plan.js'
import { settle } from '../../src/plan/settle.js'
import type { InvocationState, Plan } from '../../src/model/types.js'
import { invocationArgs } from '../arbitraries.js'
import { jsonText } from '../json/json-text.arbitrary.js'

const valid = invocationArgs.filter((a) => E.isRight(decodeArgs(a)))
const options = fc.record({ replaceOrder: fc.constantFrom('delete-first', 'create-first'), encoding: fc.constantFrom('terraform', 'preserve') } as const)

/** Applies a plan with every invocation answering `result`; the stored state. */
const apply = (p: Plan, result: string): InvocationState | undefined => {
  const s = settle(p, p.invocations.map(() => ({ statusCode: 200, payload: result })))
  if (E.isLeft(s)) throw new Error(JSON.stringify(s.left))
  expect(s.right.deposed).toBeUndefined()
  return s.right.state
}

describe('plan: laws', () => {
  it.prop([fc.option(valid, { nil: undefined }), fc.option(valid, { nil: undefined }), options, fc.string()], { numRuns: 150 })(
    'planning the state an applied plan produced is a noop',
    (first, second, opts, result) => {
      const p1 = plan(undefined, first, opts)
      if (E.isLeft(p1)) return // CRUD inputs whose payload cannot be built (e.g. key taken) are covered elsewhere
      const s1 = apply(p1.right, result)
      const p2 = plan(s1, second, opts)
      if (E.isLeft(p2)) return
      const s2 = apply(p2.right, result)
      const again = plan(s2, second, opts)
      expect(E.isRight(again) && again.right.action).toBe('noop')
      expect(E.isRight(again) && again.right.invocations).toEqual([])
    },
  )

  it.prop([valid, valid, options, fc.string()], { numRuns: 100 })(
    'a requested replace is the destroy of the prior and the create of the args, in the replace order',
    (first, second, opts, result) => {
      const created = plan(undefined, first, opts)
      if (E.isLeft(created)) return
      const prior = apply(created.right, result) as InvocationState
      const p = plan(prior, second, { ...opts, forceReplace: true })
      const destroy = plan(prior, undefined, opts)
      const create = plan(undefined, second, opts)
      if (E.isLeft(destroy) || E.isLeft(create)) return expect(E.isLeft(p)).toBe(true)
      if (E.isLeft(p)) throw new Error(JSON.stringify(p.left.problems))
      expect(p.right).toMatchObject({ action: 'replace', requested: true, order: opts.replaceOrder })
      const steps = (q: Plan) => q.invocations.map((r) => [r.lifecycle, r.functionName, r.qualifier, r.payload])
      const halves = [steps(destroy.right), steps(create.right)]
      expect(steps(p.right)).toEqual((opts.replaceOrder === 'delete-first' ? halves : halves.reverse()).flat())
    },
  )

  it.prop([valid, options], { numRuns: 100 })('a failed invocation settles to no state: a failure naming its step', (args, opts) => {
    const p = plan(undefined, args, opts)
    if (E.isLeft(p)) return
    const s = settle(p.right, [{ statusCode: 200, payload: 'boom', functionError: 'Handled' }])
    expect(E.isLeft(s) && s.left._tag === 'FunctionError' && s.left.request).toEqual(p.right.invocations[0])
  })
})

describe('plan: totality', () => {
  const wrongValues = fc.record(
    {
      functionName: fc.anything(),
      input: fc.oneof(fc.anything(), fc.string(), jsonText),
      qualifier: fc.anything(),
      triggers: fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())),
      lifecycleScope: fc.oneof(fc.anything(), fc.constantFrom('CRUD', 'CREATE_ONLY')),
      terraformKey: fc.anything(),
      pulumiKey: fc.anything(),
      tenantId: fc.anything(),
      region: fc.anything(),
    },
    { requiredKeys: [] },
  )
  const wrongState = fc.record(
    {
      schemaVersion: fc.oneof(fc.constant(1), fc.anything()),
      id: fc.anything(),
      functionName: fc.oneof(fc.constant('fn'), fc.anything()),
      input: fc.oneof(fc.string(), jsonText, fc.anything()),
      qualifier: fc.anything(),
      triggers: fc.anything(),
      lifecycleScope: fc.oneof(fc.constant('CRUD'), fc.anything()),
      terraformKey: fc.anything(),
      result: fc.anything(),
      attributes: fc.anything(),
      function_name: fc.anything(),
    },
    { requiredKeys: [] },
  )
  const anyArgs = fc.oneof(fc.anything(), wrongValues, valid)
  const anyPrior = fc.oneof(fc.anything(), wrongState)

  it.prop([anyPrior, anyArgs, fc.oneof(fc.anything(), options)], { numRuns: 300 })('plan never throws and a Left always lists problems', (prior, desired, opts) => {
    const p = plan(prior, desired, opts)
    if (E.isLeft(p)) {
      expect(p.left._tag).toBe('PlanError')
      expect(p.left.problems.length).toBeGreaterThan(0)
      for (const problem of p.left.problems) expect(problem.message.length).toBeGreaterThan(0)
    }
  })
})
