/**
 * The JSON Schema of `lambda-invocation.json`, made from the config's
 * settings (`CONFIG_FIELDS`) and the core's attribute table (`ATTRIBUTES`):
 * every argument under its name and aliases, required where the table says
 * so, with its default. `schema/lambda-invocation.schema.json` is this
 * function's output (`pnpm --filter @lambda-invocation/cli schema` writes it;
 * a test compares). It is for editors: the config loader's checks stay the
 * reference (formats, a CRUD input that is an object).
 */
import { ATTRIBUTES, type AttributeRow } from '@lambda-invocation/core'
import { CONFIG_FIELDS, MAX_TIMEOUT_S } from './config.js'

/** A JSON Schema (draft-07) fragment. */
export type JsonSchema = { readonly [key: string]: unknown }

/** The schema of a value each codec of the table or the settings takes, by the codec's name. */
const BY_CODEC: Readonly<Record<string, JsonSchema>> = {
  string: { type: 'string' },
  NonEmptyString: { type: 'string', minLength: 1 },
  FunctionName: { type: 'string', minLength: 1, maxLength: 256, description: 'a function name, partial ARN or ARN; "name:qualifier" allowed' },
  Qualifier: { type: 'string', minLength: 1, maxLength: 128, description: '$LATEST, a version or an alias' },
  Region: { type: 'string', pattern: '^[a-z]{2,4}(-[a-z]+)+-\\d{1,2}$' },
  TenantId: { type: 'string', minLength: 1, maxLength: 256 },
  TerraformKey: { type: 'string', minLength: 1 },
  StringMap: { type: 'object', additionalProperties: { type: 'string' } },
  LifecycleScope: { enum: ['CREATE_ONLY', 'CRUD'] },
  ReplaceOrder: { enum: ['delete-first', 'create-first'] },
  Encoding: { enum: ['terraform', 'preserve'] },
}

/** What each setting is for, said once here (the README says more). */
const SETTING_DESCRIPTIONS: Readonly<Record<string, string>> = {
  $schema: 'where editors find this schema; not read by the command',
  handlers: 'the module of local handlers, relative to the config',
  state: 'the state file, relative to the config',
  replaceOrder: 'delete-first (Terraform, default) or create-first (Pulumi)',
  encoding: 'terraform (byte-identical CRUD payloads, default) or preserve',
  resources: 'resource name -> the arguments of aws_lambda_invocation, in camelCase',
}

/** An input: a string sent byte for byte, or any other JSON value, encoded as Terraform's jsonencode does (null: absent). */
const INPUT: JsonSchema = {
  description: "a string, sent byte for byte, or any other JSON value, encoded as Terraform's jsonencode does",
  not: { type: 'null' },
}

const codecSchema = (codecName: string, where: string): JsonSchema => {
  const s = BY_CODEC[codecName]
  // A new codec in the table needs its schema here: said at once, not left out of the schema.
  if (s === undefined) throw new Error(`configSchema: no JSON Schema for the codec "${codecName}" of ${where}; add it to BY_CODEC`)
  return s
}

const argumentSchema = (row: AttributeRow): JsonSchema => ({
  ...(row.name === 'input' ? INPUT : codecSchema(row.codec.name, `the argument "${row.name}"`)),
  ...(row.default !== undefined && row.argument === 'default' && !(typeof row.default === 'object' && Object.keys(row.default as object).length === 0)
    ? { default: row.default }
    : {}),
})

/** The arguments of one resource: each argument of the table (and its aliases), nothing else. */
const resourceSchema = (): JsonSchema => {
  const rows = (ATTRIBUTES as ReadonlyArray<AttributeRow>).filter((r) => r.argument !== 'computed')
  const properties: Record<string, JsonSchema> = {}
  for (const r of rows) {
    properties[r.name] = argumentSchema(r)
    for (const alias of r.aliases) properties[alias] = { ...argumentSchema(r), description: `an alias of ${r.name}` }
  }
  // This command's own setting beside the arguments (see config.ts): it never changes a plan.
  properties['timeout'] = {
    type: 'number',
    exclusiveMinimum: 0,
    maximum: MAX_TIMEOUT_S,
    description: 'seconds this command waits for each invocation of this resource, overriding --timeout; not an argument of aws_lambda_invocation, so it never changes a plan',
  }
  return {
    type: 'object',
    properties,
    required: rows.filter((r) => r.argument === 'required').map((r) => r.name),
    additionalProperties: false,
  }
}

/** The JSON Schema of the config file. Throws only when a codec has no schema (a bug this package's test finds). */
export const configSchema = (): JsonSchema => {
  const properties: Record<string, JsonSchema> = {}
  for (const f of CONFIG_FIELDS) {
    const description = SETTING_DESCRIPTIONS[f.key]
    const schema =
      f.key === 'resources'
        ? { type: 'object', propertyNames: { minLength: 1, pattern: '^[^\\u0000-\\u001f]*$' }, additionalProperties: resourceSchema() }
        : codecSchema(f.codec.name, `the setting "${f.key}"`)
    properties[f.key] = { ...(description === undefined ? {} : { description }), ...schema }
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'lambda-invocation.json',
    description: 'The config of the lambda-invocation command: its settings and its resources (aws_lambda_invocation arguments).',
    type: 'object',
    properties,
    required: CONFIG_FIELDS.filter((f) => f.presence === 'required' || f.presence === 'raw').map((f) => f.key),
    additionalProperties: false,
  }
}

/** The schema file's text: the schema, two-space indented, with a final newline. */
export const configSchemaText = (): string => `${JSON.stringify(configSchema(), null, 2)}\n`
