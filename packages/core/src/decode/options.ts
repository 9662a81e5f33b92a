import type * as t from 'io-ts'
import type { Encoding, PlanOptions, ReplaceOrder, ResolvedPlanOptions } from '../model/types.js'
import { RegionCodec } from './aws.js'
import { oneOf, readable, strict } from './codec.js'

/** The options of `plan`, from any value: `replaceOrder` (`delete-first`), `encoding` (`terraform`), `defaultRegion`; unknown ones refused. */
export const PlanOptionsCodec: t.Type<ResolvedPlanOptions, PlanOptions, unknown> = readable(
  strict<ResolvedPlanOptions, PlanOptions>({
    name: 'PlanOptions',
    noun: 'the options',
    member: 'an option of plan',
    fields: [
      { key: 'replaceOrder', name: 'replaceOrder', codec: oneOf<ReplaceOrder>('ReplaceOrder', ['delete-first', 'create-first']), presence: 'default', default: 'delete-first' },
      { key: 'encoding', name: 'encoding', codec: oneOf<Encoding>('Encoding', ['terraform', 'preserve']), presence: 'default', default: 'terraform' },
      { key: 'defaultRegion', name: 'defaultRegion', codec: RegionCodec, presence: 'optional' },
    ],
  }),
)
