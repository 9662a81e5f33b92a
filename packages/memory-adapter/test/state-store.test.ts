import { describeStateStoreContract, sampleState } from '@lambda-invocation/core/testing'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { MemoryStateStore } from '../src/state-store.js'

describeStateStoreContract('MemoryStateStore', () => ({ store: new MemoryStateStore() }))

describe('MemoryStateStore', () => {
  const record = { schemaVersion: 1 as const, state: sampleState() }

  it('gives a snapshot that is a copy of every record', async () => {
    const store = new MemoryStateStore()
    await store.write('b', record, undefined)
    await store.write('a', { schemaVersion: 1 }, undefined)
    const snap = store.snapshot()
    expect(snap).toEqual({ a: { schemaVersion: 1 }, b: record })
    ;(snap as Record<string, unknown>)['a'] = 'mutated'
    expect(store.snapshot()['a']).toEqual({ schemaVersion: 1 })
  })

  it('crashes after the Nth write: later writes and deletes fail Unavailable, reads still work, restore() ends it', async () => {
    const store = new MemoryStateStore()
    store.crashAfterWrites(2)
    const v1 = await store.write('a', record, undefined)
    const v2 = await store.write('b', record, undefined)
    expect([isRight(v1), isRight(v2), store.crashed]).toEqual([true, true, false])
    const third = await store.write('c', record, undefined)
    expect(isLeft(third) && third.left._tag).toBe('Unavailable')
    expect(store.crashed).toBe(true)
    const del = await store.delete('a', isRight(v1) ? v1.right : '')
    expect(isLeft(del) && del.left._tag).toBe('Unavailable')
    expect(Object.keys(store.snapshot())).toEqual(['a', 'b'])
    store.restore()
    expect(isRight(await store.write('c', record, undefined))).toBe(true)
    expect(store.writes).toBe(3)
  })

  it('crashes at once with crashAfterWrites(0)', async () => {
    const store = new MemoryStateStore()
    store.crashAfterWrites(0)
    const r = await store.write('a', record, undefined)
    expect(isLeft(r) && r.left._tag).toBe('Unavailable')
    expect(store.snapshot()).toEqual({})
  })
})
