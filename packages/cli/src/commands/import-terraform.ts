/**
 * `import-terraform <terraform.tfstate>`: copies every `aws_lambda_invocation`
 * instance of a Terraform state file (schema 0 or 1, `,` or `_` ids) into this
 * project's state, result included; invokes nothing. All or nothing: any bad
 * instance or key already in the state stops it before a write.
 *
 * Keys: the resource's name, with `module.<m>.` in front when it is in a
 * module and `[0]` or `["k"]` after it for `count` or `for_each`.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { decodeState, formatProblems, type InvocationState } from '@lambda-invocation/core'
import { parseJsonDocument } from '@lambda-invocation/core/json'
import { isLeft } from 'fp-ts/lib/Either.js'
import { failure, type Context } from '../context.js'
import { jsonDocument, jsonState } from '../render/json-output.js'
import { reportFailure } from './report.js'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The key a Terraform resource instance gets here. */
export const terraformInstanceKey = (resource: { readonly module?: unknown; readonly name: string }, indexKey: unknown): string => {
  const prefix = typeof resource.module === 'string' && resource.module !== '' ? `${resource.module}.` : ''
  const index = typeof indexKey === 'number' ? `[${indexKey}]` : typeof indexKey === 'string' ? `[${JSON.stringify(indexKey)}]` : ''
  return `${prefix}${resource.name}${index}`
}

/** Runs `import-terraform`; gives the exit code. */
export const runImportTerraform = async (ctx: Context, path: string): Promise<number> => {
  const file = resolve(ctx.io.cwd, path)
  const fail = (error: string, message: string): number => reportFailure(ctx, 'import-terraform', failure(error, message))
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder; name the .tfstate file in it' : e instanceof Error ? e.message : String(e)
    return fail('TerraformStateUnreadable', `cannot read the Terraform state ${file}: ${why}`)
  }
  const parsed = parseJsonDocument(text)
  if (isLeft(parsed)) return fail('TerraformStateInvalid', `${file}: not valid JSON: ${parsed.left.message}`)
  const doc = parsed.right
  if (isObject(doc) && typeof doc['version'] === 'number' && doc['version'] < 4 && Array.isArray(doc['modules']))
    return fail(
      'TerraformStateInvalid',
      `${file}: a Terraform state of format version ${doc['version']} (Terraform before 0.12); run any terraform command of 0.12 or later on it (terraform refresh) to upgrade it to version 4, then import that`,
    )
  if (!isObject(doc) || !Array.isArray(doc['resources']))
    return fail('TerraformStateInvalid', `${file}: not a Terraform state file (version 4): it has no "resources" list`)

  const found: Array<{ key: string; state: InvocationState }> = []
  const problems: string[] = []
  for (const [r, resource] of doc['resources'].entries()) {
    if (!isObject(resource) || resource['type'] !== 'aws_lambda_invocation' || (resource['mode'] ?? 'managed') !== 'managed') continue
    const name = typeof resource['name'] === 'string' ? resource['name'] : `resource${r}`
    const instances = Array.isArray(resource['instances']) ? resource['instances'] : []
    for (const [i, instance] of instances.entries()) {
      const key = terraformInstanceKey({ module: resource['module'], name }, isObject(instance) ? instance['index_key'] : undefined)
      const decoded = decodeState(instance)
      if (isLeft(decoded)) {
        problems.push(`${key} (resources[${r}].instances[${i}]):\n  ${formatProblems(decoded.left).replace(/\n/g, '\n  ')}`)
        continue
      }
      found.push({ key, state: decoded.right })
    }
  }
  if (problems.length > 0) return fail('InvalidTerraformState', `${file}: ${problems.length} instance${problems.length === 1 ? '' : 's'} cannot be read, nothing was imported:\n${problems.join('\n')}`)
  if (found.length === 0) return fail('NothingToImport', `${file} has no aws_lambda_invocation resources`)

  const duplicates = found.filter((f, k) => found.findIndex((g) => g.key === f.key) !== k).map((f) => f.key)
  if (duplicates.length > 0) return fail('DuplicateKey', `${file} gives the same key more than once: ${[...new Set(duplicates)].join(', ')}`)
  for (const { key } of found) {
    const existing = await ctx.store.read(key)
    if (isLeft(existing)) return fail('StoreFailed', existing.left.message)
    if (existing.right !== undefined)
      return fail('AlreadyInState', `"${key}" is already in the state (${ctx.stateLabel}); nothing was imported. Destroy it or remove it from the state first.`)
  }
  for (const { key, state } of found) {
    const written = await ctx.store.write(key, { schemaVersion: 1, state }, undefined)
    if (isLeft(written)) return fail('StoreFailed', `writing "${key}": ${written.left.message}`)
  }
  if (ctx.args.json)
    ctx.io.stdout.write(
      jsonDocument({ command: 'import-terraform', imported: found.map(({ key, state }) => ({ key, state: jsonState(state, ctx.args.showPayloads) })), errors: [] }),
    )
  else {
    ctx.io.stdout.write(`${ctx.out.green('Imported')} ${found.length} invocation${found.length === 1 ? '' : 's'} from ${file}:\n`)
    for (const { key, state } of found) ctx.io.stdout.write(`  ${ctx.out.bold(key)} [id=${state.id}]\n`)
    const missing = found.filter(({ key }) => !ctx.config.resources.has(key)).map(({ key }) => key)
    if (missing.length > 0)
      ctx.io.stdout.write(`${ctx.out.yellow('Note:')} not in the config, so the next apply would destroy them: ${missing.join(', ')}\n`)
  }
  return 0
}
