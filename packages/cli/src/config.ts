/**
 * The config file (`lambda-invocation.json`): which resources exist and their
 * invocation arguments. Syntax errors carry line and column; the arguments
 * themselves are checked by the core when planned.
 *
 * ```json
 * {
 *   "handlers": "./handlers.mjs",
 *   "replaceOrder": "delete-first",
 *   "encoding": "terraform",
 *   "resources": {
 *     "seed": { "functionName": "seeder", "input": { "table": "users" }, "lifecycleScope": "CRUD" }
 *   }
 * }
 * ```
 *
 * `input` is a JSON string (sent byte for byte) or any other JSON value, which
 * is taken as its source text with the whitespace removed (key order and
 * number text kept).
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Encoding, ReplaceOrder } from '@lambda-invocation/core'
import { isJsonObject, minifyJson, parseJsonDocument } from '@lambda-invocation/core/json'

/** The default config file name. */
export const DEFAULT_CONFIG_FILE = 'lambda-invocation.json'

/** The state file's default name, beside the config. */
export const DEFAULT_STATE_FILE = 'lambda-invocation.state.json'

/** A loaded config: paths resolved against the config's folder, each resource's arguments ready for the core. */
export interface Config {
  readonly file: string
  readonly dir: string
  /** The handlers module named in the config, resolved; `undefined` when not set. */
  readonly handlers: string | undefined
  /** The state file named in the config, resolved; `undefined` when not set. */
  readonly state: string | undefined
  readonly replaceOrder: ReplaceOrder | undefined
  readonly encoding: Encoding | undefined
  /** Each resource's arguments, `input` already a string; validated later by the core. */
  readonly resources: ReadonlyMap<string, Readonly<Record<string, unknown>>>
}

/** Why a config could not be used: one sentence per problem, each naming the file and where. */
export interface ConfigError {
  readonly _tag: 'ConfigError'
  readonly messages: ReadonlyArray<string>
}

const TOP_LEVEL = new Set(['$schema', 'handlers', 'state', 'replaceOrder', 'encoding', 'resources'])

/** Reads and checks the config at `file`. Never throws. */
export const loadConfig = (file: string): E.Either<ConfigError, Config> => {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return E.left({
      _tag: 'ConfigError',
      messages: [
        code === 'ENOENT'
          ? `no config file at ${file}: create one (see the README) or choose one with --config`
          : code === 'EISDIR'
            ? `the config ${file} is a folder: name the config file in it (e.g. --config ${join(file, DEFAULT_CONFIG_FILE)})`
            : `cannot read the config file ${file}: ${e instanceof Error ? e.message : String(e)}`,
      ],
    })
  }
  return parseConfig(text, file)
}

/** Checks config text; `file` locates it (paths in it are relative to its folder). Never throws. */
export const parseConfig = (text: string, file: string): E.Either<ConfigError, Config> => {
  const fail = (messages: string[]): E.Either<ConfigError, never> => E.left({ _tag: 'ConfigError', messages })
  // Where each resources.<name>.input stands (the last one when a name repeats, as JSON.parse keeps), to keep its source text.
  const inputSpans = new Map<string, readonly [number, number]>()
  const parsed = parseJsonDocument(text, (path, start, end) => {
    if (path.length === 3 && path[0] === 'resources' && path[2] === 'input' && typeof path[1] === 'string') inputSpans.set(path[1], [start, end])
  })
  if (E.isLeft(parsed)) return fail([`${file}: not valid JSON: ${parsed.left.message}`])
  const doc = parsed.right
  if (!isJsonObject(doc)) return fail([`${file}: must be a JSON object with "resources"`])

  const problems: string[] = []
  const at = (where: string, message: string): void => {
    problems.push(`${file}: ${where}: ${message}`)
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.has(key)) at(JSON.stringify(key), `unknown setting; expected one of ${[...TOP_LEVEL].slice(1).join(', ')}`)
  }
  const optionalString = (key: string): string | undefined => {
    const v = doc[key]
    if (v === undefined) return undefined
    if (typeof v === 'string' && v !== '') return v
    at(key, `must be a non-empty string, got ${describe(v)}`)
    return undefined
  }
  const oneOf = <A extends string>(key: string, values: ReadonlyArray<A>): A | undefined => {
    const v = doc[key]
    if (v === undefined) return undefined
    if (typeof v === 'string' && (values as ReadonlyArray<string>).includes(v)) return v as A
    at(key, `must be ${values.map((x) => JSON.stringify(x)).join(' or ')}, got ${describe(v)}`)
    return undefined
  }
  const dir = dirname(resolve(file))
  const handlers = optionalString('handlers')
  const state = optionalString('state')
  const replaceOrder = oneOf<ReplaceOrder>('replaceOrder', ['delete-first', 'create-first'])
  const encoding = oneOf<Encoding>('encoding', ['terraform', 'preserve'])

  const resources = new Map<string, Readonly<Record<string, unknown>>>()
  const raw = doc['resources']
  if (raw === undefined) at('resources', 'is missing: name each resource under "resources"')
  else if (!isJsonObject(raw)) at('resources', `must be an object of resource name to arguments, got ${describe(raw)}`)
  else {
    for (const [name, args] of Object.entries(raw)) {
      const where = `resources[${JSON.stringify(name)}]`
      if (name === '' || /[\u0000-\u001f]/.test(name)) {
        at(where, 'a resource name must be non-empty, without control characters')
        continue
      }
      if (!isJsonObject(args)) {
        at(where, `must be an object of invocation arguments, got ${describe(args)}`)
        continue
      }
      // null is absent, as for every argument (so a required input is missing), not the JSON text "null".
      const input = args['input']
      if (input === undefined || input === null || typeof input === 'string') {
        resources.set(name, args)
        continue
      }
      // Any other value is its source text, whitespace between tokens removed (key order, number text kept).
      const span = inputSpans.get(name)
      resources.set(name, { ...args, input: span === undefined ? JSON.stringify(input) : minifyJson(text.slice(span[0], span[1])) })
    }
  }
  if (problems.length > 0) return fail(problems)
  return E.right({
    file: resolve(file),
    dir,
    handlers: handlers === undefined ? undefined : resolve(dir, handlers),
    state: state === undefined ? undefined : resolve(dir, state),
    replaceOrder,
    encoding,
    resources,
  })
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`
