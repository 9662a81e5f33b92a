/**
 * One key's record as the engine reads and writes it: the cursor (what it
 * last read or wrote, at which version), compare-and-set saves, and the
 * intents it records before each step.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Holder, Intent, ResourceRecord } from '../model/record.js'
import type { InvocationState, InvokeRequest } from '../model/types.js'
import { md5Hex } from '../plan/id.js'
import type { Version } from '../ports/state-store.js'
import type { Deps } from './inputs.js'
import type { EngineError } from './types.js'

/** Where one key's record stands: what the engine last read or wrote, and at which version (`undefined`: no record). */
export interface Cursor {
  readonly record: ResourceRecord
  readonly version: Version | undefined
}

/** The record with neither state, deposed state nor intent. */
export const EMPTY: ResourceRecord = { schemaVersion: 1 }

/** A record holding `state` and `deposed`, leaving out what is undefined. */
export const recordOf = (state: InvocationState | undefined, deposed: InvocationState | undefined): ResourceRecord => ({
  schemaVersion: 1,
  ...(state === undefined ? {} : { state }),
  ...(deposed === undefined ? {} : { deposed }),
})

/** The record without its intent. */
export const withoutIntent = (record: ResourceRecord): ResourceRecord => recordOf(record.state, record.deposed)

const isEmpty = (record: ResourceRecord): boolean =>
  record.state === undefined && record.deposed === undefined && record.intent === undefined

/** Reads a key into a cursor. */
export const readCursor = async (deps: Pick<Deps, 'store'>, key: string): Promise<E.Either<EngineError, Cursor>> => {
  const read = await deps.store.read(key)
  if (E.isLeft(read)) return E.left({ _tag: 'StoreFailed', key, failure: read.left })
  return E.right(read.right === undefined ? { record: EMPTY, version: undefined } : read.right)
}

/**
 * Stores `next` with compare-and-set on the cursor's version. An empty record
 * is deleted rather than written (and nothing happens if there was none).
 */
export const save = async (deps: Pick<Deps, 'store'>, key: string, cursor: Cursor, next: ResourceRecord): Promise<E.Either<EngineError, Cursor>> => {
  if (isEmpty(next)) {
    if (cursor.version === undefined) return E.right({ record: EMPTY, version: undefined })
    const deleted = await deps.store.delete(key, cursor.version)
    return E.isLeft(deleted) ? E.left({ _tag: 'StoreFailed', key, failure: deleted.left }) : E.right({ record: EMPTY, version: undefined })
  }
  const written = await deps.store.write(key, next, cursor.version)
  return E.isLeft(written) ? E.left({ _tag: 'StoreFailed', key, failure: written.left }) : E.right({ record: next, version: written.right })
}

/**
 * The intent recorded before running `request` as a step of a plan with
 * action `action`; `payloadMd5` is the md5 of its payload, computed once for
 * the intent and the state's id.
 */
export const intentFor = (action: Intent['action'], request: InvokeRequest, startedAt: Date, payloadMd5: string, holder?: Holder): Intent => ({
  action,
  lifecycle: request.lifecycle,
  functionName: request.functionName,
  qualifier: request.qualifier,
  payloadMd5,
  startedAt: startedAt.toISOString(),
  ...(holder === undefined ? {} : { holder }),
})

/** Whether `request` is the very step `intent` recorded: same function, qualifier, lifecycle action and payload bytes. */
export const isSameStep = (intent: Intent, request: InvokeRequest): boolean =>
  intent.lifecycle === request.lifecycle &&
  intent.functionName === request.functionName &&
  intent.qualifier === request.qualifier &&
  intent.payloadMd5 === md5Hex(request.payload)

/** Whether a step started less than the lease ago (a clock that cannot tell counts as yes: the step may be running). */
const withinLease = (deps: Pick<Deps, 'clock' | 'leaseMs'>, intent: Intent): boolean => {
  const now = deps.clock.now()
  const started = Date.parse(intent.startedAt)
  return E.isLeft(now) || Number.isNaN(started) || now.right.getTime() - started < deps.leaseMs
}

/**
 * Whether the runner named by an intent may still be running its step: it
 * is not this runner and the step started less than the lease ago.
 * `undefined` when the intent names no holder.
 */
export const holderMayRun = (deps: Pick<Deps, 'clock' | 'leaseMs' | 'runner'>, intent: Intent): boolean | undefined => {
  if (intent.holder === undefined) return undefined
  return intent.holder.id !== deps.runner?.id && withinLease(deps, intent)
}

/** Whether another runner may hold an intent: one it names (see `holderMayRun`), or one that names none and is younger than the lease. */
export const heldByAnother = (deps: Pick<Deps, 'clock' | 'leaseMs' | 'runner'>, intent: Intent): boolean =>
  holderMayRun(deps, intent) ?? withinLease(deps, intent)

/** The `Interrupted` error of a record's intent, saying whether its holder may still run it. */
export const interrupted = (deps: Pick<Deps, 'clock' | 'leaseMs' | 'runner'>, key: string, intent: Intent): EngineError => {
  const live = holderMayRun(deps, intent)
  return live === undefined ? { _tag: 'Interrupted', key, intent } : { _tag: 'Interrupted', key, intent, live }
}
