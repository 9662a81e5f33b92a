import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { ResourceRecord } from '@lambda-invocation/core'
import { sampleRecord, sampleState } from '@lambda-invocation/core/testing'
import { deleteLine, emptyJournalState, headerLine, putLine, replayLines, sniffHeader, stateAfterHeader, type JournalState } from '../../src/state-file/journal.js'

const rec = (n: number): ResourceRecord => ({ schemaVersion: 1, state: sampleState(`fn${n}`) })
const put = (serial: number, key: string, previous: number | undefined, n: number): string => putLine(serial, key, previous === undefined ? undefined : String(previous), JSON.stringify(rec(n)))

/** Replays `lines` after a header of `serial` and `snapshot`; the state, or why not. */
const replay = (lines: string, header: { serial: number; snapshot: number } = { serial: 0, snapshot: 0 }): E.Either<string, JournalState> => {
  const h = sniffHeader(headerLine('g', header.serial, header.snapshot).trimEnd())
  if (h === undefined || E.isLeft(h)) throw new Error('header not read back')
  const state = stateAfterHeader(h.right)
  const r = replayLines(state, lines, 2, new Set())
  return E.isLeft(r) ? r : E.right(state)
}

const why = (lines: string, header?: { serial: number; snapshot: number }): string | undefined => {
  const r = replay(lines, header)
  return E.isLeft(r) ? r.left : undefined
}

describe('journal lines', () => {
  it('read back as the writes they record, keys and records exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.boolean()), { maxLength: 12 }), (ops) => {
        let text = ''
        let serial = 0
        const expected = new Map<string, { version: string; record: ResourceRecord }>()
        for (const [key, remove] of ops) {
          const found = expected.get(key)
          serial++
          if (remove && found !== undefined) {
            text += deleteLine(serial, key, found.version)
            expected.delete(key)
          } else {
            text += putLine(serial, key, found?.version, JSON.stringify(sampleRecord()))
            expected.set(key, { version: String(serial), record: sampleRecord() })
          }
        }
        const r = replay(text)
        expect(E.isRight(r) && r.right.records).toEqual(expected)
        expect(E.isRight(r) && r.right.serial).toBe(serial)
        expect(E.isRight(r) && r.right.lines).toBe(ops.length)
      }),
      { numRuns: 100 },
    )
  })

  it('a header is read back; another format version or a line that is not ours is told apart', () => {
    const h = sniffHeader(headerLine('abc', 41, 2).trimEnd())
    expect(h !== undefined && E.isRight(h) && h.right).toEqual({ format: 'lambda-invocation/state', formatVersion: 2, generation: 'abc', serial: 41, snapshot: 2 })
    expect(sniffHeader('{"format":"lambda-invocation/state","formatVersion":3}')).toEqual(E.left({ formatVersion: 3 }))
    expect(sniffHeader('{"format":"lambda-invocation/state","formatVersion":2,"serial":"1"}')).toEqual(E.left({ formatVersion: 2 }))
    // A format-1 file's first line is never a whole JSON object.
    expect(sniffHeader('{')).toBeUndefined()
    expect(sniffHeader('{"format":"other"}')).toBeUndefined()
    expect(emptyJournalState()).toEqual({ serial: 0, records: new Map(), lines: 0, snapshotLeft: 0 })
  })

  it('replays every compare-and-set again: a missing, repeated or reordered line is refused, naming it', () => {
    const a1 = put(1, 'a', undefined, 1)
    const a2 = put(2, 'a', 1, 2)
    const a3 = put(3, 'a', 2, 3)
    expect(why(a1 + a2 + a3)).toBeUndefined()
    expect(why(a1 + a3)).toBe('line 3 changes "a" from version 2, but the lines before leave it at version 1: lines are missing, or were written without the lock')
    expect(why(a1 + a2 + a2)).toBe('line 4 has serial 2, not above the 2 before it: lines are repeated or out of order')
    expect(why(a2)).toBe('line 2 changes "a" from version 1, but the lines before leave it at no record: lines are missing, or were written without the lock')
    expect(why(a1 + put(2, 'a', undefined, 2))).toBe('line 3 changes "a" from no record, but the lines before leave it at version 1: lines are missing, or were written without the lock')
    expect(why(a1 + deleteLine(2, 'b', '1'))).toMatch(/^line 3 changes "b" from version 1, but the lines before leave it at no record/)
  })

  it('refuses a line that is not a write, naming the line', () => {
    expect(why('{"serial":1,"key":"a","record":{}}\n{"serial":2,\n')).toMatch(/^line 3 is not valid JSON \(column 13: /)
    expect(why('[1]\n')).toBe('line 2 is not a JSON object')
    expect(why('{"serial":0,"key":"a","record":{}}\n')).toBe('line 2 has no "serial" (a whole number above 0)')
    expect(why('{"serial":1,"key":7,"record":{}}\n')).toBe('line 2 has no "key" (a string)')
    expect(why('{"serial":1,"key":"a"}\n')).toBe('line 2 must hold either a "record" or "deleted": true')
    expect(why('{"serial":1,"key":"a","record":{},"deleted":true}\n')).toBe('line 2 must hold either a "record" or "deleted": true')
    expect(why('{"serial":1,"key":"a","previous":"1","record":{}}\n')).toBe('line 2: "previous" must be a whole number above 0')
    expect(why('{"serial":1,"key":"a","deleted":true}\n')).toBe('line 2 deletes "a", which has no record')
  })

  it('the compacted records: plain records at or below the header serial, once each; then writes above it', () => {
    const snapshot = put(3, 'b', undefined, 1) + put(1, 'a', undefined, 2)
    const r = replay(snapshot + put(6, 'b', 3, 4), { serial: 5, snapshot: 2 })
    expect(E.isRight(r) && [...r.right.records].map(([k, e]) => [k, e.version])).toEqual([
      ['b', '6'],
      ['a', '1'],
    ])
    expect(why(put(6, 'a', undefined, 1), { serial: 5, snapshot: 1 })).toBe("line 2 is among the compacted records, but its serial 6 is above the header's 5")
    expect(why(put(1, 'a', undefined, 1) + put(2, 'a', undefined, 1), { serial: 5, snapshot: 2 })).toBe('line 3 repeats the compacted record of "a"')
    expect(why(deleteLine(1, 'a', '1'), { serial: 5, snapshot: 1 })).toBe('line 2 is among the compacted records, so it must be a plain record')
    expect(why(snapshot + put(5, 'c', undefined, 1), { serial: 5, snapshot: 2 })).toBe('line 4 has serial 5, not above the 5 before it: lines are repeated or out of order')
  })
})
