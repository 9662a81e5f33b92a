/**
 * `state rm NAME...`: forgets resources without invoking anything (a CRUD
 * resource's delete is not sent). Every name is checked before anything is
 * removed; each removal is a compare-and-set delete on the version read, so
 * a record another writer moved meanwhile is left alone.
 */
import * as E from 'fp-ts/lib/Either.js'
import { formatEngineError, type StoreFailure, type Versioned } from '@lambda-invocation/core'
import { jsonDocument } from '../render/json-output.js'
import { reportFailure } from '../render/report.js'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'

/** A store failure on `key`, as a command failure. */
export const storeFailed = (key: string, failure: StoreFailure): CliError => ({
  _tag: 'StoreFailed',
  key,
  message: formatEngineError({ _tag: 'StoreFailed', key, failure }),
})

/** Runs `state rm`; gives the exit code. */
export const runStateRm = async (ctx: Context, names: ReadonlyArray<string>): Promise<number> => {
  const keys = [...new Set(names)]
  const found: Array<readonly [string, Versioned]> = []
  const missing: string[] = []
  for (const key of keys) {
    const read = await ctx.store.read(key)
    if (E.isLeft(read)) return reportFailure(ctx, 'state rm', storeFailed(key, read.left))
    if (read.right === undefined) missing.push(key)
    else found.push([key, read.right])
  }
  if (missing.length > 0) {
    const listed = await ctx.store.list()
    const known = E.isRight(listed) ? listed.right : []
    return reportFailure(ctx, 'state rm', { _tag: 'NotInState', names: missing, known, stateLabel: ctx.stateLabel, command: 'state rm' })
  }
  const removed: string[] = []
  for (const [key, { record, version }] of found) {
    const deleted = await ctx.store.delete(key, version)
    if (E.isLeft(deleted)) {
      if (removed.length > 0) ctx.io.stderr.write(`Removed before the failure: ${removed.join(', ')}.\n`)
      return reportFailure(ctx, 'state rm', storeFailed(key, deleted.left))
    }
    removed.push(key)
    if (!ctx.args.json) {
      const notes = [
        ...(record.deposed !== undefined ? ['its deposed state, still to be deleted, is forgotten too'] : []),
        ...(record.intent !== undefined ? [`it had an interrupted ${record.intent.lifecycle}: that invocation may have run`] : []),
      ]
      const note = notes.length > 0 ? ` (${notes.join('; ')})` : ''
      ctx.io.stdout.write(`${ctx.out.green('Removed')} ${ctx.out.bold(key)} from the state${record.state !== undefined ? ` [id=${record.state.id}]` : ''}${note}.\n`)
    }
  }
  if (ctx.args.json) ctx.io.stdout.write(jsonDocument({ command: 'state rm', state: ctx.stateLabel, removed, errors: [] }))
  else ctx.io.stdout.write('Nothing was invoked. The next plan shows a create for a name still in the config.\n')
  return 0
}
