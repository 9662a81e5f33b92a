import type * as t from 'io-ts'
import type { Encoding, PlanOptions, ReplaceOrder, ResolvedPlanOptions } from '../model/types.js'
import { RegionCodec } from './aws.js'
import { oneOf, readable, strict } from './codec.js'

/** How a replace is ordered: `delete-first` (Terraform's) or `create-first` (Pulumi's). */
export const ReplaceOrderCodec: t.Type<ReplaceOrder, ReplaceOrder, unknown> = oneOf<ReplaceOrder>('ReplaceOrder', ['delete-first', 'create-first'])

/** How a CRUD payload is encoded: `terraform` (Go's bytes) or `preserve` (the input's key order and numbers). */
export const EncodingCodec: t.Type<Encoding, Encoding, unknown> = oneOf<Encoding>('Encoding', ['terraform', 'preserve'])

/** The options of `plan`, from any value: `replaceOrder` (`delete-first`), `encoding` (`terraform`), `defaultRegion`; unknown ones refused. */
export const PlanOptionsCodec: t.Type<ResolvedPlanOptions, PlanOptions, unknown> = readable(
  strict<ResolvedPlanOptions, PlanOptions>({
    name: 'PlanOptions',
    noun: 'the options',
    member: 'an option of plan',
    fields: [
      { key: 'replaceOrder', name: 'replaceOrder', codec: ReplaceOrderCodec, presence: 'default', default: 'delete-first' },
      { key: 'encoding', name: 'encoding', codec: EncodingCodec, presence: 'default', default: 'terraform' },
      { key: 'defaultRegion', name: 'defaultRegion', codec: RegionCodec, presence: 'optional' },
    ],
  }),
)
