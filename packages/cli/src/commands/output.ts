/**
 * `output [NAME]`: the stored `result` of each resource in the state (or of
 * one). `--raw` prints one result's text exactly, `--json` every one in a
 * JSON object. Reads the state only: no lock, nothing invoked.
 */
import * as E from 'fp-ts/lib/Either.js'
import { formatEngineError } from '@lambda-invocation/core'
import { jsonDocument } from '../render/json-output.js'
import { reportFailure } from '../render/report.js'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'

/** Each named resource's result (every resource with a current state when no name is given), sorted by name. */
const resultsOf = async (ctx: Context, name: string | undefined): Promise<E.Either<CliError, ReadonlyArray<readonly [string, string]>>> => {
  const listed = await ctx.store.list()
  if (E.isLeft(listed)) return E.left({ _tag: 'StoreFailed', key: '', message: `cannot list the state (${ctx.stateLabel}): ${listed.left.message}` })
  if (name !== undefined && !listed.right.includes(name))
    return E.left({ _tag: 'NotInState', names: [name], known: listed.right, stateLabel: ctx.stateLabel, command: 'output' })
  const results: Array<readonly [string, string]> = []
  for (const key of name === undefined ? listed.right : [name]) {
    const read = await ctx.store.read(key)
    if (E.isLeft(read)) return E.left({ _tag: 'StoreFailed', key, message: formatEngineError({ _tag: 'StoreFailed', key, failure: read.left }) })
    const state = read.right?.record.state
    if (state !== undefined) results.push([key, state.result])
    else if (name !== undefined) return E.left({ _tag: 'NoResult', key, stateLabel: ctx.stateLabel })
  }
  return E.right(results)
}

/** Runs `output`; gives the exit code. */
export const runOutput = async (ctx: Context, name: string | undefined): Promise<number> => {
  const results = await resultsOf(ctx, name)
  if (E.isLeft(results)) return reportFailure(ctx, 'output', results.left)
  if (ctx.args.raw) {
    // Exactly the stored text: no quotes, no newline added.
    ctx.io.stdout.write(results.right[0]?.[1] ?? '')
    return 0
  }
  if (ctx.args.json) {
    ctx.io.stdout.write(jsonDocument({ command: 'output', state: ctx.stateLabel, outputs: Object.fromEntries(results.right), errors: [] }))
    return 0
  }
  if (name !== undefined) ctx.io.stdout.write(`${JSON.stringify(results.right[0]?.[1] ?? '')}\n`)
  else if (results.right.length === 0) ctx.io.stdout.write(`No results: the state (${ctx.stateLabel}) holds no resource with a current state.\n`)
  else ctx.io.stdout.write(results.right.map(([key, result]) => `${key} = ${JSON.stringify(result)}\n`).join(''))
  return 0
}
