import * as E from 'fp-ts/lib/Either.js'
import type { EngineError, Intent } from '@lambda-invocation/core'
import { MemoryStateStore } from '@lambda-invocation/memory-adapter'
import { describe, expect, it } from 'vitest'
import { asRace } from '../../src/commands/races.js'

const intent: Intent = {
  action: 'create',
  lifecycle: 'create',
  functionName: 'f',
  qualifier: '$LATEST',
  payloadMd5: '0'.repeat(32),
  startedAt: '2026-01-01T11:59:00.000Z',
  holder: { id: 'other', host: 'elsewhere', pid: 42 },
}
const stale: EngineError = { _tag: 'StalePlan', key: 'k', expected: undefined, found: '1' }

const storeWith = async (withIntent: boolean): Promise<MemoryStateStore> => {
  const store = new MemoryStateStore()
  const written = await store.write('k', { schemaVersion: 1, ...(withIntent ? { intent } : {}) }, undefined)
  if (E.isLeft(written)) throw new Error(written.left.message)
  return store
}

describe('asRace', () => {
  it('tells a stale plan whose record another live apply now holds as that holder at work', async () => {
    expect(await asRace(await storeWith(true), stale, () => true)).toEqual({ _tag: 'Interrupted', key: 'k', intent, live: true })
  })

  it('leaves the error as it is when the holder is gone, the record holds no step, or the error is not a lost race', async () => {
    expect(await asRace(await storeWith(true), stale, () => false)).toBe(stale)
    expect(await asRace(await storeWith(false), stale, () => true)).toBe(stale)
    const failed: EngineError = { _tag: 'Aborted', key: 'k' }
    expect(await asRace(await storeWith(true), failed, () => true)).toBe(failed)
  })
})
