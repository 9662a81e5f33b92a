import { isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { EMPTY, readCursor, recordOf, save, withoutIntent } from '../../src/engine/cursor.js'
import { resolveDeps } from '../../src/engine/deps.js'
import { sampleRecord, sampleState } from '../../src/testing/fixtures.js'
import { fakeClock, mapStore, scriptedInvoker } from './fakes.js'

const deps = () => resolveDeps({ store: mapStore(), invoker: scriptedInvoker().invoker, clock: fakeClock().clock })

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
    expect(isRight(written) && written.right.version).toBeTruthy()
    const stale = await save(d, 'k', { record: EMPTY, version: undefined }, recordOf(sampleState(), undefined))
    expect(stale._tag === 'Left' && stale.left).toMatchObject({ _tag: 'StoreFailed', key: 'k', failure: { _tag: 'Conflict' } })
    if (!isRight(written)) throw new Error('the write failed')
    const emptied = await save(d, 'k', written.right, EMPTY)
    expect(emptied).toEqual({ _tag: 'Right', right: { record: EMPTY, version: undefined } })
    expect(await d.store.list()).toEqual({ _tag: 'Right', right: [] })
  })

  it('writes nothing for an empty record where none exists', async () => {
    const d = deps()
    expect(isRight(await save(d, 'k', { record: EMPTY, version: undefined }, EMPTY))).toBe(true)
    expect(await d.store.list()).toEqual({ _tag: 'Right', right: [] })
  })
})
