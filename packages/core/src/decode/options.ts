import * as t from 'io-ts'
import type { Encoding, PlanOptions, ReplaceOrder, ResolvedPlanOptions } from '../model/types.js'
import { RegionCodec } from './aws.js'
import { oneOf, readable, strict, type Field } from './codec.js'
import { showValue } from './describe.js'

const isBoolean = (u: unknown): u is boolean => typeof u === 'boolean'

// A boolean and nothing else: "true" or 1 from a loosely typed caller is a mistake to report, not to guess at.
const Flag = new t.Type<boolean, boolean, unknown>(
  'boolean',
  isBoolean,
  (u, c) => (isBoolean(u) ? t.success(u) : t.failure(u, c, `must be true or false, got ${showValue(u)}`)),
  (a) => a,
)

/** The fields of the plan options, with their defaults: what the engine's own option codecs are built from too. */
export const PLAN_OPTION_FIELDS: ReadonlyArray<Field> = [
  { key: 'replaceOrder', name: 'replaceOrder', codec: oneOf<ReplaceOrder>('ReplaceOrder', ['delete-first', 'create-first']), presence: 'default', default: 'delete-first' },
  { key: 'encoding', name: 'encoding', codec: oneOf<Encoding>('Encoding', ['terraform', 'preserve']), presence: 'default', default: 'terraform' },
  { key: 'defaultRegion', name: 'defaultRegion', codec: RegionCodec, presence: 'optional' },
  { key: 'forceReplace', name: 'forceReplace', codec: Flag, presence: 'optional' },
]

/** The plan options on plain data (inside a value the safe reader copied), defaults filled in. */
export const PlanOptionsStruct: t.Type<ResolvedPlanOptions, PlanOptions, unknown> = strict<ResolvedPlanOptions, PlanOptions>({
  name: 'PlanOptions',
  noun: 'the options',
  member: 'an option of plan',
  fields: PLAN_OPTION_FIELDS,
})

/** The options of `plan`, from any value: `replaceOrder` (`delete-first`), `encoding` (`terraform`), `defaultRegion`, `forceReplace`; unknown ones refused. */
export const PlanOptionsCodec: t.Type<ResolvedPlanOptions, PlanOptions, unknown> = readable(PlanOptionsStruct)
