import { left, type Either } from 'fp-ts/lib/Either.js'
import type { Applied, ApplyItem, EngineError, Progress } from './types.js'

/** Options of `applyAll`. */
export interface ApplyAllOptions {
  /** At most this many keys at once; default 8, at least 1. */
  readonly concurrency?: number
  /** Called once per finished key, in the order they finish. */
  readonly onProgress?: (p: Progress) => void
  /** Stops starting keys; those not started end `Aborted`, those in flight finish. */
  readonly signal?: AbortSignal
}

/** One key's outcome, in the order of the items. */
export interface ItemResult {
  readonly key: string
  readonly result: Either<EngineError, Applied>
}

/**
 * Applies many items with a bounded pool of workers that take the next item
 * by index (no queue copying, O(n) overall). One item's failure never stops
 * the others; results come back in the items' order.
 */
export const applyAll = async (
  items: ReadonlyArray<ApplyItem>,
  applyOne: (item: ApplyItem) => Promise<Either<EngineError, Applied>>,
  options: ApplyAllOptions = {},
): Promise<ReadonlyArray<ItemResult>> => {
  const total = items.length
  const results = new Array<ItemResult>(total)
  const concurrency = Math.max(1, Math.min(total, Math.floor(options.concurrency ?? 8)))
  let next = 0
  let done = 0
  const finish = (index: number, key: string, result: Either<EngineError, Applied>): void => {
    results[index] = { key, result }
    done++
    try {
      options.onProgress?.({ done, total, key, result })
    } catch {
      // A failing progress callback must not stop the applies nor lose their results.
    }
  }
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++
      const item = items[index] as ApplyItem
      if (options.signal?.aborted === true) {
        finish(index, item.key, left({ _tag: 'Aborted', key: item.key }))
        continue
      }
      let result: Either<EngineError, Applied>
      try {
        result = await applyOne(item)
      } catch (thrown) {
        // An adapter that throws breaks its contract; report it on this key and keep the others going.
        result = left({ _tag: 'StoreFailed', key: item.key, failure: { _tag: 'Unavailable', key: item.key, message: `an adapter threw: ${String(thrown)}`, cause: thrown } })
      }
      finish(index, item.key, result)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results
}
