/**
 * The end of a fleet apply (`--fleet`): what this runner did, what other
 * runners did or are doing, and what is left: pending (not started before a
 * signal) or failed.
 */
import type { ApplyAllSummary, ItemStatus } from '@lambda-invocation/core'
import type { Colours } from './colour.js'

/** Whether a fleet run left nothing to do: nothing pending, nothing failed. */
export const fleetComplete = (s: ApplyAllSummary): boolean => s.pending === 0 && s.failed === 0

/** An item's status as a progress line says it, for those another runner has. */
export const byAnotherText = (status: Extract<ItemStatus, 'done-by-another' | 'held-by-another'>): string =>
  status === 'done-by-another' ? 'applied by another runner' : 'being applied by another runner'

/**
 * The summary line: `done` says what this runner did (`3 created, 1 updated`;
 * empty: nothing), `verb` is Apply or Destroy.
 */
export const fleetSummaryText = (verb: 'Apply' | 'Destroy', s: ApplyAllSummary, done: string, c: Colours): string => {
  const others = s.doneByAnother + s.heldByAnother
  const head = c.bold(fleetComplete(s) ? `Fleet ${verb.toLowerCase()} complete:` : `Fleet ${verb.toLowerCase()} incomplete:`)
  const mine = `this runner ${done === '' ? 'did nothing' : done}${s.unchanged > 0 ? ` (${s.unchanged} unchanged)` : ''}`
  const theirs =
    others === 0
      ? 'other runners did none'
      : `other runners ${[...(s.doneByAnother > 0 ? [`applied ${s.doneByAnother}`] : []), ...(s.heldByAnother > 0 ? [`are applying ${s.heldByAnother}`] : [])].join(' and ')}`
  return `${head} ${mine}; ${theirs}; ${s.pending} pending, ${s.failed} failed (of ${s.total}).`
}
