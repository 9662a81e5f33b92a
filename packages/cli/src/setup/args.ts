/**
 * Command-line arguments: the command, its operands and the flags, checked
 * with Node's `util.parseArgs`. Misuse is answered with a message that says
 * what is wrong and points to --help.
 */
import { parseArgs } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import type { Resolution } from '@lambda-invocation/core'

/** The commands. */
export type Command = 'plan' | 'apply' | 'destroy' | 'show' | 'import' | 'import-terraform' | 'help' | 'version'

/** Where the state is kept: the file store (default) or S3. */
export type StateLocation = { readonly _tag: 'File'; readonly file: string | undefined } | { readonly _tag: 'S3'; readonly bucket: string; readonly prefix: string }

/** Parsed and checked arguments. */
export interface CliArgs {
  readonly command: Command
  /** `import`: name and id; `import-terraform`: the state file. */
  readonly operands: ReadonlyArray<string>
  readonly config: string | undefined
  readonly state: StateLocation
  readonly handlers: string | undefined
  readonly targets: ReadonlyArray<string>
  readonly aws: boolean
  readonly region: string | undefined
  readonly timeoutMs: number | undefined
  readonly showPayloads: boolean
  readonly json: boolean
  readonly detailedExitcode: boolean
  readonly concurrency: number
  readonly noColor: boolean
  readonly resolution: Resolution | undefined
  /** `--auto-approve`: apply and destroy run without asking. */
  readonly autoApprove: boolean
  /** `--fleet`: one of several runners applying one config; leave to another runner what it holds or did. */
  readonly fleet: boolean
}

const COMMANDS: ReadonlyArray<Command> = ['plan', 'apply', 'destroy', 'show', 'import', 'import-terraform', 'help', 'version']

/** The text of --help. */
export const HELP = `Usage: lambda-invocation <command> [options]

Plans, applies and destroys Lambda invocations named in a config file, with the
behaviour of Terraform's aws_lambda_invocation resource.

Commands:
  plan                          show what apply would do
  apply                         run the planned invocations and record the results
  destroy                       delete every resource in the state (CRUD scope invokes with action "delete")
  show                          print the stored state
  import <name> <id>            adopt an existing invocation (id: function,qualifier,md5) without invoking
  import-terraform <tfstate>    copy every aws_lambda_invocation of a Terraform state file into this state

Options:
  --config <file>               config file (default: ./lambda-invocation.json)
  --state <file>                state file (default: lambda-invocation.state.json beside the config)
  --state-s3 s3://bucket/prefix keep the state in S3 instead
  --handlers <file>             module exporting a handler per function name (default: ./handlers.mjs beside the config)
  --aws                         invoke the real functions in AWS (the SDK's standard credentials)
  --region <region>             AWS region for --aws and --state-s3
  --timeout <seconds>           how long to wait for one invocation, local or --aws (default: 15 minutes
                                local, 16 with --aws); a resource's "timeout" in the config overrides it
  --target <name>               act on this resource only (repeatable)
  --concurrency <n>             resources applied at once (default: 1)
  --resolve <how>               resolve an interrupted step: retry, assume-done or forget
  --result <text>               with --resolve assume-done: the function's result, when known
  --auto-approve                apply, destroy: run without asking for approval
  --fleet                       apply: one of several runners on one --state-s3 state; a resource another
                                runner holds or did is left to it, not failed
  --show-payloads               show the exact payloads sent and the results
  --json                        print one JSON document for machines
  --detailed-exitcode           plan: exit 0 without changes, 2 with changes, 1 on error
  --no-color                    no colours (also: NO_COLOR set, or output not a terminal)
  -h, --help                    this help
  --version                     the version

Exit codes: 0 success, 1 error, 2 changes (plan --detailed-exitcode), 130 interrupted (Ctrl-C),
143 stopped by SIGTERM, 129 by SIGHUP.
`

/**
 * The options that say where and how a command runs (config, state, handlers,
 * AWS), as words: a command suggested to the user repeats them, so that it acts
 * on the same state and invokes the same functions.
 */
