/**
 * What every command runs with: the streams, colours, the loaded config, the
 * state store (with the lock held for commands that change state) and the
 * invoker (local handlers or AWS).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { createEngine } from '@lambda-invocation/core'
import type { Engine, Invoker, PlanOptions, StateStore } from '@lambda-invocation/core'
import { MemoryInvoker, parseFunctionRef, systemClock } from '@lambda-invocation/memory-adapter'
import type { CliArgs } from './args.js'
import { defaultRegionMissing, makeAwsInvoker, makeAwsStateStore } from './aws.js'
import { DEFAULT_CONFIG_FILE, DEFAULT_STATE_FILE, loadConfig, type Config } from './config.js'
import { openFileStateStore } from './state-file/store.js'
import { guardHandler } from './handler-guard.js'
import { checkHandlers, handlerName, loadHandlers } from './handlers.js'
import { acquireLock, lockPathFor, isProcessAlive, shellQuote } from './state-file/lock.js'
import { colourWanted, makeColours, type Colours } from './render/colour.js'

/** A stream the CLI writes to. */
export interface OutStream {
  write(text: string): unknown
  readonly isTTY?: boolean
}

/** The process around the CLI, injected so `main` runs in tests as it does for real. */
export interface CliIo {
  readonly stdout: OutStream
  readonly stderr: OutStream
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** Registers what to do on the first Ctrl-C; gives back a function that unregisters it. */
  readonly onInterrupt?: (handler: () => void) => () => void
  /** Registers a cleanup to run if the process must exit at once (a second Ctrl-C); gives back a function that unregisters it. */
  readonly onForcedExit?: (cleanup: () => void) => () => void
}

/** A failure of a command: what a person should read, and the tag `--json` reports. */
export interface CliFailure {
  readonly error: string
  readonly message: string
  readonly key?: string
}

/** Builds a failure. */
export const failure = (error: string, message: string, key?: string): CliFailure => (key === undefined ? { error, message } : { error, message, key })

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
}

/** Colours for the two streams. */
export const coloursFor = (io: CliIo, noColor: boolean): { readonly out: Colours; readonly err: Colours } => ({
  out: makeColours(colourWanted(io.stdout, io.env, noColor)),
  err: makeColours(colourWanted(io.stderr, io.env, noColor)),
})

