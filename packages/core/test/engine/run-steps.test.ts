import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it, vi } from 'vitest'
import { createEngine } from '../../src/engine/engine.js'
import { place } from '../../src/engine/run-steps.js'
import { sampleState } from '../../src/testing/fixtures.js'
import { fakeClock, mapStore, scriptedInvoker } from './fakes.js'

const counted = vi.hoisted(() => ({ md5: 0 }))

// Counts the md5s the engine and settle compute (the ids' own module calls its local function, which is not counted).
vi.mock('../../src/plan/id.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/plan/id.js')>()
  return {
    ...actual,
    md5Hex: (s: string): string => {
      counted.md5++
      return actual.md5Hex(s)
    },
  }
})

const now = sampleState('now')
const old = sampleState('old')

describe('place', () => {
  it('the main plan settles into state and deposed', () => {
    expect(place('main', { state: now, deposed: old }, { schemaVersion: 1 })).toEqual({ schemaVersion: 1, state: now, deposed: old })
    expect(place('main', { state: undefined, deposed: undefined }, { schemaVersion: 1, state: old })).toEqual({ schemaVersion: 1 })
  })

  it('a deposed delete keeps the current state and drops the deposed one once deleted', () => {
    expect(place('deposed', { state: undefined, deposed: undefined }, { schemaVersion: 1, state: now, deposed: old })).toEqual({ schemaVersion: 1, state: now })
  })
})

describe('runChange', () => {
  const args = (input: string, more: Record<string, unknown> = {}) => ({ functionName: 'fn', input, lifecycleScope: 'CRUD', ...more })

  it('computes one md5 per step: for its intent, and the same for the id of the state it leaves', async () => {
    const store = mapStore()
    const engine = createEngine({ store, invoker: scriptedInvoker().invoker, clock: fakeClock().clock })
    const md5s = async (run: () => Promise<unknown>): Promise<number> => {
      counted.md5 = 0
      await run()
      return counted.md5
    }
    expect(await md5s(() => engine.apply('k', args('{"n":1}')))).toBe(1)
    expect(await md5s(() => engine.apply('k', args('{"n":2}')))).toBe(1)
    expect(await md5s(() => engine.apply('k', args('{"n":2}', { triggers: { v: '1' } }), { replaceOrder: 'create-first' }))).toBe(2)
    expect(await md5s(() => engine.apply('k', args('{"n":2}', { triggers: { v: '2' } })))).toBe(2)
    const read = await store.read('k')
    expect(E.isRight(read) && read.right?.record.state?.id).toMatch(/^fn,\$LATEST,[0-9a-f]{32}$/)
    expect(await md5s(() => engine.plan('k', args('{"n":2}', { triggers: { v: '2' } })))).toBe(0)
  })

  it('claims the next step in the write that stores the last one: a two-step replace writes three times', async () => {
    const store = mapStore()
    const writes: unknown[] = []
    const counting = { ...store, write: (...a: Parameters<typeof store.write>) => (writes.push(a[1]), store.write(...a)) }
    const engine = createEngine({ store: counting, invoker: scriptedInvoker().invoker, clock: fakeClock().clock })
    await engine.apply('k', args('{"n":1}'))
    writes.length = 0
    const replaced = await engine.apply('k', args('{"n":1}', { triggers: { v: '1' } }))
    expect(E.isRight(replaced) && replaced.right.invocations.map((i) => i.request.lifecycle)).toEqual(['delete', 'create'])
    expect(writes).toHaveLength(3)
    expect(writes[1]).toMatchObject({ intent: { lifecycle: 'create', action: 'replace' } })
    expect(writes[1]).not.toHaveProperty('state')
    expect(writes[2]).not.toHaveProperty('intent')
  })
})
