/**
 * `import-terraform <terraform.tfstate>`: copies every `aws_lambda_invocation`
 * instance of a Terraform state file (schema 0 or 1, `,` or `_` ids) into this
 * project's state, result included, through the engine's `adopt`; invokes
 * nothing. All or nothing: any bad instance or key already in the state stops
 * it before a write.
 *
 * Keys: the resource's name, with `module.<m>.` in front when it is in a
 * module and `[0]` or `["k"]` after it for `count` or `for_each`.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { decodeState, formatProblems, type EngineError, type InvocationState } from '@lambda-invocation/core'
import { parseJsonDocument } from '@lambda-invocation/core/json'
import { jsonDocument, jsonEngineError, jsonState } from '../render/json-output.js'
import { reportFailure, writeEngineErrors } from '../render/report.js'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'
import { planningEngine } from '../setup/engines.js'
import { heldRecord } from './import.js'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The key a Terraform resource instance gets here. */
export const terraformInstanceKey = (resource: { readonly module?: unknown; readonly name: string }, indexKey: unknown): string => {
  const prefix = typeof resource.module === 'string' && resource.module !== '' ? `${resource.module}.` : ''
  const index = typeof indexKey === 'number' ? `[${indexKey}]` : typeof indexKey === 'string' ? `[${JSON.stringify(indexKey)}]` : ''
  return `${prefix}${resource.name}${index}`
}

/** One instance found: its key, and its state as the core decodes it. */
interface Found {
  readonly key: string
  readonly state: InvocationState
}

/** Reads the Terraform state `file` and decodes every managed `aws_lambda_invocation` instance in it, or says why not. */
const readTerraformState = (file: string): E.Either<CliError, ReadonlyArray<Found>> => {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder; name the .tfstate file in it' : e instanceof Error ? e.message : String(e)
    return E.left({ _tag: 'TerraformStateUnreadable', file, why })
  }
  const invalid = (detail: string): E.Either<CliError, never> => E.left({ _tag: 'TerraformStateInvalid', file, detail })
  const parsed = parseJsonDocument(text)
  if (E.isLeft(parsed)) return invalid(`not valid JSON: ${parsed.left.message}`)
  const doc = parsed.right
  if (isObject(doc) && typeof doc['version'] === 'number' && doc['version'] < 4 && Array.isArray(doc['modules']))
    return invalid(
      `a Terraform state of format version ${doc['version']} (Terraform before 0.12); run any terraform command of 0.12 or later on it (terraform refresh) to upgrade it to version 4, then import that`,
    )
  if (!isObject(doc) || !Array.isArray(doc['resources'])) return invalid('not a Terraform state file (version 4): it has no "resources" list')

  const found: Found[] = []
  const problems: string[] = []
  for (const [r, resource] of doc['resources'].entries()) {
    if (!isObject(resource) || resource['type'] !== 'aws_lambda_invocation' || (resource['mode'] ?? 'managed') !== 'managed') continue
    const name = typeof resource['name'] === 'string' ? resource['name'] : `resource${r}`
    const instances = Array.isArray(resource['instances']) ? resource['instances'] : []
    for (const [i, instance] of instances.entries()) {
      const key = terraformInstanceKey({ module: resource['module'], name }, isObject(instance) ? instance['index_key'] : undefined)
      const decoded = decodeState(instance)
      if (E.isLeft(decoded)) problems.push(`${key} (resources[${r}].instances[${i}]):\n  ${formatProblems(decoded.left).replace(/\n/g, '\n  ')}`)
      else found.push({ key, state: decoded.right })
    }
  }
  if (problems.length > 0) return invalid(`${problems.length} instance${problems.length === 1 ? '' : 's'} cannot be read, nothing was imported:\n${problems.join('\n')}`)
  if (found.length === 0) return E.left({ _tag: 'NothingToImport', file })
  const duplicates = found.filter((f, k) => found.findIndex((g) => g.key === f.key) !== k).map((f) => f.key)
  if (duplicates.length > 0) return E.left({ _tag: 'DuplicateKey', file, keys: [...new Set(duplicates)] })
  return E.right(found)
}

/** Runs `import-terraform`; gives the exit code. */
export const runImportTerraform = async (ctx: Context, path: string): Promise<number> => {
  const file = resolve(ctx.io.cwd, path)
  const fail = (e: CliError): number => reportFailure(ctx, 'import-terraform', e)
  const found = readTerraformState(file)
  if (E.isLeft(found)) return fail(found.left)
  // Every key is looked at before the first write, so that one already held imports nothing.
  for (const { key } of found.right) {
    const existing = await ctx.store.read(key)
    if (E.isLeft(existing)) return fail({ _tag: 'StoreFailed', key, message: existing.left.message })
    if (existing.right !== undefined)
      return fail({ _tag: 'AlreadyInState', key, stateLabel: ctx.stateLabel, held: heldRecord(existing.right.record), command: 'import-terraform' })
  }
  const engine = planningEngine(ctx)
  const imported: Found[] = []
  for (const { key, state } of found.right) {
    const adopted = await engine.adopt(key, state)
    if (E.isLeft(adopted)) return report(ctx, file, imported, adopted.left)
    imported.push({ key, state: adopted.right })
  }
  return report(ctx, file, imported, undefined)
}

/** Says what was imported, and the engine error that stopped the import after those (a write that failed, a key another process took). */
const report = (ctx: Context, file: string, imported: ReadonlyArray<Found>, error: EngineError | undefined): number => {
  if (ctx.args.json)
    ctx.io.stdout.write(
      jsonDocument({
        command: 'import-terraform',
        imported: imported.map(({ key, state }) => ({ key, state: jsonState(state, ctx.args.showPayloads) })),
        errors: error === undefined ? [] : [jsonEngineError(error)],
      }),
    )
  else {
    if (error !== undefined) writeEngineErrors(ctx, [error])
    if (imported.length > 0 || error === undefined) {
      ctx.io.stdout.write(`${ctx.out.green('Imported')} ${imported.length} invocation${imported.length === 1 ? '' : 's'} from ${file}:\n`)
      for (const { key, state } of imported) ctx.io.stdout.write(`  ${ctx.out.bold(key)} [id=${state.id}]\n`)
    }
    const missing = imported.filter(({ key }) => !ctx.config.resources.has(key)).map(({ key }) => key)
    if (missing.length > 0)
      ctx.io.stdout.write(`${ctx.out.yellow('Note:')} not in the config, so the next apply would destroy them: ${missing.join(', ')}\n`)
  }
  return error === undefined ? 0 : 1
}
