import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { formatEngineError, mainPlan, type EngineError, type Progress } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
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

describe('engine.import', () => {
  const id = 'echo,$LATEST,0123456789abcdef0123456789abcdef'

  it('stores a state from the id and the arguments, invoking nothing; the next plan is noop', async () => {
    const { engine, invoker, store } = harness()
    const state = ok(await engine.import('k', id, crud('{"n":1}')))
    expect(state).toMatchObject({ id, functionName: 'echo', input: '{"n":1}', lifecycleScope: 'CRUD', result: '' })
    expect(store.snapshot()['k']).toEqual({ schemaVersion: 1, state })
    expect(mainPlan(ok(await engine.plan('k', crud('{"n":1}')))).action).toBe('noop')
    expect(invoker.calls).toEqual([])
  })

  it('accepts the older _ separator and stores the current form', async () => {
    const { engine } = harness()
    expect(ok(await engine.import('k', 'echo_$LATEST_0123456789abcdef0123456789abcdef', crud('{}'))).id).toBe(id)
  })

  it("takes the region of an id's @region suffix when the arguments have none, and refuses a different one", async () => {
    const { engine } = harness()
    expect(ok(await engine.import('k', `${id}@eu-west-1`, crud('{}'))).region).toBe('eu-west-1')
    expect(problemsOf(await engine.import('j', `${id}@eu-west-1`, { ...crud('{}'), region: 'us-east-1' }))).toContain('args.region')
    expect(ok(await engine.import('i', `${id}@eu-west-1`, { ...crud('{}'), region: 'eu-west-1' })).region).toBe('eu-west-1')
  })

  it('refuses an id that does not match the arguments, a bad id, and an existing record', async () => {
    const { engine } = harness()
    expect(problemsOf(await engine.import('k', 'other,$LATEST,0123456789abcdef0123456789abcdef', crud('{}')))).toContain('args.functionName')
    expect(problemsOf(await engine.import('k', 'echo,$LATEST,XYZ', crud('{}')))).toContain('id.hash')
    ok(await engine.import('k', id, crud('{}')))
    expect(problemsOf(await engine.import('k', id, crud('{}')))).toContain(`already has a stored state (id ${id}); destroy it first`)
  })
})

describe('engine.read (data source)', () => {
  it('invokes with the raw input every time, stores nothing, and gives the id name_qualifier_md5', async () => {
    const { engine, invoker, store } = harness()
    const first = ok(await engine.read({ functionName: 'echo', input: '{"q":1}' }))
    ok(await engine.read({ functionName: 'echo', input: '{"q":1}' }))
    expect(first.id).toBe(`echo_$LATEST_${createHash('md5').update('{"q":1}').digest('hex')}`)
    expect(first.result).toBe('{"got":{"q":1}}')
    expect(invoker.received('echo').map((r) => r.payload)).toEqual(['{"q":1}', '{"q":1}'])
    expect(store.snapshot()).toEqual({})
  })

  it('reports a function error and invalid arguments', async () => {
    const { engine, invoker } = harness()
    invoker.script('echo', { kind: 'functionError' })
    const failed = await engine.read({ functionName: 'echo', input: '{}' })
    expect(E.isLeft(failed) && failed.left._tag).toBe('FunctionError')
    expect(E.isLeft(failed) ? formatEngineError(failed.left) : '').toContain('the call of echo:$LATEST')
    expect(problemsOf(await engine.read({ functionName: 'echo' }))).toContain('input')
  })
})

