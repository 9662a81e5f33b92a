import * as E from 'fp-ts/lib/Either.js'
import { DEFAULT_KEY, DEFAULT_QUALIFIER, DEFAULT_SCOPE } from './args.js'
import { problem, type PathSegment, type Problem } from '../model/problem.js'
import type { InvocationState, LifecycleScope } from '../model/types.js'
import { checkFunctionName, checkQualifier, checkRegion, checkTenantId, checkTerraformKey } from './aws.js'
import { describeType, isRecord, showValue } from './describe.js'
import { anyString, oneOf, optionalString, rejectUnknownKeys, requiredString, stringMap, type Problems } from './fields.js'

const STATE_KEYS = [
  'schemaVersion',
  'id',
  'functionName',
  'input',
  'qualifier',
  'triggers',
  'lifecycleScope',
  'terraformKey',
  'tenantId',
  'region',
  'result',
] as const

const TF_KEYS = [
  'id',
  'function_name',
  'input',
  'qualifier',
  'triggers',
  'lifecycle_scope',
  'terraform_key',
  'tenant_id',
  'region',
  'result',
] as const

const scopeOf = oneOf<LifecycleScope>(['CREATE_ONLY', 'CRUD'])

const build = (
  problems: Problems,
  fields: {
    readonly id: string | undefined
    readonly functionName: string | undefined
    readonly input: string | undefined
    readonly qualifier: string | undefined
    readonly triggers: Readonly<Record<string, string>> | undefined
    readonly lifecycleScope: LifecycleScope | undefined
    readonly terraformKey: string | undefined
    readonly tenantId: string | undefined
    readonly region: string | undefined
    readonly result: string | undefined
  },
): E.Either<Problem[], InvocationState> => {
  const f = fields
  if (
    problems.length > 0 ||
    f.id === undefined ||
    f.functionName === undefined ||
    f.input === undefined ||
    f.qualifier === undefined ||
    f.triggers === undefined ||
    f.lifecycleScope === undefined ||
    f.terraformKey === undefined ||
    f.result === undefined
  ) {
    return E.left(problems)
  }
  return E.right({
    schemaVersion: 1,
    id: f.id,
    functionName: f.functionName,
    input: f.input,
    qualifier: f.qualifier,
    triggers: f.triggers,
    lifecycleScope: f.lifecycleScope,
    terraformKey: f.terraformKey,
    ...(f.tenantId === undefined ? {} : { tenantId: f.tenantId }),
    ...(f.region === undefined ? {} : { region: f.region }),
    result: f.result,
  })
}

const nonEmpty = (s: string): E.Either<string, string> => (s.length === 0 ? E.left('must not be empty') : E.right(s))

/** Our own stored state: camelCase, schema 1, every field resolved. */
const decodeOwn = (u: Readonly<Record<string, unknown>>): E.Either<Problem[], InvocationState> => {
  const problems: Problems = []
  rejectUnknownKeys(problems, [], u, STATE_KEYS, 'a state field')
  if (u['schemaVersion'] !== 1) {
    problems.push(problem(['schemaVersion'], `must be 1, got ${showValue(u['schemaVersion'])}`))
  }
  return build(problems, {
    id: requiredString(problems, ['id'], u['id'], nonEmpty),
    functionName: requiredString(problems, ['functionName'], u['functionName'], checkFunctionName),
    input: requiredString(problems, ['input'], u['input'], anyString),
    qualifier: requiredString(problems, ['qualifier'], u['qualifier'], checkQualifier),
    triggers: stringMap(problems, ['triggers'], u['triggers']),
    lifecycleScope: requiredString(problems, ['lifecycleScope'], u['lifecycleScope'], scopeOf),
    terraformKey: requiredString(problems, ['terraformKey'], u['terraformKey'], checkTerraformKey),
    tenantId: optionalString(problems, ['tenantId'], u['tenantId'], checkTenantId),
    region: optionalString(problems, ['region'], u['region'], checkRegion),
    result: requiredString(problems, ['result'], u['result'], anyString),
  })
}

/**
 * A Terraform resource instance's `attributes` (snake_case), schema 0 or 1.
 * Schema 0 states of providers before 5.1 lack `lifecycle_scope` and
 * `terraform_key`; those of 5.1 to 5.83 hold them (the schema version was not
 * raised). The provider's upgrade fills `CREATE_ONLY` and `tf` only where they
 * are null, and so does this. Terraform writes `null` for unset values: they mean absent.
 */
const decodeTerraform = (u: Readonly<Record<string, unknown>>, path: ReadonlyArray<PathSegment>): E.Either<Problem[], InvocationState> => {
  const problems: Problems = []
  const at = (k: string): PathSegment[] => [...path, k]
  // Unknown attributes are refused unless null: a later provider may add optional ones.
  const present = Object.fromEntries(Object.entries(u).filter(([, v]) => v !== null))
  rejectUnknownKeys(problems, path, present, TF_KEYS, 'an attribute of aws_lambda_invocation')
  return build(problems, {
    id: requiredString(problems, at('id'), u['id'], nonEmpty),
    functionName: requiredString(problems, at('function_name'), u['function_name'], checkFunctionName),
    input: requiredString(problems, at('input'), u['input'], anyString),
    qualifier: optionalString(problems, at('qualifier'), u['qualifier'], checkQualifier) ?? DEFAULT_QUALIFIER,
    triggers: stringMap(problems, at('triggers'), u['triggers']),
    lifecycleScope: optionalString(problems, at('lifecycle_scope'), u['lifecycle_scope'], scopeOf) ?? DEFAULT_SCOPE,
    terraformKey: optionalString(problems, at('terraform_key'), u['terraform_key'], checkTerraformKey) ?? DEFAULT_KEY,
    tenantId: optionalString(problems, at('tenant_id'), u['tenant_id'], checkTenantId),
    region: optionalString(problems, at('region'), u['region'], checkRegion),
    result: optionalString(problems, at('result'), u['result'], anyString) ?? '',
  })
}

/**
 * Reads a stored state: ours (camelCase, `schemaVersion: 1`), a Terraform
 * resource instance's `attributes` (snake_case, schema 0 or 1), or the
 * instance itself (`{ schema_version, attributes }`). Always gives our
 * camelCase state, defaults filled in; never throws.
 */
export const decodeState = (u: unknown): E.Either<Problem[], InvocationState> => {
  if (!isRecord(u)) return E.left([problem([], `a state must be an object, got ${describeType(u)}`)])
  if ('attributes' in u) {
    const v = u['schema_version']
    if (v !== 0 && v !== 1 && v !== undefined) {
      return E.left([problem(['schema_version'], `must be 0 or 1 (the schema versions of aws_lambda_invocation), got ${showValue(v)}`)])
    }
    const attributes = u['attributes']
    if (!isRecord(attributes)) return E.left([problem(['attributes'], `must be an object, got ${describeType(attributes)}`)])
    return decodeTerraform(attributes, ['attributes'])
  }
  if ('function_name' in u) return decodeTerraform(u, [])
  return decodeOwn(u)
}
