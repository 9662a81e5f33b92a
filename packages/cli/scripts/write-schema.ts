/**
 * Writes `schema/lambda-invocation.schema.json` from `configSchema()` (the
 * config's settings and the core's attribute table). Run after changing
 * either: `pnpm --filter @lambda-invocation/cli schema`. A test fails while
 * the file differs from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { configSchemaText } from '../src/setup/config-schema.js'

const file = new URL('../schema/lambda-invocation.schema.json', import.meta.url)
mkdirSync(new URL('.', file), { recursive: true })
writeFileSync(file, configSchemaText())
process.stdout.write(`wrote ${file.pathname}\n`)
