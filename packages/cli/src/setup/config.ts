/**
 * The config file (`lambda-invocation.json`): which resources exist and their
 * invocation arguments. Decoded by an io-ts codec built from the core's
 * (`strict` for the settings, `InvocationArgsCodec` for each resource), so a
 * typo is refused with the nearest known name and a bad argument is reported
 * at load, with the file, the resource and its path. Syntax errors carry line
 * and column.
 *
 * ```json
 * {
 *   "handlers": "./handlers.mjs",
 *   "replaceOrder": "delete-first",
 *   "encoding": "terraform",
 *   "resources": {
 *     "seed": { "functionName": "seeder", "input": { "table": "users" }, "lifecycleScope": "CRUD", "timeout": 60 }
 *   }
 * }
 * ```
 *
 * A resource's `timeout` (seconds) is how long this command waits for each of
 * its invocations, overriding --timeout: a setting of the run, not an
 * invocation argument, so it never changes a plan.
 *
 * `input` is a JSON string (sent byte for byte) or any other JSON value, which
 * is encoded as Terraform's `jsonencode` writes it (keys sorted, compact, cty's
 * number rules): the text a Terraform config's `input = jsonencode({...})`
 * stored, so that a resource imported from Terraform plans a noop. Under
 * `"encoding": "preserve"` it is its source text without whitespace (key
 * order and number text kept), as that encoding promises.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  EncodingCodec,
  formatProblems,
  InvocationArgsCodec,
  NonEmptyString,
  problem,
  readable,
  ReplaceOrderCodec,
  reportProblems,
  strict,
  type Encoding,
  type Field,
  type InvocationArgs,
  type PathSegment,
  type Problem,
  type ReplaceOrder,
  type ResolvedArgs,
} from '@lambda-invocation/core'
import { isJsonObject, jsonencodeText, minifyJson, parseJsonDocument } from '@lambda-invocation/core/json'

/** The default config file name. */
export const DEFAULT_CONFIG_FILE = 'lambda-invocation.json'

/** The state file's default name, beside the config. */
export const DEFAULT_STATE_FILE = 'lambda-invocation.state.json'

/** The resources of a config: each one's arguments, and the timeouts some of them set. */
export interface Resources {
  /** Each resource's arguments, as the core's `InvocationArgsCodec` decoded them. */
  readonly args: ReadonlyMap<string, ResolvedArgs>
  /** The `timeout` of the resources that set one, in milliseconds. */
  readonly timeoutsMs: ReadonlyMap<string, number>
}

/** What a config file holds, decoded: each resource's arguments checked and resolved by the core. */
export interface ConfigFile {
  readonly $schema?: string
  readonly handlers?: string
  readonly state?: string
  readonly replaceOrder?: ReplaceOrder
  readonly encoding?: Encoding
  readonly resources: Resources
}

/** A loaded config: paths resolved against the config's folder, each resource's arguments checked. */
export interface Config {
  readonly file: string
  readonly dir: string
  /** The handlers module named in the config, resolved; `undefined` when not set. */
  readonly handlers: string | undefined
  /** The state file named in the config, resolved; `undefined` when not set. */
  readonly state: string | undefined
  readonly replaceOrder: ReplaceOrder | undefined
  readonly encoding: Encoding | undefined
  /** Each resource's arguments, as the core's `InvocationArgsCodec` decoded them. */
  readonly resources: ReadonlyMap<string, ResolvedArgs>
  /** The `timeout` of the resources that set one, in milliseconds: how long each of its invocations is waited for. */
  readonly timeoutsMs: ReadonlyMap<string, number>
}

/** Why a config could not be used: one sentence per problem, each naming the file and where. */
export interface ConfigError {
  readonly _tag: 'ConfigError'
  readonly messages: ReadonlyArray<string>
  /** The same problems as data: the path in the config document (empty for the whole file) and what is wrong there. */
  readonly problems: ReadonlyArray<Problem>
}