const emptyConfig = (file: string): Config => ({
  file,
  dir: dirname(file),
  handlers: undefined,
  state: undefined,
  replaceOrder: undefined,
  encoding: undefined,
  resources: new Map(),
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
): Promise<E.Either<CliFailure, Context>> => {
  const { out, err } = coloursFor(io, args.noColor)
  const configFile = resolve(io.cwd, args.config ?? DEFAULT_CONFIG_FILE)
  let config: Config
  if (!options.configRequired && !existsSync(configFile)) config = emptyConfig(configFile)
  else {
    const loaded = loadConfig(configFile)
    if (E.isLeft(loaded)) return E.left(failure('ConfigError', loaded.left.messages.join('\n')))
    config = loaded.right
  }
  const planOptions: PlanOptions = {
    ...(config.replaceOrder !== undefined ? { replaceOrder: config.replaceOrder } : {}),
    ...(config.encoding !== undefined ? { encoding: config.encoding } : {}),
    // Calls without a region go to --region's client, so that is what an absent region means.
    ...(args.aws && args.region !== undefined ? { defaultRegion: args.region } : {}),
  }
  if (args.state.kind === 's3') {
    if (args.region === undefined && (await defaultRegionMissing()))
      return E.left(failure('NoRegion', `--state-s3 needs the bucket's AWS region: pass --region, set AWS_REGION, or give your AWS profile a region`))
    const store = await makeAwsStateStore({ bucket: args.state.bucket, prefix: args.state.prefix, ...(args.region !== undefined ? { region: args.region } : {}) })
    return E.right({ io, args, out, err, config, store, stateLabel: `s3://${args.state.bucket}/${args.state.prefix}`, planOptions, release: () => undefined })
  }
  const stateFile = args.state.file !== undefined ? resolve(io.cwd, args.state.file) : (config.state ?? join(config.dir, DEFAULT_STATE_FILE))
  let release = (): void => undefined
  if (options.lock) {
    if (!existsSync(dirname(stateFile)))
      return E.left(failure('StateUnavailable', `the folder of the state file ${stateFile} does not exist: create it, or choose another state file (--state, or "state" in the config)`))
    const lock = await acquireLock(lockPathFor(stateFile), { waitMs: 0 })
    if (E.isLeft(lock)) return E.left(failure(lock.left._tag === 'Held' ? 'StateLocked' : lock.left._tag === 'Stale' ? 'StaleLock' : 'LockError', lock.left.message))
    const unregister = io.onForcedExit?.(() => lock.right.release())
    release = () => {
      unregister?.()
      lock.right.release()
    }
  } else {
    const note = lockNote(lockPathFor(stateFile))
    if (note !== undefined) io.stderr.write(`${err.yellow('Note:')} ${note}\n`)
  }
  // Read once, under the lock when there is one; a corrupt state file is refused before anything runs, with the backup named.
  const store = openFileStateStore({ file: stateFile, externallyLocked: options.lock })
  if (E.isLeft(store)) {
    release()
    return E.left(failure(store.left._tag === 'Corrupt' ? 'CorruptState' : 'StateUnavailable', store.left.message))
  }
  return E.right({ io, args, out, err, config, store: store.right, stateLabel: stateFile, planOptions, release })
}

/** For read-only commands, which take no lock: a word about a lock held by another process or left behind. */
const lockNote = (path: string): string | undefined => {
  let text: string
  try {
    text = readFileSync(path, 'utf8').trim()
  } catch {
    return undefined
  }
  const pid = /^\d+$/.test(text) ? Number(text) : undefined
  if (pid !== undefined && isProcessAlive(pid)) return `process ${pid} holds the state lock (${path}) and may be applying right now; a step it runs shows as interrupted here.`
  return `a stale lock was left by ${pid === undefined ? 'an unknown process' : `process ${pid}, which is no longer running`}: apply will refuse until you remove it (rm ${shellQuote(path)}).`
}

/** An engine whose invoker refuses every call: for commands that never invoke (plan, show, import). */
export const planningEngine = (ctx: Context): Engine =>
  createEngine({
    invoker: {
      invoke: async (call) => E.left({ _tag: 'Rejected', functionName: call.functionName, message: 'this command does not invoke functions' }),
    },
    store: ctx.store,
    clock: systemClock,
    planOptions: ctx.planOptions,
  })

/**
 * The invoker for applying: AWS with --aws; otherwise the local handlers,
 * after checking that every function to be invoked has one.
 */
export const makeInvoker = async (
  ctx: Context,
  needed: ReadonlyArray<{ readonly key: string; readonly functionName: string; readonly qualifier: string; readonly region?: string | undefined }>,
): Promise<E.Either<CliFailure, Invoker>> => {
  if (ctx.args.aws) {
    // Said before anything runs, not as an interrupted step per resource.
    const regionless = needed.filter((n) => n.region === undefined)
    if (ctx.args.region === undefined && regionless.length > 0 && (await defaultRegionMissing()))
      return E.left(
        failure(
          'NoRegion',
          `--aws needs an AWS region for ${[...new Set(regionless.map((n) => `"${n.key}"`))].join(', ')}: pass --region, set AWS_REGION, or give your AWS profile a region (or set "region" on the resource)`,
        ),
      )
    return E.right(await makeAwsInvoker({ ...(ctx.args.region !== undefined ? { region: ctx.args.region } : {}), ...(ctx.args.timeoutMs !== undefined ? { timeoutMs: ctx.args.timeoutMs } : {}) }))
  }
  const file = ctx.args.handlers !== undefined ? resolve(ctx.io.cwd, ctx.args.handlers) : (ctx.config.handlers ?? join(ctx.config.dir, 'handlers.mjs'))
  if (needed.length === 0) return E.right(new MemoryInvoker({ clock: systemClock }))
  const module = await loadHandlers(file)
  if (E.isLeft(module)) return E.left(failure('MissingHandlers', module.left.message))
  const checked = checkHandlers(module.right, needed)
  if (E.isLeft(checked)) return E.left(failure('MissingHandler', checked.left.message))
  const invoker = new MemoryInvoker({ clock: systemClock, ...(ctx.args.region !== undefined ? { region: ctx.args.region } : {}) })
  const registered = new Set<string>()
  for (const n of needed) {
    const name = handlerName(n.functionName)
    const qualifier = parseFunctionRef(n.functionName).qualifier ?? n.qualifier
    const id = `${name}:${qualifier}`
    if (registered.has(id)) continue
    registered.add(id)
    invoker.register(name, guardHandler(name, module.right.handlers.get(name)!), { qualifier, timeoutMs: 15 * 60 * 1000 })
  }
  return E.right(invoker)
}

/** An engine that invokes through `invoker`. */
export const applyingEngine = (ctx: Context, invoker: Invoker): Engine =>
  createEngine({ invoker, store: ctx.store, clock: systemClock, planOptions: ctx.planOptions })
