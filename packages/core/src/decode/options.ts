import * as t from 'io-ts'
import type { Encoding, PlanOptions, ReplaceOrder, ResolvedPlanOptions } from '../model/types.js'
import { RegionCodec } from './aws.js'
import { oneOf, readable, strict, type Field } from './codec.js'
import { showValue } from './describe.js'

/** How a replace is ordered: `delete-first` (Terraform's) or `create-first` (Pulumi's). */
export const ReplaceOrderCodec: t.Type<ReplaceOrder, ReplaceOrder, unknown> = oneOf<ReplaceOrder>('ReplaceOrder', ['delete-first', 'create-first'])

/** How a CRUD payload is encoded: `terraform` (Go's bytes) or `preserve` (the input's key order and numbers). */
export const EncodingCodec: t.Type<Encoding, Encoding, unknown> = oneOf<Encoding>('Encoding', ['terraform', 'preserve'])

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
  { key: 'replaceOrder', name: 'replaceOrder', codec: ReplaceOrderCodec, presence: 'default', default: 'delete-first' },
  { key: 'encoding', name: 'encoding', codec: EncodingCodec, presence: 'default', default: 'terraform' },
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
