/**
 * `import <name> <id>`: adopts an invocation that already ran, from its id and
 * the resource's arguments in the config; invokes nothing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { formatEngineError, parseImportId, type ResourceRecord } from '@lambda-invocation/core'
import { jsonDocument, jsonEngineError, jsonState } from '../render/json-output.js'
import { reportFailure, writeEngineErrors } from '../render/report.js'
import type { HeldRecord } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'
import { planningEngine } from '../setup/engines.js'

/** What a record holds, as an import refusing it names it. */
export const heldRecord = (r: ResourceRecord): HeldRecord =>
  r.state !== undefined ? { _tag: 'State', id: r.state.id } : r.intent !== undefined ? { _tag: 'Intent', lifecycle: r.intent.lifecycle } : { _tag: 'Record' }

/** Runs `import`; gives the exit code. */
export const runImport = async (ctx: Context, name: string, id: string): Promise<number> => {
  const args = ctx.config.resources.get(name)
  if (args === undefined)
    return reportFailure(ctx, 'import', { _tag: 'UnknownResource', names: [name], known: [...ctx.config.resources.keys()], configFile: ctx.config.file, given: 'import' })
  // The engine refuses a name the state holds too, but as invalid input; this
  // says which state holds it and what. A bad id is reported first, as the
  // engine reports it.
  const existing = E.isLeft(parseImportId(id)) ? E.right(undefined) : await ctx.store.read(name)
  if (E.isLeft(existing))
    return reportFailure(ctx, 'import', { _tag: 'StoreFailed', key: name, message: formatEngineError({ _tag: 'StoreFailed', key: name, failure: existing.left }) })
  const held = existing.right?.record
  if (held !== undefined) return reportFailure(ctx, 'import', { _tag: 'AlreadyInState', key: name, stateLabel: ctx.stateLabel, held: heldRecord(held), command: 'import' })
  const r = await planningEngine(ctx).import(name, id, args)
  if (E.isLeft(r)) {
    if (ctx.args.json) ctx.io.stdout.write(jsonDocument({ command: 'import', imported: [], errors: [jsonEngineError(r.left)] }))
    else writeEngineErrors(ctx, [r.left])
    return 1
  }
  if (ctx.args.json) ctx.io.stdout.write(jsonDocument({ command: 'import', imported: [{ key: name, state: jsonState(r.right, ctx.args.showPayloads) }], errors: [] }))
  else ctx.io.stdout.write(`${ctx.out.green('Imported')} ${ctx.out.bold(name)} [id=${r.right.id}]. The next plan compares it with the config.\n`)
  return 0
}
