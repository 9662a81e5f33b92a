import * as E from 'fp-ts/lib/Either.js'
import { checkFunctionName, checkQualifier, checkRegion, checkTenantId, checkTerraformKey } from '../decode/aws.js'
import { decodeState } from '../decode/state.js'
import type { TerraformKey } from '../model/brand.js'
import { formatProblems } from '../model/problem.js'
import type { ResourceRecord } from '../model/record.js'
import type { InvocationState, InvokeRequest, LifecycleAction } from '../model/types.js'

// Fixtures check their data as the codecs do and throw on bad test data: a typo in a test fails it loudly.
const orThrow = <A>(what: string, e: E.Either<string, A>): A => {
  if (E.isLeft(e)) throw new Error(`bad test data: ${what} ${e.left}`)
  return e.right
}

/** The fields of a state as a test writes them: plain strings, checked by `makeState`. */
export type StateFields = { readonly [K in keyof InvocationState]?: InvocationState[K] extends string | undefined ? string : InvocationState[K] }

/**
 * A state from plain fields over a valid CRUD state of `echo` (input
 * `{"n":1}`, triggers `{ build: '1' }`), checked by `decodeState`; throws on
 * bad test data.
 */
export const makeState = (fields: StateFields = {}): InvocationState => {
  const decoded = decodeState({
    schemaVersion: 1,
    id: `${fields.functionName ?? 'echo'},$LATEST,00000000000000000000000000000000`,
    functionName: 'echo',
    input: '{"n":1}',
    qualifier: '$LATEST',
    triggers: { build: '1' },
    lifecycleScope: 'CRUD',
    terraformKey: 'tf',
    result: '{"ok":true}',
    ...fields,
  })
  if (E.isLeft(decoded)) throw new Error(`bad test data: a state\n${formatProblems(decoded.left)}`)
  return decoded.right
}

/** A valid CRUD state for `functionName`, for contract suites and tests; `input` defaults to `{"n":1}`. */
export const sampleState = (functionName = 'echo', input = '{"n":1}'): InvocationState => makeState({ functionName, input })

/** A record using every field (state, deposed, intent), for round-trip checks. */
export const sampleRecord = (): ResourceRecord => ({
  schemaVersion: 1,
  state: sampleState('echo', '{"n":2,"nested":{"a":[1,2,"ü"]}}'),
  deposed: sampleState('old', '{"n":1}'),
  intent: {
    action: 'replace',
    lifecycle: 'delete',
    functionName: 'old',
    qualifier: '$LATEST',
    payloadMd5: '0123456789abcdef0123456789abcdef',
    startedAt: '2026-01-02T03:04:05.000Z',
    outcome: 'unknown',
    message: 'socket hang up after the request was sent',
  },
})

/** The fields of an invoke request as a test writes them. */
export interface RequestFields {
  readonly functionName: string
  readonly qualifier?: string
  readonly payload: string
  readonly lifecycle: LifecycleAction
  readonly tenantId?: string
  readonly region?: string
}

/** An invoke request from plain fields (`qualifier` `$LATEST` when absent), formats checked; throws on bad test data. */
export const makeRequest = (fields: RequestFields): InvokeRequest => ({
  functionName: orThrow('functionName', checkFunctionName(fields.functionName)),
  qualifier: orThrow('qualifier', checkQualifier(fields.qualifier ?? '$LATEST')),
  payload: fields.payload,
  lifecycle: fields.lifecycle,
  ...(fields.tenantId === undefined ? {} : { tenantId: orThrow('tenantId', checkTenantId(fields.tenantId)) }),
  ...(fields.region === undefined ? {} : { region: orThrow('region', checkRegion(fields.region)) }),
})

/** A lifecycle key, checked; throws on bad test data. */
export const lifecycleKey = (key: string): TerraformKey => orThrow('terraformKey', checkTerraformKey(key))