describe('engine.invoke (imperative)', () => {
  it('runs a validated call with its invocation type and log type', async () => {
    const { engine, invoker } = harness()
    expect(ok(await engine.invoke({ functionName: 'echo', payload: '{"e":1}', invocationType: 'Event' })).statusCode).toBe(202)
    const tail = ok(await engine.invoke({ functionName: 'echo', payload: '{}', logType: 'Tail' }))
    expect(tail.logResult).toBeDefined()
    const context = Buffer.from('{"custom":{"a":"b"}}').toString('base64')
    ok(await engine.invoke({ functionName: 'echo', payload: '{}', clientContext: context }))
    expect(invoker.calls).toHaveLength(3)
  })

  it('refuses bad base64, a too long client context, a bad invocation type and a bad payload, naming each', async () => {
    const { engine, invoker } = harness()
    const long = Buffer.from(JSON.stringify({ custom: { pad: 'x'.repeat(3000) } })).toString('base64')
    expect(long.length).toBeGreaterThan(3583)
    const text = problemsOf(
      await engine.invoke({ functionName: 'echo', payload: '{nope', invocationType: 'Sync', clientContext: 'not base64!' } as never),
    )
    expect(text).toContain('payload: must be JSON')
    expect(text).toContain('invocationType: must be "RequestResponse" or "Event" or "DryRun", got "Sync"')
    expect(text).toContain('clientContext: must be base64')
    expect(problemsOf(await engine.invoke({ functionName: 'echo', payload: '{}', clientContext: long }))).toContain('at most 3583')
    const notObject = Buffer.from('[1]').toString('base64')
    expect(problemsOf(await engine.invoke({ functionName: 'echo', payload: '{}', clientContext: notObject }))).toContain('JSON object')
    expect(problemsOf(await engine.invoke({ functionName: 'echo', payload: '{}', logType: 'Tail', invocationType: 'Event' }))).toContain('logType')
    expect(invoker.calls).toEqual([])
  })
})

describe('engine.applyAll', () => {
  it('applies every item with at most `concurrency` at once, reports progress per item, and a failure stops no other', async () => {
    const { engine, invoker } = harness()
    let inFlight = 0
    let most = 0
    invoker.register('slow', async (event) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((r) => setImmediate(r))
      inFlight--
      return event
    })
    const items = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, desired: { functionName: i === 7 ? 'missing' : 'slow', input: `{"i":${i}}` } }))
    const progress: Progress[] = []
    const { results } = ok(await engine.applyAll(items, { concurrency: 4, onProgress: (p) => progress.push(p) }))
    expect(most).toBe(4)
    expect(results.map((r) => r.key)).toEqual(items.map((i) => i.key))
    expect(results.filter((r) => E.isRight(r.result))).toHaveLength(19)
    expect(E.isLeft(results[7]!.result) && results[7]!.result.left._tag).toBe('InvokeFailed')
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(new Set(progress.map((p) => p.key)).size).toBe(20)
    expect(progress.every((p) => p.total === 20)).toBe(true)
  })

  it('starts nothing new once the signal aborts; items in flight finish', async () => {
    const { engine, invoker } = harness()
    const controller = new AbortController()
    const items = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, desired: crud(`{"i":${i}}`) }))
    const { results } = ok(
      await engine.applyAll(items, {
        concurrency: 2,
        onProgress: (p) => {
          if (p.done === 2) controller.abort()
        },
        signal: controller.signal,
      }),
    )
    const tags = results.map((r) => (E.isLeft(r.result) ? r.result.left._tag : 'ok'))
    expect(tags.filter((t) => t === 'ok').length).toBeLessThanOrEqual(3)
    expect(tags.filter((t) => t === 'Aborted').length).toBeGreaterThanOrEqual(3)
    expect(invoker.calls.length).toBe(tags.filter((t) => t === 'ok').length)
  })

  it('destroys items whose desired is undefined, and keeps going when onProgress throws', async () => {
    const { engine, store } = harness()
    ok(await engine.apply('a', crud('{}')))
    const { results } = ok(
      await engine.applyAll([{ key: 'a', desired: undefined }, { key: 'b', desired: crud('{}') }], {
        onProgress: () => {
          throw new Error('callback bug')
        },
      }),
    )
    expect(results.map((r) => E.isRight(r.result))).toEqual([true, true])
    expect(Object.keys(store.snapshot())).toEqual(['b'])
  })
})
