import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { collapseUnchanged, diffLines } from '../../src/render/line-diff.js'

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '{', '}'), { maxLength: 30 })

describe('diffLines', () => {
  it('keeps exactly the before lines (kept and removed) and the after lines (kept and added), in order', () => {
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const d = diffLines(before, after)
        expect(d.filter((l) => l._tag !== 'Added').map((l) => l.text)).toEqual(before)
        expect(d.filter((l) => l._tag !== 'Removed').map((l) => l.text)).toEqual(after)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps a longest common subsequence: no line is both removed and added needlessly', () => {
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const kept = diffLines(before, after).filter((l) => l._tag === 'Kept').length
        // the length of an LCS, computed independently
        const t = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0))
        for (let i = 1; i <= before.length; i++)
          for (let j = 1; j <= after.length; j++)
            t[i]![j] = before[i - 1] === after[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!)
        expect(kept).toBe(t[before.length]![after.length])
      }),
      { numRuns: 300 },
    )
  })

  it('shows a changed line as a removal then an addition', () => {
    expect(diffLines(['{', '"rows": 3', '}'], ['{', '"rows": 5', '}'])).toEqual([
      { _tag: 'Kept', text: '{' },
      { _tag: 'Removed', text: '"rows": 3' },
      { _tag: 'Added', text: '"rows": 5' },
      { _tag: 'Kept', text: '}' },
    ])
  })
})

describe('collapseUnchanged', () => {
  it('replaces a long unchanged run by a count, keeping context around changes', () => {
    const before = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']
    const after = [...before.slice(0, 9), 'X']
    const c = collapseUnchanged(diffLines(before, after), 2)
    expect(c).toEqual([{ _tag: 'Skipped', count: 7 }, { _tag: 'Kept', text: '7' }, { _tag: 'Kept', text: '8' }, { _tag: 'Removed', text: '9' }, { _tag: 'Added', text: 'X' }])
  })
  it('leaves short runs alone', () => {
    const d = diffLines(['a', 'b', 'c'], ['a', 'x', 'c'])
    expect(collapseUnchanged(d, 3)).toEqual(d)
  })
})
