import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LEASE_MS, type Deps } from '../../src/engine/inputs.js'
import { EMPTY, heldByAnother, holderMayRun, intentFor, interrupted, isSameStep, readCursor, recordOf, save, withoutIntent } from '../../src/engine/record-ops.js'
import { md5Hex } from '../../src/plan/id.js'
import { makeRequest, sampleRecord, sampleState, type RequestFields } from '../../src/testing/fixtures.js'
import { mapStore } from './fakes.js'

const deps = () => ({ store: mapStore() })

describe('cursor', () => {
  it('recordOf leaves out what is undefined; withoutIntent drops only the intent', () => {
    expect(recordOf(undefined, undefined)).toEqual({ schemaVersion: 1 })
    expect(Object.keys(recordOf(sampleState(), undefined))).toEqual(['schemaVersion', 'state'])
    const r = sampleRecord()
    expect(withoutIntent(r)).toEqual({ schemaVersion: 1, state: r.state, deposed: r.deposed })
  })

  it('writes with compare-and-set, and deletes the record once it is empty', async () => {
    const d = deps()
    const start = await readCursor(d, 'k')
    expect(start).toEqual({ _tag: 'Right', right: { record: EMPTY, version: undefined } })
    const written = await save(d, 'k', { record: EMPTY, version: undefined }, recordOf(sampleState(), undefined))
    expect(E.isRight(written) && written.right.version).toBeTruthy()
    const stale = await save(d, 'k', { record: EMPTY, version: undefined }, recordOf(sampleState(), undefined))
    expect(stale._tag === 'Left' && stale.left).toMatchObject({ _tag: 'StoreFailed', key: 'k', failure: { _tag: 'Conflict' } })
    if (!E.isRight(written)) throw new Error('the write failed')
    const emptied = await save(d, 'k', written.right, EMPTY)
    expect(emptied).toEqual({ _tag: 'Right', right: { record: EMPTY, version: undefined } })
    expect(await d.store.list()).toEqual({ _tag: 'Right', right: [] })
  })

  it('writes nothing for an empty record where none exists', async () => {
    const d = deps()
    expect(E.isRight(await save(d, 'k', { record: EMPTY, version: undefined }, EMPTY))).toBe(true)
    expect(await d.store.list()).toEqual({ _tag: 'Right', right: [] })
  })
})

const fields: RequestFields = { functionName: 'fn', qualifier: '3', payload: '{"a":"ü"}', lifecycle: 'update' }
const request = makeRequest(fields)

describe('intentFor / isSameStep', () => {
  it('records the step: action, lifecycle, function, qualifier, md5 of the UTF-8 payload and the start time', () => {
    expect(intentFor('replace', request, new Date(0), md5Hex(request.payload))).toEqual({
      action: 'replace',
      lifecycle: 'update',
      functionName: 'fn',
      qualifier: '3',
      payloadMd5: createHash('md5').update(Buffer.from('{"a":"ü"}', 'utf8')).digest('hex'),
      startedAt: '1970-01-01T00:00:00.000Z',
    })
  })

  it('knows the same step again and tells a different one apart by any field', () => {
    const intent = intentFor('update', request, new Date(0), md5Hex(request.payload))
    expect(isSameStep(intent, request)).toBe(true)
    for (const other of [
      { ...fields, payload: '{"a":"u"}' },
      { ...fields, qualifier: '$LATEST' },
      { ...fields, functionName: 'other' },
      { ...fields, lifecycle: 'create' as const },
    ].map(makeRequest)) {
      expect(isSameStep(intent, other)).toBe(false)
    }
  })
})

describe('who holds an intent', () => {
  const started = '2026-01-01T00:00:00.000Z'
  const at = (ms: number): Pick<Deps, 'clock' | 'leaseMs' | 'runner'> => ({
    clock: { now: () => E.right(new Date(Date.parse(started) + ms)), sleep: () => Promise.resolve() },
    leaseMs: DEFAULT_LEASE_MS,
    runner: { id: 'me' },
  })
  const intent = (holder?: { id: string }) => ({ ...intentFor('create', request, new Date(started), md5Hex(request.payload), holder) })

  it('records the holder it is given, and none when there is none', () => {
    expect(intentFor('create', request, new Date(0), 'x'.repeat(32), { id: 'r1', host: 'h', pid: 7 }).holder).toEqual({ id: 'r1', host: 'h', pid: 7 })
    expect('holder' in intentFor('create', request, new Date(0), 'x'.repeat(32))).toBe(false)
  })

  it("another runner may run its step within the lease; this runner's own step, or one past the lease, is not held", () => {
    expect(holderMayRun(at(1000), intent({ id: 'other' }))).toBe(true)
    expect(holderMayRun(at(DEFAULT_LEASE_MS + 1), intent({ id: 'other' }))).toBe(false)
    expect(holderMayRun(at(1000), intent({ id: 'me' }))).toBe(false)
    expect(holderMayRun(at(1000), intent())).toBeUndefined()
  })

  it('an intent naming no holder counts as held while it is younger than the lease', () => {
    expect(heldByAnother(at(1000), intent())).toBe(true)
    expect(heldByAnother(at(DEFAULT_LEASE_MS), intent())).toBe(false)
    expect(heldByAnother(at(1000), intent({ id: 'me' }))).toBe(false)
  })

  it('the Interrupted error says whether the holder may still run the step, only when the intent names one', () => {
    expect(interrupted(at(5), 'k', intent({ id: 'other' }))).toMatchObject({ _tag: 'Interrupted', live: true })
    expect(interrupted(at(5), 'k', intent())).toEqual({ _tag: 'Interrupted', key: 'k', intent: intent() })
  })
})
