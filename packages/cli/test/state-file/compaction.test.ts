import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { sampleRecord } from '@lambda-invocation/core/testing'
import { compactedText, shouldCompact } from '../../src/state-file/compaction.js'
import type { StateEntry } from '../../src/state-file/state.js'
import { replayLines, sniffHeader, stateAfterHeader } from '../../src/state-file/journal.js'

describe('shouldCompact', () => {
  it('once superseded lines outnumber the live records plus the slack', () => {
    const state = (lines: number, live: number) => ({ serial: lines, records: new Map(Array.from({ length: live }, (_, i) => [`k${i}`, { version: '1', record: sampleRecord() }])), lines, snapshotLeft: 0 })
    expect(shouldCompact(state(10, 5), 0)).toBe(false)
    expect(shouldCompact(state(11, 5), 0)).toBe(true)
    expect(shouldCompact(state(74, 5), 64)).toBe(false)
    expect(shouldCompact(state(75, 5), 64)).toBe(true)
    // A fresh apply writes each record twice (its intent, then its result): never compacted for it.
    expect(shouldCompact(state(20_000, 10_000), 0)).toBe(false)
    expect(shouldCompact(state(0, 0), 0)).toBe(false)
  })
})

describe('compactedText', () => {
  it('is a journal that replays to the same records, sorted by key, continuing from the same serial', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string(), fc.integer({ min: 1, max: 1000 })), { selector: ([k]) => k, maxLength: 10 }), fc.nat(50), (entries, extra) => {
        const records = new Map<string, StateEntry>(entries.map(([k, v]) => [k, { version: String(v), record: sampleRecord() }]))
        const serial = Math.max(0, ...entries.map(([, v]) => v)) + extra
        const { text, header } = compactedText(records, serial)
        expect(text.startsWith(header)).toBe(true)
        const h = sniffHeader(header.trimEnd())
        if (h === undefined || E.isLeft(h)) throw new Error('no header')
        expect(h.right.serial).toBe(serial)
        expect(h.right.snapshot).toBe(records.size)
        const state = stateAfterHeader(h.right)
        expect(E.isRight(replayLines(state, text.slice(header.length), 2, new Set()))).toBe(true)
        expect(state.snapshotLeft).toBe(0)
        expect(new Map([...state.records].sort())).toEqual(new Map([...records].sort()))
        expect([...state.records.keys()]).toEqual([...records.keys()].sort())
        expect(state.serial).toBe(serial)
      }),
      { numRuns: 100 },
    )
  })

  it('gives each compaction a new generation', () => {
    const a = compactedText(new Map(), 3).header
    const b = compactedText(new Map(), 3).header
    expect(a).not.toBe(b)
  })
})
