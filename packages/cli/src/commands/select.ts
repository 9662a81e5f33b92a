/**
 * Which resources a command acts on: the config's and the state's keys,
 * narrowed by --target; an unknown target is an error naming the known ones.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'

/** One resource to plan: its key and its arguments from the config (`undefined`: not in the config, so destroyed). */
export interface Selected {
  readonly key: string
  readonly desired: unknown
}

/**
 * The resources to act on, sorted: `all` takes the config's and the state's
 * keys (plan, apply), `state` only the state's with no arguments (destroy).
 */
export const selectResources = async (ctx: Context, from: 'all' | 'state'): Promise<E.Either<CliError, ReadonlyArray<Selected>>> => {
  const listed = await ctx.store.list()
  if (E.isLeft(listed)) return E.left({ _tag: 'StoreFailed', key: '', message: `cannot list the state (${ctx.stateLabel}): ${listed.left.message}` })
  const inState = new Set(listed.right)
  const inConfig = [...ctx.config.resources.keys()]
  const known = new Set([...inConfig, ...inState])
  const pool = from === 'all' ? known : inState
  const unknown = ctx.args.targets.filter((t) => !known.has(t))
  if (unknown.length > 0) return E.left({ _tag: 'UnknownResource', names: unknown, known: [...known], configFile: ctx.config.file, given: 'target' })
  const wanted = ctx.args.targets.length === 0 ? [...pool] : ctx.args.targets.filter((t) => pool.has(t))
  const keys = [...new Set(wanted)].sort()
  return E.right(keys.map((key) => ({ key, desired: from === 'state' ? undefined : ctx.config.resources.get(key) })))
}
