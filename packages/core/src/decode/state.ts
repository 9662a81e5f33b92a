import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { ATTRIBUTES, type InvocationState } from '../model/attributes.js'
import type { Problem } from '../model/problem.js'
import { exactly, notAnObject, readable, strict, type Field } from './codec.js'
import { isRecord, showValue } from './describe.js'
import { reportProblems } from './reporter.js'

/** The attributes of an `aws_lambda_invocation` instance in a Terraform state: snake_case, `null` for what is unset. */
export type TerraformAttributes = Readonly<Record<string, unknown>>

const SchemaVersion = exactly(1)

/** Our own stored state: camelCase, schema 1, every field resolved. */
const OwnState = strict<InvocationState>({
  name: 'InvocationState',
  noun: 'a state',
  member: 'a state field',
  fields: [
    { key: 'schemaVersion', name: 'schemaVersion', codec: SchemaVersion, presence: 'raw' },
    ...ATTRIBUTES.map((r): Field => ({ key: r.name, name: r.name, codec: r.codec, presence: r.stored, default: r.default })),
  ],
})

/**
 * A Terraform resource instance's `attributes` (snake_case), schema 0 or 1.
 * Schema 0 states of providers before 5.1 lack `lifecycle_scope` and
 * `terraform_key`; those of 5.1 to 5.83 hold them (the schema version was not
 * raised). The provider's upgrade fills `CREATE_ONLY` and `tf` only where they
 * are null, and so does this. Terraform writes `null` for unset values: they
 * mean absent, and unknown attributes holding null are let through (a later
 * provider may add optional ones).
 */
const Attributes = strict<InvocationState, TerraformAttributes>({
  name: 'TerraformAttributes',
  noun: 'a state',
  member: 'an attribute of aws_lambda_invocation',
  nullUnknown: true,
  encodeAbsentAsNull: true,
  fields: [
    { key: 'schema_version', name: 'schemaVersion', codec: SchemaVersion, presence: 'constant', default: 1 },
    ...ATTRIBUTES.map((r): Field => ({ key: r.terraformName, name: r.name, codec: r.codec, presence: r.terraform, default: r.default })),
  ],
})

/** A resource instance `{ schema_version, attributes, … }`: its other members (`private`, `dependencies`, …) are Terraform's. */
const validateInstance = (u: Readonly<Record<string, unknown>>, c: t.Context): t.Validation<InvocationState> => {
  const v = u['schema_version']
  if (v !== 0 && v !== 1 && v !== undefined) {
    return t.failure(v, t.appendContext(c, 'schema_version', t.unknown, v), `must be 0 or 1 (the schema versions of aws_lambda_invocation), got ${showValue(v)}`)
  }
  return Attributes.validate(u['attributes'], t.appendContext(c, 'attributes', Attributes, u['attributes']))
}

const isTerraform = (u: Readonly<Record<string, unknown>>): boolean => 'attributes' in u || 'function_name' in u

const validateTerraform = (u: unknown, c: t.Context): t.Validation<InvocationState> =>
  isRecord(u) && 'attributes' in u ? validateInstance(u, c) : Attributes.validate(u, c)

/** Any stored state, on plain data: inside a record, whose codec reads the value first, and under `InvocationStateCodec`. */
export const StoredState = new t.Type<InvocationState, InvocationState, unknown>(
  'InvocationState',
  OwnState.is,
  (u, c) => {
    if (!isRecord(u)) return t.failures([notAnObject('a state', u, c)])
    return isTerraform(u) ? validateTerraform(u, c) : OwnState.validate(u, c)
  },
  OwnState.encode,
)

/** Any stored state (ours, or a Terraform instance or its attributes, schema 0 or 1), from any value, to our state; encodes ours. */
export const InvocationStateCodec: t.Type<InvocationState, InvocationState, unknown> = readable(StoredState)

/** A Terraform instance or its `attributes` (schema 0 or 1), from any value, to our state; encodes the snake_case attributes of schema 1. */
export const TerraformStateCodec: t.Type<InvocationState, TerraformAttributes, unknown> = readable(
  new t.Type<InvocationState, TerraformAttributes, unknown>('TerraformState', OwnState.is, validateTerraform, Attributes.encode),
)

/**
 * Reads a stored state: ours (camelCase, `schemaVersion: 1`), a Terraform
 * resource instance's `attributes` (snake_case, schema 0 or 1), or the
 * instance itself (`{ schema_version, attributes }`). Always gives our
 * camelCase state, defaults filled in; never throws.
 */
export const decodeState = (u: unknown): E.Either<Problem[], InvocationState> => E.mapLeft(reportProblems)(InvocationStateCodec.decode(u))

