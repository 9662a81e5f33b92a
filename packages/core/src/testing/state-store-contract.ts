import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ResourceRecord } from '../model/record.js'
import type { StateStore, StoreFailure, Version } from '../ports/state-store.js'
import { sampleRecord, sampleState } from './fixtures.js'

/** What a state store contract run needs: a fresh, empty store per test, and how to dispose of it. */
export interface StateStoreFixture {
  readonly store: StateStore
  readonly cleanup?: () => Promise<void> | void
}

const right = <A>(e: E.Either<StoreFailure, A>, what: string): A => {
  if (E.isLeft(e)) throw new Error(`${what} failed: ${e.left._tag}: ${e.left.message}`)
  return e.right
}

const expectConflict = (e: E.Either<StoreFailure, unknown>): void => {
  expect(E.isLeft(e) ? e.left._tag : 'Right').toBe('Conflict')
}

const plain: ResourceRecord = { schemaVersion: 1, state: sampleState() }

/**
 * Registers the `StateStore` contract as a Vitest suite: compare-and-set
 * writes and deletes, round trips, sorted listing, one winner among racing
 * writers. `make` must give an empty store each time.
 */
export const describeStateStoreContract = (
  name: string,
  make: () => Promise<StateStoreFixture> | StateStoreFixture,
): void => {
  describe(`StateStore contract: ${name}`, () => {
    let fixture: StateStoreFixture
    let store: StateStore
    beforeEach(async () => {
      fixture = await make()
      store = fixture.store
    })
    afterEach(async () => {
      await fixture.cleanup?.()
    })

    it('reads undefined for a key that was never written', async () => {
      expect(right(await store.read('missing'), 'read')).toBeUndefined()
    })

    it('creates with expected undefined and reads the record back with its version', async () => {
      const v = right(await store.write('k', plain, undefined), 'write')
      const got = right(await store.read('k'), 'read')
      expect(got).toEqual({ record: plain, version: v })
    })

    it('round-trips every field of a record exactly', async () => {
      const record = sampleRecord()
      right(await store.write('k', record, undefined), 'write')
      expect(right(await store.read('k'), 'read')?.record).toEqual(record)
    })

    it('keeps what was written even if the caller mutates its object afterwards', async () => {
      const record = JSON.parse(JSON.stringify(sampleRecord())) as { state: { result: string } }
      right(await store.write('k', record as unknown as ResourceRecord, undefined), 'write')
      record.state.result = 'changed after the write'
      expect(right(await store.read('k'), 'read')?.record).toEqual(sampleRecord())
    })

    it('refuses to create over an existing record (Conflict), leaving it unchanged', async () => {
      const v = right(await store.write('k', plain, undefined), 'write')
      expectConflict(await store.write('k', sampleRecord(), undefined))
      expect(right(await store.read('k'), 'read')).toEqual({ record: plain, version: v })
    })

    it('writes with the current version and gives a new version each time, even for the same record', async () => {
      const v1 = right(await store.write('k', plain, undefined), 'write')
      const v2 = right(await store.write('k', plain, v1), 'write')
      const v3 = right(await store.write('k', sampleRecord(), v2), 'write')
      expect(new Set([v1, v2, v3]).size).toBe(3)
      expect(right(await store.read('k'), 'read')).toEqual({ record: sampleRecord(), version: v3 })
    })

    it('refuses a write with a stale version (Conflict) and a write to a missing key with a version', async () => {
      const v1 = right(await store.write('k', plain, undefined), 'write')
      right(await store.write('k', sampleRecord(), v1), 'write')
      expectConflict(await store.write('k', plain, v1))
      expect(right(await store.read('k'), 'read')?.record).toEqual(sampleRecord())
      expectConflict(await store.write('other', plain, v1))
      expect(right(await store.read('other'), 'read')).toBeUndefined()
    })

    it('reports the key in a Conflict', async () => {
      right(await store.write('k', plain, undefined), 'write')
      const e = await store.write('k', plain, undefined)
      expect(E.isLeft(e) && e.left._tag === 'Conflict' ? e.left.key : undefined).toBe('k')
    })

    it('deletes only with the current version', async () => {
      const v1 = right(await store.write('k', plain, undefined), 'write')
      const v2 = right(await store.write('k', plain, v1), 'write')
      expectConflict(await store.delete('k', v1))
      expect(right(await store.read('k'), 'read')?.version).toBe(v2)
      right(await store.delete('k', v2), 'delete')
      expect(right(await store.read('k'), 'read')).toBeUndefined()
      expectConflict(await store.delete('k', v2))
    })

    it('creates again after a delete', async () => {
      const v1 = right(await store.write('k', plain, undefined), 'write')
      right(await store.delete('k', v1), 'delete')
      const v2 = right(await store.write('k', sampleRecord(), undefined), 'write')
      expect(right(await store.read('k'), 'read')).toEqual({ record: sampleRecord(), version: v2 })
    })

    it('keeps keys apart, including keys with slashes, dots, spaces and non-ASCII characters', async () => {
      const keys = ['b', 'a', 'app/prod/seed', 'a.b', '../escape', 'with space', 'ünïcødé-🔑']
      for (const [i, key] of keys.entries()) {
        right(await store.write(key, { schemaVersion: 1, state: sampleState(`f${i}`) }, undefined), `write ${key}`)
      }
      for (const [i, key] of keys.entries()) {
        expect(right(await store.read(key), `read ${key}`)?.record.state?.functionName).toBe(`f${i}`)
      }
      expect(right(await store.list(), 'list')).toEqual([...keys].sort())
    })

    it('lists every key with a record, sorted, and forgets deleted ones', async () => {
      expect(right(await store.list(), 'list')).toEqual([])
      const versions = new Map<string, Version>()
      for (const key of ['c', 'a', 'b']) versions.set(key, right(await store.write(key, plain, undefined), 'write'))
      expect(right(await store.list(), 'list')).toEqual(['a', 'b', 'c'])
      right(await store.delete('b', versions.get('b') as Version), 'delete')
      expect(right(await store.list(), 'list')).toEqual(['a', 'c'])
    })

    it('lets exactly one of several racing creates win', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => store.write('race', { schemaVersion: 1, state: sampleState(`f${i}`) }, undefined)),
      )
      expect(results.filter(E.isRight)).toHaveLength(1)
      for (const r of results.filter(E.isLeft)) expect(r.left._tag).toBe('Conflict')
      const winner = results.findIndex(E.isRight)
      expect(right(await store.read('race'), 'read')?.record.state?.functionName).toBe(`f${winner}`)
    })

    it('lets exactly one of several racing updates from the same version win', async () => {
      const v = right(await store.write('race', plain, undefined), 'write')
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => store.write('race', { schemaVersion: 1, state: sampleState(`f${i}`) }, v)),
      )
      expect(results.filter(E.isRight)).toHaveLength(1)
      const winner = results.findIndex(E.isRight)
      const got = right(await store.read('race'), 'read')
      expect(got?.record.state?.functionName).toBe(`f${winner}`)
      expect(got?.version).toBe((results[winner] as { right: Version }).right)
    })
  })
}
