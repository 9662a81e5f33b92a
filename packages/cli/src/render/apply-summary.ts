/**
 * The last line of `apply` and `destroy`, as Terraform's: `Apply complete!
 * Resources: 1 added, 0 changed, 0 destroyed.`, and what failed or did not
 * start when it is incomplete.
 */
import { absurd } from 'fp-ts/lib/function.js'
import type { Applied, PlannedChange } from '@lambda-invocation/core'
import type { Colours } from './colour.js'

/** What a finished change did, in the past tense. */
export const pastTense = (a: Applied): string => {
  switch (a.plan.action) {
    case 'create':
      return 'created'
    case 'update':
      return 'updated'
    case 'replace':
      return 'replaced'
    case 'delete':
      return 'destroyed'
    case 'noop':
      return a.invocations.length > 0 ? 'deposed state deleted' : 'unchanged'
    default:
      return absurd(a.plan)
  }
}

/** A finished change as its progress line says it: what it did, and the id it stored (`created [id=fn,$LATEST,…]`). */
export const appliedText = (a: Applied): string => `${pastTense(a)}${a.state === undefined ? '' : ` [id=${a.state.id}]`}`

/** What an apply did, as Terraform counts it: a replace is one added and one destroyed, a deposed state's delete one destroyed. */
export interface AppliedCounts {
  readonly added: number
  readonly changed: number
  readonly destroyed: number
}

/** Counts what was applied; `changes` (the plan shown) say which resources had a deposed state deleted first. */
export const countApplied = (applied: ReadonlyArray<Applied>, changes: ReadonlyArray<PlannedChange>): AppliedCounts => {
  const deposed = new Set(changes.flatMap((c) => (c.deposed === undefined ? [] : [c.key])))
  let added = 0
  let changed = 0
  let destroyed = 0
  for (const a of applied) {
    if (deposed.has(a.key)) destroyed++
    switch (a.plan.action) {
      case 'create':
        added++
        break
      case 'update':
        changed++
        break
      case 'replace':
        added++
        destroyed++
        break
      case 'delete':
        destroyed++
        break
      case 'noop':
        break
      default:
        return absurd(a.plan)
    }
  }
  return { added, changed, destroyed }
}

/** What did not get done: resources that failed, and those Ctrl-C stopped before they started. */
export interface NotDone {
  readonly failed: number
  readonly notStarted: number
  readonly cancelled: boolean
}

/** `Apply complete! Resources: …` (`Destroy complete! …`), or `… incomplete! …` with what failed and what did not start. */
export const completionLine = (command: 'apply' | 'destroy', counts: AppliedCounts, notDone: NotDone, c: Colours): string => {
  const verb = command === 'apply' ? 'Apply' : 'Destroy'
  const complete = notDone.failed === 0 && !notDone.cancelled
  const resources = `Resources: ${counts.added} added, ${counts.changed} changed, ${counts.destroyed} destroyed`
  const missed = [...(notDone.failed > 0 ? [`${notDone.failed} failed`] : []), ...(notDone.notStarted > 0 ? [`${notDone.notStarted} not started`] : [])]
  return `${c.bold(complete ? `${verb} complete!` : `${verb} incomplete!`)} ${resources}${missed.length > 0 ? `; ${missed.join(', ')}` : ''}.`
}
