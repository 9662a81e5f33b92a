/**
 * The resource's outputs in Pulumi's state, and back. They carry the names and
 * values `aws.lambda.Invocation` stores (its Terraform attributes in camelCase,
 * `id` among them: core's attribute table), so a stack can move between the
 * two without a diff.
 */
import * as E from 'fp-ts/lib/Either.js'
import { ATTRIBUTES, decodeState, problem } from '@lambda-invocation/core'
import type { InvocationState, Problem } from '@lambda-invocation/core'

/** The outputs of one invocation resource, as stored in the stack's state: one per attribute that has a value. */
export type InvocationOutputs = Readonly<Record<string, unknown>>

/** Keys Pulumi's machinery adds to outputs: the dynamic host's serialized provider, and the Terraform bridge's metadata. */
const MACHINERY: ReadonlyArray<string> = ['__provider', '__meta']

/**
 * The outputs of a state: every attribute that has a value (unset optional
 * ones are left out). `id` is the current invocation id, which after an
 * update differs from Pulumi's resource id (fixed at create).
 */
export const toOutputs = (state: InvocationState): InvocationOutputs => {
  const outputs: Record<string, unknown> = {}
  for (const row of ATTRIBUTES) {
    const value = (state as Readonly<Record<string, unknown>>)[row.name]
    if (value !== undefined) outputs[row.name] = value
  }
  return outputs
}

/**
 * Reads outputs stored by this provider or by `aws.lambda.Invocation` (whose
 * bridge writes `null`, or `""` for an unset string, and whose oldest states
 * lack attributes that have defaults) as core's state: absent, `null` and
 * `""` optional values are absent, absent defaulted ones take their default.
 * `resourceId` stands in for a missing `id`. Unknown keys are problems; never throws.
 */
export const fromOutputs = (outputs: unknown, resourceId: string): E.Either<Problem[], InvocationState> => {
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) {
    return E.left([problem([], 'the stored outputs are not an object')])
  }
  const state: Record<string, unknown> = Object.fromEntries(Object.entries(outputs).filter(([k]) => !MACHINERY.includes(k)))
  for (const row of ATTRIBUTES) {
    const value = state[row.name]
    const absent = value === undefined || value === null || (value === '' && row.stored === 'optional')
    if (!absent) continue
    if (row.name === 'id') state[row.name] = resourceId
    else if (row.default !== undefined) state[row.name] = row.default
    else delete state[row.name]
  }
  return decodeState({ ...state, schemaVersion: 1 })
}
