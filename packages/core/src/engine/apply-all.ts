/**
 * `applyAll`: many items through a bounded pool of workers, and the fleet
 * mode (`claimed: 'skip'`), in which runners applying one config each start
 * at their own place in the items and leave to another runner what it holds
 * or did, so that adding runners cuts the wall time instead of adding failures.
 */
import * as E from 'fp-ts/lib/Either.js'
import { mainPlan, type PlannedChange } from '../model/change.js'
import type { ResolvedPlanOptions } from '../model/types.js'
import { md5Hex } from '../plan/id.js'
import { isAborted, type AllOptions, type Deps, type Item } from './inputs.js'
import { changeOf, planChange, readUnmoved } from './planned-change.js'
import { heldByAnother, holderMayRun, readCursor, type Cursor } from './record-ops.js'
import { runChange } from './run-steps.js'
import type { ApplyAllReport, ApplyAllSummary, EngineError, ItemResult, ItemStatus, Progress } from './types.js'

/** An item's outcome before it is put in the results. */
export interface Outcome {
  readonly status: ItemStatus
  readonly result: ItemResult['result']
}

/** What the pool needs besides the items and how to apply one. */
export interface PoolOptions {
  readonly concurrency: number
  readonly onProgress?: ((p: Progress) => void) | undefined
  readonly signal?: AbortSignal | undefined
  /** The index of the item to start at; the workers go round from there (results stay in the items' order). */
  readonly start?: number
}

/**
 * Applies many items with a bounded pool of workers that take the next item
 * by index (no queue copying, O(n) overall). One item's failure never stops
 * the others; results come back in the items' order.
 */
export const applyAll = async <T extends { readonly key: string }>(
  items: ReadonlyArray<T>,
  applyOne: (item: T) => Promise<Outcome>,
  options: PoolOptions,
): Promise<ReadonlyArray<ItemResult>> => {
  const total = items.length
  const results = new Array<ItemResult>(total)
  const concurrency = Math.max(1, Math.min(total, Math.floor(options.concurrency)))
  const start = total === 0 ? 0 : Math.floor(options.start ?? 0) % total
  let next = 0
  let done = 0
  const finish = (index: number, key: string, outcome: Outcome): void => {
    results[index] = { key, status: outcome.status, result: outcome.result }
    done++
    try {
      options.onProgress?.({ done, total, key, status: outcome.status, result: outcome.result })
    } catch {
      // A failing progress callback must not stop the applies nor lose their results.
    }
  }
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = (start + next++) % total
      const item = items[index] as T
      if (isAborted(options.signal)) {
        finish(index, item.key, { status: 'pending', result: E.left({ _tag: 'Aborted', key: item.key }) })
        continue
      }
      let outcome: Outcome
      try {
        outcome = await applyOne(item)
      } catch (thrown) {
        // An adapter that throws breaks its contract; report it on this key and keep the others going.
        outcome = { status: 'failed', result: E.left({ _tag: 'StoreFailed', key: item.key, failure: { _tag: 'Unavailable', key: item.key, message: `an adapter threw: ${String(thrown)}`, cause: thrown } }) }
      }
      finish(index, item.key, outcome)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results
}

/** The counts of a run's results; they add up to the number of items. */
export const summarize = (results: ReadonlyArray<ItemResult>): ApplyAllSummary => {
  const counts: Record<ItemStatus, number> = { applied: 0, unchanged: 0, 'done-by-another': 0, 'held-by-another': 0, failed: 0, pending: 0 }
  for (const r of results) counts[r.status]++
  return {
    total: results.length,
    applied: counts.applied,
    unchanged: counts.unchanged,
    doneByAnother: counts['done-by-another'],
    heldByAnother: counts['held-by-another'],
    failed: counts.failed,
    pending: counts.pending,
  }
}

/** Where a runner starts in n items: a place its id decides, spread evenly over runners with different ids. */
export const startOf = (runnerId: string | undefined, n: number): number =>
  runnerId === undefined || n === 0 ? 0 : Number.parseInt(md5Hex(runnerId).slice(0, 8), 16) % n

const failed = (e: EngineError): Outcome => ({ status: e._tag === 'Aborted' ? 'pending' : 'failed', result: E.left(e) })

/**
 * In `skip` mode, what to make of a record that moved under a change before
 * it ran anything: held by another runner (its live intent), done by another
 * (planning the same desired state again gives nothing to do), or else the
 * original error.
 */
const byAnother = async (deps: Deps, key: string, desired: unknown, options: ResolvedPlanOptions, original: EngineError): Promise<Outcome> => {
  const read = await readCursor(deps, key)
  if (E.isLeft(read)) return failed(original)
  const intent = read.right.record.intent
  if (intent !== undefined) {
    if (!heldByAnother(deps, intent)) return failed(original)
    const live = holderMayRun(deps, intent)
    return { status: 'held-by-another', result: E.left(live === undefined ? { _tag: 'Interrupted', key, intent } : { _tag: 'Interrupted', key, intent, live }) }
  }
  const again = changeOf(key, read.right, desired, options, undefined)
  if (E.isLeft(again) || again.right.phases.length !== 1 || again.right.phases[0].plan.action !== 'noop') return failed(original)
  return { status: 'done-by-another', result: E.right({ key, plan: again.right.phases[0].plan, state: read.right.record.state, invocations: [] }) }
}

/** Whether an error means another writer moved the record before this change ran anything. */
const movedBeforeRunning = (e: EngineError): boolean =>
  e._tag === 'StalePlan' || (e._tag === 'StoreFailed' && e.failure._tag === 'Conflict' && e.ran === undefined)

/** Applies one checked item: plans it (or takes its planned change), then runs the change. */
const applyItem = async (deps: Deps, item: Item, options: AllOptions): Promise<Outcome> => {
  const skip = options.claimed === 'skip'
  let change: PlannedChange
  let read: E.Either<EngineError, Cursor>
  if (item._tag === 'Desired') {
    const planned = await planChange(deps, item.key, item.desired, item.call)
    if (E.isLeft(planned)) return failed(planned.left)
    change = planned.right.change
    read = E.right(planned.right.cursor)
  } else {
    change = item.change
    read = await readUnmoved(deps, change)
  }
  const desired = item._tag === 'Desired' ? item.desired : mainPlan(change).desired
  const leftToAnother = (e: EngineError): Promise<Outcome> => (skip && movedBeforeRunning(e) ? byAnother(deps, item.key, desired, change.options, e) : Promise.resolve(failed(e)))
  if (E.isLeft(read)) return leftToAnother(read.left)
  const intent = change.interrupted
  if (skip && intent !== undefined && heldByAnother(deps, intent)) return byAnother(deps, item.key, desired, change.options, { _tag: 'Interrupted', key: item.key, intent })
  const done = await runChange({ deps, change, ...(options.signal === undefined ? {} : { signal: options.signal }) }, read.right)
  if (E.isLeft(done)) return leftToAnother(done.left)
  return { status: done.right.wrote ? 'applied' : 'unchanged', result: E.right(done.right.applied) }
}

/** `applyAll` of checked items and options. */
export const applyItems = async (deps: Deps, items: ReadonlyArray<Item>, options: AllOptions): Promise<ApplyAllReport> => {
  const start = options.claimed === 'skip' ? startOf(deps.runner?.id, items.length) : 0
  const results = await applyAll(items, (item) => applyItem(deps, item, options), {
    concurrency: options.concurrency,
    onProgress: options.onProgress,
    signal: options.signal,
    start,
  })
  return { results, summary: summarize(results) }
}
