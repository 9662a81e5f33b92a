import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { formatEngineError, mainPlan, type EngineError } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { crud, harness } from './harness.js'

const ok = <A>(e: E.Either<EngineError, A>): A => {
  if (E.isLeft(e)) throw new Error(formatEngineError(e.left))
  return e.right
}
const problemsOf = <A>(e: E.Either<EngineError, A>): string => {
  if (!E.isLeft(e) || e.left._tag !== 'InvalidInput') throw new Error('expected InvalidInput')
  return formatEngineError(e.left)
}
const md5 = (s: string): string => createHash('md5').update(s).digest('hex')

describe('engine.adopt', () => {
  const input = '{"n":1}'
  const payload = '{"n":1,"tf":{"action":"create","prev_input":null}}'

  it("stores a Terraform instance's state as it decodes, its id and result kept, invoking nothing; the next plan is noop", async () => {
    const { engine, invoker, store } = harness()
    const instance = {
      schema_version: 1,
      attributes: { id: `echo_$LATEST_${md5(payload)}`, function_name: 'echo', input, qualifier: '$LATEST', lifecycle_scope: 'CRUD', terraform_key: 'tf', result: '{"ok":1}' },
    }
    const state = ok(await engine.adopt('k', instance))
    expect(state).toMatchObject({ id: `echo_$LATEST_${md5(payload)}`, functionName: 'echo', input, lifecycleScope: 'CRUD', result: '{"ok":1}' })
    expect(store.snapshot()['k']).toEqual({ schemaVersion: 1, state })
    expect(mainPlan(ok(await engine.plan('k', crud(input)))).action).toBe('noop')
    expect(invoker.calls).toEqual([])
  })

  it('refuses a state that does not decode, and a key that has a record, storing nothing more', async () => {
    const { engine, store } = harness()
    expect(problemsOf(await engine.adopt('k', { schema_version: 1, attributes: { function_name: 'echo' } }))).toContain('input')
    expect(store.snapshot()).toEqual({})
    const first = ok(await engine.import('k', `echo,$LATEST,${md5(input)}`, { functionName: 'echo', input }))
    expect(problemsOf(await engine.adopt('k', first))).toContain(`already has a stored state (id ${first.id}); destroy it first`)
    expect(store.snapshot()['k']).toEqual({ schemaVersion: 1, state: first })
  })
})