export const setupFlags = (a: CliArgs): string[] => [
  ...(a.config !== undefined ? ['--config', a.config] : []),
  ...(a.state._tag === 'S3' ? ['--state-s3', `s3://${a.state.bucket}/${a.state.prefix}`] : a.state.file !== undefined ? ['--state', a.state.file] : []),
  ...(a.handlers !== undefined ? ['--handlers', a.handlers] : []),
  ...(a.aws ? ['--aws'] : []),
  ...(a.region !== undefined ? ['--region', a.region] : []),
  ...(a.timeoutMs !== undefined ? ['--timeout', String(a.timeoutMs / 1000)] : []),
]

/** A usage error: the message says what is wrong. */
export interface UsageError {
  readonly _tag: 'UsageError'
  readonly message: string
}

const usage = (message: string): E.Either<UsageError, never> => E.left({ _tag: 'UsageError', message: `${message}\nRun 'lambda-invocation --help' for usage.` })

/** The known word nearest an unknown one, if any is near: the core's `closest`. */
type Suggest = (word: string, known: ReadonlyArray<string>) => string | undefined

/**
 * Parses `argv` (without the node and script paths). Never rejects. The
 * suggestion for an unknown command or option (the core's `closest`) is
 * imported only when a word is unknown, so that a command line without a
 * typo (`--version` first) loads none of the core.
 */
export const parseCliArgs = async (argv: ReadonlyArray<string>): Promise<E.Either<UsageError, CliArgs>> => {
  let wanted = false
  const parsed = parseWith(argv, () => {
    wanted = true
    return undefined
  })
  if (!wanted) return parsed
  const { closest } = await import('@lambda-invocation/core')
  return parseWith(argv, closest)
}

