/**
 * `state mv OLD NEW`: renames a record, without destroying or creating the
 * resource, invoking nothing. The record moves whole (state, deposed state,
 * interrupted step). Through the store's compare-and-set: NEW is written only
 * if it has no record, then OLD is deleted only at the version read; if that
 * delete fails, the copy is taken back, so the state is as it was.
 */
import * as E from 'fp-ts/lib/Either.js'
import { jsonDocument } from '../render/json-output.js'
import { reportFailure } from '../render/report.js'
import type { Context } from '../setup/context.js'
import { heldRecord } from './import.js'
import { storeFailed } from './state-rm.js'

/** Runs `state mv`; gives the exit code. */
export const runStateMv = async (ctx: Context, from: string, to: string): Promise<number> => {
  const fail = (e: Parameters<typeof reportFailure>[2]): number => reportFailure(ctx, 'state mv', e)
  const old = await ctx.store.read(from)
  if (E.isLeft(old)) return fail(storeFailed(from, old.left))
  if (old.right === undefined) {
    const listed = await ctx.store.list()
    return fail({ _tag: 'NotInState', names: [from], known: E.isRight(listed) ? listed.right : [], stateLabel: ctx.stateLabel, command: 'state mv' })
  }
  const target = await ctx.store.read(to)
  if (E.isLeft(target)) return fail(storeFailed(to, target.left))
  if (target.right !== undefined) return fail({ _tag: 'AlreadyInState', key: to, stateLabel: ctx.stateLabel, held: heldRecord(target.right.record), command: 'state mv' })
  const { record, version } = old.right
  const written = await ctx.store.write(to, record, undefined)
  if (E.isLeft(written)) return fail(storeFailed(to, written.left))
  const deleted = await ctx.store.delete(from, version)
  if (E.isLeft(deleted)) {
    const undone = await ctx.store.delete(to, written.right)
    if (E.isLeft(undone)) ctx.io.stderr.write(`Warning: "${to}" now holds a copy of "${from}" that could not be taken back: ${undone.left.message}\n`)
    return fail(storeFailed(from, deleted.left))
  }
  if (ctx.args.json) ctx.io.stdout.write(jsonDocument({ command: 'state mv', state: ctx.stateLabel, moved: { from, to }, errors: [] }))
  else ctx.io.stdout.write(`${ctx.out.green('Moved')} ${ctx.out.bold(from)} to ${ctx.out.bold(to)}. Nothing was invoked.\n`)
  return 0
}
