/**
 * The invoker `apply` and `destroy` run with: the real functions with --aws,
 * otherwise the local handlers module.
 */
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Invoker } from '@lambda-invocation/core'
import { loadCheckedHandlers } from '../handlers/load.js'
import { localInvoker, type NeededFunction } from '../handlers/local-invoker.js'
import type { CliArgs } from './args.js'
import { defaultRegionMissing, makeAwsInvoker } from './aws.js'
import type { TimeoutOf } from './call-timeouts.js'
import type { CliError } from './cli-error.js'
import type { Config } from './config.js'
import type { Context } from './context.js'
import { timeoutRoutedInvoker } from './timeout-routed-invoker.js'

/**
 * What `plan` checks of the functions it would invoke: without --aws, that the
 * handlers module loads and has a handler for each (every missing one named);
 * nothing to check with --aws (plan invokes nothing).
 */
export const checkLocalHandlers = async (ctx: Context, needed: ReadonlyArray<NeededFunction>): Promise<E.Either<CliError, void>> => {
  if (ctx.args.aws || needed.length === 0) return E.right(undefined)
  const checked = await loadCheckedHandlers(handlersFile(ctx.args, ctx.io.cwd, ctx.config), needed)
  return E.isLeft(checked) ? checked : E.right(undefined)
}

/** The local handlers module: --handlers (from `cwd`), else the config's, else `handlers.mjs` beside the config. */
export const handlersFile = (args: Pick<CliArgs, 'handlers'>, cwd: string, config: Pick<Config, 'handlers' | 'dir'>): string =>
  args.handlers !== undefined ? resolve(cwd, args.handlers) : (config.handlers ?? join(config.dir, 'handlers.mjs'))

/**
 * The invoker for applying: AWS with --aws (refused before anything runs when
 * a call would have no region); otherwise the local handlers, after checking
 * that every function to be invoked has one. Each call is waited for
 * `timeoutOf(call)` (see `call-timeouts.ts`).
 */
export const makeInvoker = async (ctx: Context, needed: ReadonlyArray<NeededFunction>, timeoutOf: TimeoutOf): Promise<E.Either<CliError, Invoker>> => {
  const { args } = ctx
  if (args.aws) {
    // Said before anything runs, not as an interrupted step per resource.
    const regionless = needed.filter((n) => n.region === undefined)
    if (args.region === undefined && regionless.length > 0 && (await defaultRegionMissing()))
      return E.left({ _tag: 'NoRegion', needed: '--aws', keys: [...new Set(regionless.map((n) => n.key))] })
    return E.right(
      timeoutRoutedInvoker(timeoutOf, (timeoutMs) => makeAwsInvoker({ ...(args.region !== undefined ? { region: args.region } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) })),
    )
  }
  return localInvoker(handlersFile(args, ctx.io.cwd, ctx.config), needed, args.region, timeoutOf)
}
