import * as E from 'fp-ts/lib/Either.js'
import { decodeArgs, problem, type InvocationArgs, type PathSegment, type Problem, type ResolvedArgs } from '@lambda-invocation/core'
import { jsonencode } from '@lambda-invocation/core/json'

/**
 * The properties of a `Custom::LambdaInvocation`, in CloudFormation's
 * PascalCase, and the argument of ours each one is.
 */
export const PROPERTY_OF_ARGUMENT = {
  functionName: 'FunctionName',
  input: 'Input',
  qualifier: 'Qualifier',
  triggers: 'Triggers',
  lifecycleScope: 'LifecycleScope',
  terraformKey: 'TerraformKey',
  tenantId: 'TenantId',
  region: 'Region',
} as const

type Argument = keyof typeof PROPERTY_OF_ARGUMENT
type Property = (typeof PROPERTY_OF_ARGUMENT)[Argument]

const ARGUMENT_OF_PROPERTY = Object.fromEntries(Object.entries(PROPERTY_OF_ARGUMENT).map(([a, p]) => [p, a])) as Record<Property, Argument>

/** Properties CloudFormation itself reads (`ServiceToken`, `ServiceTimeout`): passed to the provider too, and ignored. */
const CLOUDFORMATION_PROPERTIES = ['ServiceToken', 'ServiceTimeout']

/** The one property that shapes the answer rather than the call. */
const NO_ECHO = 'NoEcho'

const KNOWN: ReadonlyArray<string> = [...Object.values(PROPERTY_OF_ARGUMENT), NO_ECHO, ...CLOUDFORMATION_PROPERTIES]

/** Where a set of properties sits in the event, for problem paths. */
export type PropertiesField = 'ResourceProperties' | 'OldResourceProperties'

/** Properties after checking: the arguments as core takes them (before defaults), and whether the answer hides its outputs. */
export interface DecodedProperties {
  /** Arguments in core's camelCase, `Input` already text. */
  readonly args: InvocationArgs
  /** The same, validated and with defaults filled in. */
  readonly resolved: ResolvedArgs
  /** `NoEcho`: the answer asks CloudFormation to mask `Result` and `InvocationId`. */
  readonly noEcho: boolean
}

const fold = (s: string): string => s.toLowerCase().replace(/[_-]/g, '')

const edits = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)))
    prev = row
  }
  return prev[b.length] ?? 0
}

/** The known property a misspelt one most likely meant: same letters in another case (`functionName`), the start of one (`Function`), or two edits away. */
const suggestion = (key: string): string | undefined => {
  const same = KNOWN.find((k) => fold(k) === fold(key))
  if (same !== undefined) return same
  if (key.length > 64) return undefined
  const start = fold(key).length >= 4 ? KNOWN.find((k) => fold(k).startsWith(fold(key))) : undefined
  if (start !== undefined) return start
  const near = KNOWN.map((k) => ({ k, d: edits(fold(key), fold(k)) })).filter((c) => c.d <= 2).sort((x, y) => x.d - y.d)
  return near[0]?.k
}

/** Core's path for an argument (`['input', 'a']`) as the property path under `field` (`ResourceProperties.Input.a`). */
export const propertyPath = (field: PropertiesField, path: ReadonlyArray<PathSegment>): PathSegment[] => {
  const [head, ...rest] = path
  const name = typeof head === 'string' && head in PROPERTY_OF_ARGUMENT ? PROPERTY_OF_ARGUMENT[head as Argument] : head
  return name === undefined ? [field] : [field, name, ...rest]
}

/** Core's problems about arguments, moved under the properties field they came from. */
export const asPropertyProblems = (field: PropertiesField, problems: ReadonlyArray<Problem>): Problem[] =>
  problems.map((p) => problem(propertyPath(field, p.path), p.message.replace(CAMEL_NAMES, (name) => PROPERTY_OF_ARGUMENT[name as Argument])))

// Core's messages name arguments in camelCase ("choose another terraformKey"); one-word names read as prose and stay.
const CAMEL_NAMES = /\b(?:functionName|lifecycleScope|terraformKey|tenantId)\b/g

const noEchoOf = (v: unknown, problems: Problem[], field: PropertiesField): boolean => {
  if (v === undefined || v === null) return false
  if (v === true || v === 'true') return true
  if (v === false || v === 'false') return false
  problems.push(problem([field, NO_ECHO], `must be "true" or "false", got ${typeof v === 'string' ? JSON.stringify(v) : typeof v}`))
  return false
}

/**
 * An `Input` as the text the function receives: a string as it is (exactly
 * Terraform's `input`), anything else JSON-encoded as Terraform's `jsonencode`
 * would write it. Note that CloudFormation turns numbers and booleans inside
 * an object into strings before this sees them.
 */
const inputText = (v: unknown, problems: Problem[], field: PropertiesField): unknown => {
  if (v === undefined || v === null || typeof v === 'string') return v
  const encoded = jsonencode(v)
  if (E.isLeft(encoded)) {
    problems.push(...encoded.left.map((p) => problem([field, 'Input', ...p.path], p.message)))
    return undefined
  }
  return encoded.right
}

/**
 * Checks a resource's properties and maps them to our arguments. Property
 * names are PascalCase; an unknown one is a problem that names the closest
 * known one; `ServiceToken` and `ServiceTimeout` are ignored. Never throws.
 */
export const decodeProperties = (u: Readonly<Record<string, unknown>>, field: PropertiesField): E.Either<Problem[], DecodedProperties> => {
  const problems: Problem[] = []
  const args: Record<string, unknown> = {}
  let noEcho = false
  let entries: Array<[string, unknown]>
  try {
    entries = Object.entries(u)
  } catch (error) {
    return E.left([problem([field], `could not be read: ${error instanceof Error ? error.message : String(error)}`)])
  }
  for (const [key, value] of entries) {
    if (CLOUDFORMATION_PROPERTIES.includes(key)) continue
    if (key === NO_ECHO) {
      noEcho = noEchoOf(value, problems, field)
      continue
    }
    const argument = ARGUMENT_OF_PROPERTY[key as Property] as Argument | undefined
    if (argument === undefined || !Object.prototype.hasOwnProperty.call(ARGUMENT_OF_PROPERTY, key)) {
      const near = suggestion(key)
      problems.push(problem([field, key], `is not a property of Custom::LambdaInvocation${near === undefined ? '' : `; did you mean ${near}?`}`))
      continue
    }
    args[argument] = argument === 'input' ? inputText(value, problems, field) : value
  }
  if (problems.length > 0) return E.left(problems)
  const resolved = decodeArgs(args)
  if (E.isLeft(resolved)) return E.left(asPropertyProblems(field, resolved.left))
  return E.right({ args: args as unknown as InvocationArgs, resolved: resolved.right, noEcho })
}
