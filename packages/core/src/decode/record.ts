import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { Problem } from '../model/problem.js'
import type { Holder, Intent, ResourceRecord } from '../model/record.js'
import type { LifecycleAction } from '../model/types.js'
import { AnyString, checked, exactly, NonEmptyString, oneOf, readable, strict, wholeNumber } from './codec.js'
import { reportProblems } from './reporter.js'
import { StoredState } from './state.js'

const Md5Hex = checked('Md5Hex', (s) =>
  /^[0-9a-f]{32}$/.test(s) ? E.right(s) : E.left(`must be 32 lower-case hex digits (an md5), got ${JSON.stringify(s)}`),
)

/** An ISO 8601 time with its zone, as `Date.toISOString` writes it. */
export const IsoTime = checked('IsoTime', (s) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))
    ? E.right(s)
    : E.left(`must be an ISO 8601 time such as "2026-01-02T03:04:05.000Z", got ${JSON.stringify(s)}`),
)

/** Who holds a step: the runner that wrote its intent (plain data, stored as it is). */
export const HolderCodec = strict<Holder>({
  name: 'Holder',
  noun: 'a holder',
  member: 'a field of a holder',
  fields: [
    { key: 'id', name: 'id', codec: NonEmptyString, presence: 'required' },
    { key: 'host', name: 'host', codec: AnyString, presence: 'optional' },
    { key: 'pid', name: 'pid', codec: wholeNumber('Pid', 0), presence: 'optional' },
    { key: 'startedAt', name: 'startedAt', codec: IsoTime, presence: 'optional' },
  ],
})

/** A step started and not settled; `holder` is absent in records of engines before it (and of engines without a runner). */
export const IntentCodec = strict<Intent>({
  name: 'Intent',
  noun: 'an intent',
  member: 'a field of an intent',
  fields: [
    { key: 'action', name: 'action', codec: oneOf('IntentAction', ['create', 'update', 'replace', 'delete']), presence: 'required' },
    { key: 'lifecycle', name: 'lifecycle', codec: oneOf<LifecycleAction>('LifecycleAction', ['create', 'update', 'delete']), presence: 'required' },
    { key: 'functionName', name: 'functionName', codec: AnyString, presence: 'required' },
    { key: 'qualifier', name: 'qualifier', codec: AnyString, presence: 'required' },
    { key: 'payloadMd5', name: 'payloadMd5', codec: Md5Hex, presence: 'required' },
    { key: 'startedAt', name: 'startedAt', codec: IsoTime, presence: 'required' },
    { key: 'outcome', name: 'outcome', codec: oneOf('Outcome', ['unknown']), presence: 'optional' },
    { key: 'message', name: 'message', codec: AnyString, presence: 'optional' },
    { key: 'holder', name: 'holder', codec: HolderCodec, presence: 'optional' },
  ],
})

/** A stored record (`schemaVersion: 1`, optional `state`, `deposed`, `intent`; `null` as absent), from any value; its states ours or Terraform's. */
export const ResourceRecordCodec: t.Type<ResourceRecord, ResourceRecord, unknown> = readable(
  strict<ResourceRecord>({
    name: 'ResourceRecord',
    noun: 'a record',
    member: 'a field of a record',
    fields: [
      { key: 'schemaVersion', name: 'schemaVersion', codec: exactly(1), presence: 'raw' },
      { key: 'state', name: 'state', codec: StoredState, presence: 'optional' },
      { key: 'deposed', name: 'deposed', codec: StoredState, presence: 'optional' },
      { key: 'intent', name: 'intent', codec: IntentCodec, presence: 'optional' },
    ],
  }),
)

/**
 * Validates a stored record (`schemaVersion: 1`, optional `state`, `deposed`
 * and `intent`); stores use it on read. `null` fields mean absent. Never throws.
 */
export const decodeRecord = (u: unknown): E.Either<Problem[], ResourceRecord> => E.mapLeft(reportProblems)(ResourceRecordCodec.decode(u))
