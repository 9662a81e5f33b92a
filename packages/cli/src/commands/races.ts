/**
 * Races told as races: a change refused because another apply moved its
 * record first (a stale plan, a lost compare-and-set before anything ran) is,
 * when that apply now holds the step and may still be running it, reported as
 * that step's holder at work (who, since when), not as an error to plan again.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EngineError, Intent, StateStore } from '@lambda-invocation/core'

/** Whether `e` means another writer moved the record before this change ran anything. */
const lostBeforeRunning = (e: EngineError): boolean => e._tag === 'StalePlan' || (e._tag === 'StoreFailed' && e.failure._tag === 'Conflict' && e.ran === undefined)

/** `e`, or, when another apply that may still run it now holds the resource's step, that step as a live `Interrupted`. */
export const asRace = async (store: StateStore, e: EngineError, heldLive: (intent: Intent) => boolean): Promise<EngineError> => {
  if (!lostBeforeRunning(e)) return e
  const read = await store.read(e.key)
  if (E.isLeft(read) || read.right === undefined) return e
  const intent = read.right.record.intent
  return intent !== undefined && heldLive(intent) ? { _tag: 'Interrupted', key: e.key, intent, live: true } : e
}
