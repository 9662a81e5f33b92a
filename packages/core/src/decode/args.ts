import * as E from 'fp-ts/lib/Either.js'
import { isJsonObject, jsonTypeName, parseJson, type Json } from '../json/parse.js'
import { problem, type Problem } from '../model/problem.js'
import type { LifecycleScope, ResolvedArgs } from '../model/types.js'
import { checkFunctionName, checkQualifier, checkRegion, checkTenantId, checkTerraformKey } from './aws.js'
import { describeType, isRecord } from './describe.js'
import { oneOf, optionalString, rejectUnknownKeys, requiredString, stringMap, type Problems } from './fields.js'

/** The arguments a user may write (`pulumiKey` is an alias of `terraformKey`). */
export const ARGUMENT_NAMES = [
  'functionName',
  'input',
  'qualifier',
  'triggers',
  'lifecycleScope',
  'terraformKey',
  'pulumiKey',
  'tenantId',
  'region',
] as const

/** The qualifier Terraform fills in when none is given. */
export const DEFAULT_QUALIFIER = '$LATEST'
/** The lifecycle scope Terraform fills in when none is given. */
export const DEFAULT_SCOPE: LifecycleScope = 'CREATE_ONLY'
/** The lifecycle key Terraform fills in when none is given. */
export const DEFAULT_KEY = 'tf'

/** Arguments that passed validation, with the parsed input the payload is built from. */
export interface CheckedArgs {
  readonly args: ResolvedArgs
  readonly input: Json
}

/** The problem of a CRUD input that already holds the lifecycle key. */
export const lifecycleKeyTaken = (key: string, path: ReadonlyArray<string | number>): Problem =>
  problem(path, `lifecycle key ${JSON.stringify(key)} is already a key of the input; choose another terraformKey`)

/**
 * Validates arguments and parses the input; collects every problem. Used by
 * `plan`, which needs the parsed input; `decodeArgs` is its public face.
 * `deferTreeCheck` leaves a CRUD input's depth and float64 checks to the
 * caller (`Json.treeChecked` is then false).
 */
export const checkArgs = (u: unknown, options: { readonly deferTreeCheck?: boolean } = {}): E.Either<Problem[], CheckedArgs> => {
  if (!isRecord(u)) return E.left([problem([], `the arguments must be an object, got ${describeType(u)}`)])
  const problems: Problems = []
  rejectUnknownKeys(problems, [], u, ARGUMENT_NAMES, 'an argument', ARGUMENT_NAMES.filter((k) => k !== 'pulumiKey'))

  const functionName = requiredString(problems, ['functionName'], u['functionName'], checkFunctionName)
  const inputText = requiredString(problems, ['input'], u['input'], (s) => E.right(s))
  const qualifier = optionalString(problems, ['qualifier'], u['qualifier'], checkQualifier) ?? DEFAULT_QUALIFIER
  const triggers = stringMap(problems, ['triggers'], u['triggers'])
  const scope = optionalString(problems, ['lifecycleScope'], u['lifecycleScope'], oneOf<LifecycleScope>(['CREATE_ONLY', 'CRUD']))
  const tfKey = optionalString(problems, ['terraformKey'], u['terraformKey'], checkTerraformKey)
  const pulumiKey = optionalString(problems, ['pulumiKey'], u['pulumiKey'], checkTerraformKey)
  if (tfKey !== undefined && pulumiKey !== undefined && tfKey !== pulumiKey) {
    problems.push(
      problem(
        ['pulumiKey'],
        `is an alias of terraformKey and differs from it (${JSON.stringify(pulumiKey)} vs ${JSON.stringify(tfKey)}); give only one`,
      ),
    )
  }
  const tenantId = optionalString(problems, ['tenantId'], u['tenantId'], checkTenantId)
  const region = optionalString(problems, ['region'], u['region'], checkRegion)
  const lifecycleScope = scope ?? DEFAULT_SCOPE
  const terraformKey: string = tfKey ?? pulumiKey ?? DEFAULT_KEY

  let input: Json | undefined
  if (inputText !== undefined) {
    // Deferred only in CRUD scope, where the payload encoder walks the value anyway.
    const parsed = parseJson(inputText, { checkTree: !(options.deferTreeCheck === true && lifecycleScope === 'CRUD') })
    if (E.isLeft(parsed)) {
      problems.push(problem(['input'], parsed.left))
    } else {
      input = parsed.right
      if (lifecycleScope === 'CRUD') {
        if (!isJsonObject(input.value)) {
          problems.push(problem(['input'], `must be a JSON object in CRUD scope, got ${jsonTypeName(input.value)}`))
        } else if (Object.prototype.hasOwnProperty.call(input.value, terraformKey)) {
          problems.push(lifecycleKeyTaken(terraformKey, ['input']))
        }
      }
    }
  }

  if (problems.length > 0 || functionName === undefined || inputText === undefined || triggers === undefined || input === undefined) {
    return E.left(problems)
  }
  const args: ResolvedArgs = {
    functionName,
    input: inputText,
    qualifier,
    triggers,
    lifecycleScope,
    terraformKey,
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(region === undefined ? {} : { region }),
  }
  return E.right({ args, input })
}

/**
 * Validates the arguments a user wrote and fills in the defaults. Unknown
 * keys, wrong types and bad formats are all reported; `null` means absent for
 * optional arguments. Never throws.
 */
export const decodeArgs = (u: unknown): E.Either<Problem[], ResolvedArgs> => E.map((c: CheckedArgs) => c.args)(checkArgs(u))
