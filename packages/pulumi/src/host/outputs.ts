/**
 * The resource's outputs in Pulumi's state, and back. They carry the names and
 * values `aws.lambda.Invocation` stores (its Terraform attributes in camelCase,
 * `id` among them), so a stack can move between the two without a diff.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeState } from '@lambda-invocation/core'
import type { InvocationState, Problem } from '@lambda-invocation/core'

/** The outputs of one invocation resource, as stored in the stack's state. */
export interface InvocationOutputs {
  readonly functionName: string
  /** The current invocation id (`functionName,qualifier,md5`); Pulumi's resource id stays the one the create gave. */
  readonly id: string
  readonly input: string
  readonly lifecycleScope: string
  readonly qualifier: string
  readonly result: string
  readonly terraformKey: string
  readonly triggers: Readonly<Record<string, string>>
  readonly tenantId?: string
  readonly region?: string
}

/** Keys Pulumi's machinery adds to outputs: the dynamic host's serialized provider, and the Terraform bridge's metadata. */
const MACHINERY = ['__provider', '__meta']

/** The outputs of a state (absent optional values are left out). */
export const toOutputs = (state: InvocationState): InvocationOutputs => ({
  functionName: state.functionName,
  id: state.id,
  input: state.input,
  lifecycleScope: state.lifecycleScope,
  qualifier: state.qualifier,
  result: state.result,
  terraformKey: state.terraformKey,
  triggers: state.triggers,
  ...(state.tenantId === undefined ? {} : { tenantId: state.tenantId }),
  ...(state.region === undefined ? {} : { region: state.region }),
})

const absentIfEmpty = (u: unknown): unknown => (u === null || u === '' ? undefined : u)

/**
 * Reads outputs stored by this provider or by `aws.lambda.Invocation` (whose
 * bridge writes `null` or `""` for unset values and may predate
 * `lifecycleScope`, `terraformKey` and `region`) as core's state. `resourceId`
 * stands in for a missing `id`. Unknown keys are problems; never throws.
 */
export const fromOutputs = (outputs: unknown, resourceId: string): E.Either<Problem[], InvocationState> => {
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) {
    return E.left([{ path: [], message: 'the stored outputs are not an object' }])
  }
  const rest = Object.fromEntries(Object.entries(outputs).filter(([k]) => !MACHINERY.includes(k)))
  const tenantId = absentIfEmpty(rest['tenantId'])
  const region = absentIfEmpty(rest['region'])
  return decodeState({
    ...rest,
    schemaVersion: 1,
    id: absentIfEmpty(rest['id']) ?? resourceId,
    qualifier: rest['qualifier'] ?? '$LATEST',
    triggers: rest['triggers'] ?? {},
    // A state from before the lifecycle attributes existed: the defaults, as the provider's schema upgrade fills them.
    lifecycleScope: rest['lifecycleScope'] ?? 'CREATE_ONLY',
    terraformKey: rest['terraformKey'] ?? 'tf',
    result: rest['result'] ?? '',
    tenantId,
    region,
  })
}
