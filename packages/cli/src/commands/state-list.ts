/** `state list`: the names the state holds, sorted, one per line. Reads only. */
import * as E from 'fp-ts/lib/Either.js'
import { jsonDocument } from '../render/json-output.js'
import { reportFailure } from '../render/report.js'
import type { Context } from '../setup/context.js'

/** Runs `state list`; gives the exit code. */
export const runStateList = async (ctx: Context): Promise<number> => {
  const listed = await ctx.store.list()
  if (E.isLeft(listed)) return reportFailure(ctx, 'state list', { _tag: 'StoreFailed', key: '', message: `cannot list the state (${ctx.stateLabel}): ${listed.left.message}` })
  if (ctx.args.json) ctx.io.stdout.write(jsonDocument({ command: 'state list', state: ctx.stateLabel, resources: listed.right, errors: [] }))
  else ctx.io.stdout.write(listed.right.map((k) => `${k}\n`).join(''))
  return 0
}