const parseWith = (argv: ReadonlyArray<string>, closest: Suggest): E.Either<UsageError, CliArgs> => {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (e) {
    return usage(explainParseError(e, closest))
  }
  const { values: v, positionals } = parsed
  const [first, ...operands] = positionals
  if (v.help !== true && v.version !== true && first === undefined) return usage(`no command given: name one of ${COMMANDS.slice(0, 6).join(', ')}`)
  const command: Command = v.help === true ? 'help' : v.version === true ? 'version' : (first as Command)
  if (!COMMANDS.includes(first as Command) && first !== undefined) {
    const guess = closest(first, COMMANDS)
    const expected = `one of ${COMMANDS.slice(0, 6).join(', ')}`
    return usage(`unknown command "${first}"${guess === undefined ? `; expected ${expected}` : `; did you mean "${guess}"? Expected ${expected}`}`)
  }
  const arity: Partial<Record<Command, [number, string]>> = {
    import: [2, 'import needs a resource name and an id: lambda-invocation import <name> <function,qualifier,md5>'],
    'import-terraform': [1, 'import-terraform needs the Terraform state file: lambda-invocation import-terraform <terraform.tfstate>'],
  }
  const [wanted, hint] = arity[command] ?? [0, `${command} takes no operands`]
  if (command !== 'help' && command !== 'version' && operands.length !== wanted)
    return usage(operands.length > wanted && wanted === 0 ? `${hint}; got "${operands.join(' ')}"` : hint)

  let concurrency = 1
  if (v.concurrency !== undefined) {
    if (!/^[1-9]\d*$/.test(v.concurrency) || Number(v.concurrency) > 64) return usage(`--concurrency must be a whole number from 1 to 64, got "${v.concurrency}"`)
    concurrency = Number(v.concurrency)
  }
  let timeoutMs: number | undefined
  if (v.timeout !== undefined) {
    // (Node's timers stop at 2^31 - 1 ms, about 24.8 days.)
    if (!/^\d+(\.\d+)?$/.test(v.timeout) || Number(v.timeout) <= 0 || Number(v.timeout) * 1000 > 2_147_483_647)
      return usage(`--timeout must be a number of seconds above 0 and at most 2147483, got "${v.timeout}"`)
    timeoutMs = Math.max(1, Math.round(Number(v.timeout) * 1000))
  }
  let resolution: Resolution | undefined
  switch (v.resolve) {
    case undefined:
      break
    case 'retry':
      resolution = { _tag: 'Retry' }
      break
    case 'forget':
      resolution = { _tag: 'Forget' }
      break
    case 'assume-done':
      resolution = v.result === undefined ? { _tag: 'AssumeDone' } : { _tag: 'AssumeDone', result: v.result }
      break
    default:
      return usage(`--resolve must be retry, assume-done or forget, got "${v.resolve}"`)
  }
  if (v.result !== undefined && v.resolve !== 'assume-done') return usage('--result goes with --resolve assume-done')
  if (v.resolve !== undefined && command !== 'apply' && command !== 'destroy') return usage('--resolve goes with apply or destroy')
  if (v['detailed-exitcode'] === true && command !== 'plan') return usage('--detailed-exitcode goes with plan')
  if (v.fleet === true && command !== 'apply') return usage('--fleet goes with apply')

  let state: StateLocation = { _tag: 'File', file: v.state }
  if (v['state-s3'] !== undefined) {
    if (v.state !== undefined) return usage('choose one of --state and --state-s3')
    const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(v['state-s3'])
    if (m === null) return usage(`--state-s3 must look like s3://bucket/prefix, got "${v['state-s3']}"`)
    // The prefix names a folder: `s3://b/env/dev` keeps records under `env/dev/`.
    const prefix = m[2] ?? ''
    state = { _tag: 'S3', bucket: m[1]!, prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` }
  }
  const targets = v.target ?? []
  for (const t of targets) if (t === '') return usage('--target needs a resource name')

  return E.right({
    command,
    operands,
    config: v.config,
    state,
    handlers: v.handlers,
    targets,
    aws: v.aws === true,
    region: v.region,
    timeoutMs,
    showPayloads: v['show-payloads'] === true,
    json: v.json === true,
    detailedExitcode: v['detailed-exitcode'] === true,
    concurrency,
    noColor: v['no-color'] === true,
    resolution,
    autoApprove: v['auto-approve'] === true,
    fleet: v.fleet === true,
  })
}

/** The options, for `parseArgs` and for suggestions. */
const OPTIONS = {
  config: { type: 'string' },
  state: { type: 'string' },
  'state-s3': { type: 'string' },
  handlers: { type: 'string' },
  aws: { type: 'boolean' },
  region: { type: 'string' },
  timeout: { type: 'string' },
  target: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  resolve: { type: 'string' },
  result: { type: 'string' },
  'show-payloads': { type: 'boolean' },
  'auto-approve': { type: 'boolean' },
  fleet: { type: 'boolean' },
  json: { type: 'boolean' },
  'detailed-exitcode': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

const parse = (argv: ReadonlyArray<string>) => parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS })

/** Node's `parseArgs` errors, said the way the rest of our messages are. */
const explainParseError = (e: unknown, closest: Suggest): string => {
  const message = e instanceof Error ? e.message : String(e)
  const unknown = /^Unknown option '([^']+)'/.exec(message)
  if (unknown !== null) {
    const option = unknown[1]!
    const guess = option.startsWith('--') ? closest(option.slice(2).split('=')[0]!, Object.keys(OPTIONS)) : undefined
    return `unknown option "${option}"${guess === undefined ? '' : `; did you mean --${guess}?`}`
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message)
  if (missing !== null) return `${missing[1]} needs a value`
  const ambiguous = /^Option '(?:-\w, )?(--[\w-]+)' argument is ambiguous/.exec(message)
  if (ambiguous !== null) return `${ambiguous[1]} needs a value, and is followed by another option; for a value that starts with "-", write ${ambiguous[1]}=-VALUE`
  const noValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message)
  if (noValue !== null) return `${noValue[1]} takes no value`
  return message.replace(/\. To specify a positional argument.*$/s, '.')
}
