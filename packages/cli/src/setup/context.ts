/**
 * What every command runs with: the streams and their colours, the loaded
 * config, the plan options it gives, and the opened state (with the lock held
 * for commands that change state).
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Holder, PlanOptions, StateStore } from '@lambda-invocation/core'
import { coloursFor, type Colours } from '../render/colour.js'
import type { CliArgs } from './args.js'
import type { CliError } from './cli-error.js'
import { DEFAULT_CONFIG_FILE, emptyConfig, loadConfig, type Config } from './config.js'
import type { CliIo } from './io.js'
import { openState } from './open-state.js'
import { leaseMsOf, makeRunner } from './runner.js'

/** The setting up every command shares. */
export interface Context {
  readonly io: CliIo
  readonly args: CliArgs
  /** Colours for stdout and for stderr. */
  readonly out: Colours
  readonly err: Colours
  readonly config: Config
  readonly store: StateStore
  /** Where the state lives, for messages. */
  readonly stateLabel: string
  readonly planOptions: PlanOptions
  /** Releases the lock, if one is held. */
  readonly release: () => void
  /** This process as a runner: recorded as the holder of every intent it writes. */
  readonly runner: Holder
  /** How long after its start another runner's step may still be running (`leaseMsOf`). */
  readonly leaseMs: number
  /** This command holds the state file's lock: no other apply can be running a step. */
  readonly exclusive: boolean
}

/** The plan options of a run: the config's, and what an absent region means under --aws --region. */
const planOptionsOf = (config: Config, args: CliArgs): PlanOptions => ({
  ...(config.replaceOrder !== undefined ? { replaceOrder: config.replaceOrder } : {}),
  ...(config.encoding !== undefined ? { encoding: config.encoding } : {}),
  // Calls without a region go to --region's client, so that is what an absent region means.
  ...(args.aws && args.region !== undefined ? { defaultRegion: args.region } : {}),
})

/**
 * Loads the config and opens the state. `configRequired`: a missing config is
 * an error (plan, apply, import); otherwise it means no resources. `lock`: take
 * the state file's lock for the whole command, refusing at once if it is held.
 */
export const openContext = async (
  args: CliArgs,
  io: CliIo,
  options: { readonly configRequired: boolean; readonly lock: boolean },
): Promise<E.Either<CliError, Context>> => {
  const { out, err } = coloursFor(io, args.noColor)
  const configFile = resolve(io.cwd, args.config ?? DEFAULT_CONFIG_FILE)
  let config: Config
  if (!options.configRequired && !existsSync(configFile)) config = emptyConfig(configFile)
  else {
    const loaded = loadConfig(configFile)
    if (E.isLeft(loaded)) return loaded
    config = loaded.right
  }
  const state = await openState(args, io, config, { lock: options.lock, note: (text) => io.stderr.write(`${err.yellow('Note:')} ${text}\n`) })
  if (E.isLeft(state)) return state
  const { store, label, release } = state.right
  return E.right({
    io,
    args,
    out,
    err,
    config,
    store,
    stateLabel: label,
    planOptions: planOptionsOf(config, args),
    release,
    runner: makeRunner(),
    leaseMs: leaseMsOf(args, config),
    exclusive: options.lock && args.state._tag === 'File',
  })
}
