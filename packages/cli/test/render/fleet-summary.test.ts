import type { ApplyAllSummary } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { makeColours } from '../../src/render/colour.js'
import { byAnotherText, fleetComplete, fleetSummaryText } from '../../src/render/fleet-summary.js'

const c = makeColours(false)
const summary = (over: Partial<ApplyAllSummary>): ApplyAllSummary => ({ total: 10, applied: 0, unchanged: 0, doneByAnother: 0, heldByAnother: 0, failed: 0, pending: 0, ...over })

describe('the fleet summary', () => {
  it("says what this runner did, what the others did and are doing, and what is left", () => {
    expect(fleetSummaryText('Apply', summary({ applied: 4, unchanged: 1, doneByAnother: 3, heldByAnother: 2 }), '4 created', c)).toBe(
      'Fleet apply complete: this runner 4 created (1 unchanged); other runners applied 3 and are applying 2; 0 pending, 0 failed (of 10).',
    )
    expect(fleetSummaryText('Apply', summary({ unchanged: 8, pending: 1, failed: 1 }), '', c)).toBe(
      'Fleet apply incomplete: this runner did nothing (8 unchanged); other runners did none; 1 pending, 1 failed (of 10).',
    )
  })

  it('is complete when nothing is pending or failed', () => {
    expect(fleetComplete(summary({ heldByAnother: 10 }))).toBe(true)
    expect(fleetComplete(summary({ pending: 1 }))).toBe(false)
    expect(fleetComplete(summary({ failed: 1 }))).toBe(false)
  })

  it('names what another runner has', () => {
    expect(byAnotherText('done-by-another')).toBe('applied by another runner')
    expect(byAnotherText('held-by-another')).toBe('being applied by another runner')
  })
})
