/**
 * `import <name> <id>`: adopts an invocation that already ran, from its id and
 * the resource's arguments in the config; invokes nothing.
 */
import { formatEngineError, parseImportId } from '@lambda-invocation/core'
import { isLeft, right } from 'fp-ts/lib/Either.js'
import { failure, planningEngine, type Context } from '../context.js'
import { jsonDocument, jsonEngineError, jsonState } from '../render/json-output.js'
import { reportFailure, writeEngineErrors } from './report.js'

/** Runs `import`; gives the exit code. */
export const runImport = async (ctx: Context, name: string, id: string): Promise<number> => {
  const args = ctx.config.resources.get(name)
  if (args === undefined) {
    const known = [...ctx.config.resources.keys()].sort()
    return reportFailure(
      ctx,
      'import',
      failure(
        'UnknownResource',
        `unknown resource "${name}": add it to ${ctx.config.file} with its arguments first (import takes them from there)` +
          (known.length > 0 ? `. Known resources: ${known.join(', ')}.` : '.'),
        name,
      ),
    )
  }
  // Import adopts only a name the state does not hold; the engine would refuse
  // it too, but as a lost race ("changed by another apply"), which it is not.
  // (A bad id is reported first, as the engine reports it.)
  const existing = isLeft(parseImportId(id)) ? right(undefined) : await ctx.store.read(name)
  if (isLeft(existing)) return reportFailure(ctx, 'import', failure('StoreFailed', formatEngineError({ _tag: 'StoreFailed', key: name, failure: existing.left }), name))
  const held = existing.right?.record
  if (held !== undefined) {
    const what =
      held.state !== undefined
        ? `is already in the state (${ctx.stateLabel}) [id=${held.state.id}]`
        : held.intent !== undefined
          ? `has an interrupted ${held.intent.lifecycle} in the state (${ctx.stateLabel}); run plan to see it`
          : `already has a record in the state (${ctx.stateLabel})`
    return reportFailure(
      ctx,
      'import',
      failure('AlreadyInState', `"${name}" ${what}; nothing was imported. Import adopts a resource the state does not hold: destroy it first, or import under another name.`, name),
    )
  }
  const r = await planningEngine(ctx).import(name, id, args)
  if (isLeft(r)) {
    if (ctx.args.json) ctx.io.stdout.write(jsonDocument({ command: 'import', imported: [], errors: [jsonEngineError(r.left, formatEngineError(r.left))] }))
    else writeEngineErrors(ctx, [r.left])
    return 1
  }
  if (ctx.args.json) ctx.io.stdout.write(jsonDocument({ command: 'import', imported: [{ key: name, state: jsonState(r.right, ctx.args.showPayloads) }], errors: [] }))
  else ctx.io.stdout.write(`${ctx.out.green('Imported')} ${ctx.out.bold(name)} [id=${r.right.id}]. The next plan compares it with the config.\n`)
  return 0
}