/** A problem of the whole file (missing, not JSON): its sentence, at the document's root. */
const fileError = (message: string): ConfigError => ({ _tag: 'ConfigError', messages: [message], problems: [problem([], message)] })

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`

const isValidName = (name: string): boolean => name !== '' && !/[\u0000-\u001f]/.test(name)

/** The longest timeout, in seconds: Node's timers stop at 2^31 - 1 ms. */
export const MAX_TIMEOUT_S = 2_147_483

/** A resource's `timeout`: seconds above 0 and at most `MAX_TIMEOUT_S`, decoded to milliseconds. */
const TimeoutCodec = new t.Type<number, number, unknown>(
  'Timeout',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= MAX_TIMEOUT_S * 1000,
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u) && u > 0 && u <= MAX_TIMEOUT_S
      ? t.success(Math.max(1, Math.round(u * 1000)))
      : t.failure(u, c, `must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S}, got ${describe(u)}`),
  (ms) => ms / 1000,
)

/** A resource in the config: its invocation arguments, and this command's own `timeout` (not an argument: it never changes a plan). */
type ResourceEntry = InvocationArgs & { readonly timeout?: number }

/** The resources: name → arguments, each decoded by the core's `InvocationArgsCodec` (less `timeout`, decoded apart), every problem reported. */
const ResourcesCodec = new t.Type<Resources, Readonly<Record<string, ResourceEntry>>, unknown>(
  'Resources',
  (u): u is Resources =>
    typeof u === 'object' &&
    u !== null &&
    'args' in u &&
    u.args instanceof Map &&
    [...u.args].every(([k, v]) => typeof k === 'string' && isValidName(k) && InvocationArgsCodec.is(v)) &&
    'timeoutsMs' in u &&
    u.timeoutsMs instanceof Map,
  (u, c) => {
    if (u === undefined) return t.failure(u, c, 'is missing: name each resource under "resources"')
    if (!isJsonObject(u as never)) return t.failure(u, c, `must be an object of resource name to arguments, got ${describe(u)}`)
    const errors: t.ValidationError[] = []
    const resources = new Map<string, ResolvedArgs>()
    const timeoutsMs = new Map<string, number>()
    for (const [name, entry] of Object.entries(u as Record<string, unknown>)) {
      const at = t.appendContext(c, name, InvocationArgsCodec, entry)
      if (!isValidName(name)) errors.push({ value: name, context: at, message: 'a resource name must be non-empty, without control characters' })
      else if (!isJsonObject(entry as never)) errors.push({ value: entry, context: at, message: `must be an object of invocation arguments, got ${describe(entry)}` })
      else {
        const { timeout, ...args } = entry as Record<string, unknown>
        if (timeout !== undefined && timeout !== null) {
          const ms = TimeoutCodec.validate(timeout, t.appendContext(at, 'timeout', TimeoutCodec, timeout))
          if (E.isLeft(ms)) errors.push(...ms.left)
          else timeoutsMs.set(name, ms.right)
        }
        const decoded = InvocationArgsCodec.validate(args, at)
        if (E.isLeft(decoded)) errors.push(...decoded.left)
        else resources.set(name, decoded.right)
      }
    }
    return errors.length > 0 ? t.failures(errors) : t.success({ args: resources, timeoutsMs })
  },
  (r) =>
    Object.fromEntries(
      [...r.args].map(([name, args]) => {
        const ms = r.timeoutsMs.get(name)
        return [name, { ...InvocationArgsCodec.encode(args), ...(ms === undefined ? {} : { timeout: TimeoutCodec.encode(ms) }) }]
      }),
    ),
)

/** The config's settings, in order (the JSON Schema is made from them too). */
export const CONFIG_FIELDS: ReadonlyArray<Field> = [
  // `$schema`: where an editor finds the JSON Schema (packages/cli/schema); not read here.
  { key: '$schema', name: '$schema', codec: NonEmptyString, presence: 'optional' },
  { key: 'handlers', name: 'handlers', codec: NonEmptyString, presence: 'optional' },
  { key: 'state', name: 'state', codec: NonEmptyString, presence: 'optional' },
  { key: 'replaceOrder', name: 'replaceOrder', codec: ReplaceOrderCodec, presence: 'optional' },
  { key: 'encoding', name: 'encoding', codec: EncodingCodec, presence: 'optional' },
  // 'raw': the codec says what an absent list of resources means.
  { key: 'resources', name: 'resources', codec: ResourcesCodec, presence: 'raw' },
]

/**
 * A config file's value, each `input` already text (`parseConfig` takes a
 * JSON value's source text): the settings, unknown ones refused with the
 * nearest known one, and each resource's arguments checked by the core.
 */
export const ConfigFileCodec: t.Type<ConfigFile, unknown, unknown> = readable(
  strict<ConfigFile, unknown>({ name: 'Config', noun: 'the config', member: 'a setting', fields: CONFIG_FIELDS }),
)

/** Where a problem is, as the messages say it: a resource by its quoted name (names may hold dots and brackets), then the path in it. */
const where = (path: ReadonlyArray<PathSegment>): string => {
  if (path[0] !== 'resources' || path.length < 2) return formatProblems([problem(path, '')]).replace(/: $/, '')
  const resource = `resources[${JSON.stringify(String(path[1]))}]`
  if (path.length === 2) return resource
  const inside = formatProblems([problem(path.slice(2), '')]).replace(/: $/, '')
  return inside.startsWith('[') ? `${resource}${inside}` : `${resource}.${inside}`
}

/** Reads and checks the config at `file`. Never throws. */
export const loadConfig = (file: string): E.Either<ConfigError, Config> => {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return E.left(
      fileError(
        code === 'ENOENT'
          ? `no config file at ${file}: create one (see the README) or choose one with --config`
          : code === 'EISDIR'
            ? `the config ${file} is a folder: name the config file in it (e.g. --config ${join(file, DEFAULT_CONFIG_FILE)})`
            : `cannot read the config file ${file}: ${e instanceof Error ? e.message : String(e)}`,
      ),
    )
  }
  return parseConfig(text, file)
}

/** The config of a folder without a config file: no resources. */
export const emptyConfig = (file: string): Config => ({
  file,
  dir: dirname(file),
  handlers: undefined,
  state: undefined,
  replaceOrder: undefined,
  encoding: undefined,
  resources: new Map(),
  timeoutsMs: new Map(),
})

/** Checks config text; `file` locates it (paths in it are relative to its folder). Never throws. */
export const parseConfig = (text: string, file: string): E.Either<ConfigError, Config> => {
  const fail = (message: string): E.Either<ConfigError, never> => E.left(fileError(message))
  // Where each resources.<name>.input stands (the last one when a name repeats, as JSON.parse keeps), to keep its source text.
  const inputSpans = new Map<string, readonly [number, number]>()
  const parsed = parseJsonDocument(text, (path, start, end) => {
    if (path.length === 3 && path[0] === 'resources' && path[2] === 'input' && typeof path[1] === 'string') inputSpans.set(path[1], [start, end])
  })
  if (E.isLeft(parsed)) return fail(`${file}: not valid JSON: ${parsed.left.message}`)
  const doc = parsed.right
  if (!isJsonObject(doc)) return fail(`${file}: must be a JSON object with "resources"`)
  // An input that is not a string is encoded as Terraform's jsonencode writes it, from its source text (number digits kept, not through float64);
  // under the "preserve" encoding, which promises the author's key order and number text, it is that text with the whitespace removed.
  // (null is absent, as for every argument, so a required input is missing; not the JSON text "null".)
  const encode = doc['encoding'] === 'preserve' ? (source: string) => E.right<never, string>(minifyJson(source)) : jsonencodeText
  const raw = doc['resources']
  const encodingProblems: Problem[] = []
  const resources =
    raw === undefined || raw === null || !isJsonObject(raw)
      ? raw
      : Object.fromEntries(
          Object.entries(raw).flatMap(([name, args]): Array<[string, unknown]> => {
            const span = inputSpans.get(name)
            const input = isJsonObject(args) ? args['input'] : undefined
            if (span === undefined || input === undefined || input === null || typeof input === 'string') return [[name, args]]
            const encoded = encode(text.slice(span[0], span[1]))
            // (A resource whose input cannot be encoded, a key given twice, is reported here and left out of the decoding.)
            if (E.isLeft(encoded)) {
              for (const p of encoded.left) encodingProblems.push(problem(['resources', name, 'input', ...p.path], p.message))
              return []
            }
            return [[name, { ...(args as Record<string, unknown>), input: encoded.right }]]
          }),
        )
  const decoded = ConfigFileCodec.decode(raw === undefined ? doc : { ...doc, resources })
  const problems = [...encodingProblems, ...(E.isLeft(decoded) ? reportProblems(decoded.left) : [])]
  if (problems.length > 0 || E.isLeft(decoded)) return E.left({ _tag: 'ConfigError', messages: problems.map((p) => `${file}: ${where(p.path)}: ${p.message}`), problems })
  const config = decoded.right
  const dir = dirname(resolve(file))
  return E.right({
    file: resolve(file),
    dir,
    handlers: config.handlers === undefined ? undefined : resolve(dir, config.handlers),
    state: config.state === undefined ? undefined : resolve(dir, config.state),
    replaceOrder: config.replaceOrder,
    encoding: config.encoding,
    resources: config.resources.args,
    timeoutsMs: config.resources.timeoutsMs,
  })
}
