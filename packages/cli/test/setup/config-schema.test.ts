import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { ATTRIBUTES, type AttributeRow } from '@lambda-invocation/core'
import { configSchema, configSchemaText } from '../../src/setup/config-schema.js'
import { CONFIG_FIELDS, parseConfig } from '../../src/setup/config.js'

const at = (path: string): string => fileURLToPath(new URL(path, import.meta.url))
const SCHEMA_FILE = at('../../schema/lambda-invocation.schema.json')
const schemaText = readFileSync(SCHEMA_FILE, 'utf8')
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(schemaText) as object)

/** The JSON blocks of the CLI README that are configs (they have "resources"). */
const readmeConfigs = (): string[] =>
  [...readFileSync(at('../../README.md'), 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((t) => /"resources"\s*:/.test(t))

type Props = Record<string, { enum?: string[] }>
const resourceProps = (): Props =>
  ((configSchema()['properties'] as Record<string, { additionalProperties: { properties: Props } }>)['resources']!.additionalProperties.properties)

describe('the config JSON Schema', () => {
  it('is what configSchema() makes of the attribute table (run `pnpm --filter @lambda-invocation/cli schema` after changing either)', () => {
    expect(schemaText).toBe(configSchemaText())
  })

  it('has every argument and alias of the table and every setting, each enum value one the codec takes', () => {
    const args = (ATTRIBUTES as ReadonlyArray<AttributeRow>).filter((r) => r.argument !== 'computed')
    const props = resourceProps()
    // The arguments, and the command's own per-resource setting `timeout`.
    expect(Object.keys(props).sort()).toEqual([...args.flatMap((r) => [r.name, ...r.aliases]), 'timeout'].sort())
    for (const r of args) for (const v of props[r.name]!.enum ?? []) expect(r.codec.is(v), `${r.name}: ${v}`).toBe(true)
    const settings = configSchema()['properties'] as Props
    expect(Object.keys(settings)).toEqual(CONFIG_FIELDS.map((f) => f.key))
    for (const f of CONFIG_FIELDS) for (const v of settings[f.key]!.enum ?? []) expect(f.codec.is(v), `${f.key}: ${v}`).toBe(true)
  })

  it('takes a resource\'s timeout as the loader does: seconds above 0', () => {
    for (const [timeout, ok] of [[60, true], [0.5, true], [0, false], [-1, false], ['60', false]] as const) {
      const text = JSON.stringify({ resources: { a: { functionName: 'f', input: '{}', timeout } } })
      expect(validate(JSON.parse(text)), String(timeout)).toBe(ok)
      expect(E.isRight(parseConfig(text, '/p/lambda-invocation.json')), String(timeout)).toBe(ok)
    }
  })

  it('accepts the examples\' configs and the README\'s, which the loader accepts too', () => {
    const configs = [readFileSync(at('../../../../examples/demo/lambda-invocation.json'), 'utf8'), ...readmeConfigs()]
    expect(configs.length).toBeGreaterThanOrEqual(2)
    for (const text of configs) {
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true)
      expect(E.isRight(parseConfig(text, '/p/lambda-invocation.json'))).toBe(true)
    }
  })

  it('rejects a typo in an argument or a setting, a missing functionName and a wrong enum; accepts $schema', () => {
    const ok = { $schema: './node_modules/@lambda-invocation/cli/schema/lambda-invocation.schema.json', resources: { a: { functionName: 'f', input: { x: 1 }, pulumiKey: 'k' } } }
    expect(validate(ok), JSON.stringify(validate.errors)).toBe(true)
    expect(E.isRight(parseConfig(JSON.stringify(ok), '/p/c.json'))).toBe(true)
    expect(validate({ resources: { a: { fuctionName: 'f', input: '{}' } } })).toBe(false)
    expect(validate.errors?.map((e) => e.params)).toContainEqual({ additionalProperty: 'fuctionName' })
    expect(validate({ resource: {}, resources: {} })).toBe(false)
    expect(validate.errors?.map((e) => e.params)).toContainEqual({ additionalProperty: 'resource' })
    expect(validate({ resources: { a: { input: '{}' } } })).toBe(false)
    expect(validate({ resources: { a: { functionName: 'f', input: '{}', lifecycleScope: 'SOMETIMES' } } })).toBe(false)
    expect(validate({ resources: { a: { functionName: 'f', input: null } } })).toBe(false)
    expect(validate({})).toBe(false)
  })

  it('is shipped: in the package\'s files, and exported as @lambda-invocation/cli/schema.json', () => {
    const pkg = JSON.parse(readFileSync(at('../../package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> }
    expect(pkg.files).toContain('schema')
    expect(pkg.exports['./schema.json']).toBe('./schema/lambda-invocation.schema.json')
  })
})
