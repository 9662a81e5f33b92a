/**
 * Command-line arguments: the command, its operands and the flags, checked
 * with Node's `util.parseArgs`. Misuse is answered with a message that says
 * what is wrong and points to --help.
 */
import { parseArgs } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import type { Resolution } from '@lambda-invocation/core'
import type { CommandName } from './usage.js'

/** The commands (`state list`, `state rm`, `state mv`: two words). */
export type Command = CommandName

/** Where the state is kept: the file store (default) or S3. */
export type StateLocation = { readonly _tag: 'File'; readonly file: string | undefined } | { readonly _tag: 'S3'; readonly bucket: string; readonly prefix: string }

/** Parsed and checked arguments. */
export interface CliArgs {
  readonly command: Command
  /**
   * `import`: name and id; `import-terraform`: the state file; `apply`: a saved
   * plan file, if given; `output`: the
   * name, if any; `state rm`: the names; `state mv`: old and new; `completion`:
   * the shell; `help`: the command to describe, if any (`state rm` as one;
   * `state` for the three state commands).
   */
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
  /** `plan --out`: the file to save the plan in. */
  readonly out: string | undefined
  /** `--replace`: resources of the config to run again (delete, then create), as Terraform's `-replace`. */
  readonly replace: ReadonlyArray<string>
  /** `--lock-timeout`: how long to wait for the state file's lock, in milliseconds (0: refuse at once). */
  readonly lockTimeoutMs: number
  /** `--raw`: `output` prints one result exactly. */
  readonly raw: boolean
  /** `--fleet`: one of several runners applying one config; leave to another runner what it holds or did. */
  readonly fleet: boolean
}

/** The first word of each command (`state` takes a second). */
const WORDS: ReadonlyArray<string> = ['plan', 'apply', 'destroy', 'show', 'validate', 'output', 'import', 'import-terraform', 'state', 'completion', 'help', 'version']
const STATE_WORDS: ReadonlyArray<string> = ['list', 'rm', 'mv']
const SHELLS: ReadonlyArray<string> = ['bash', 'zsh']
const EXPECTED = `one of ${WORDS.slice(0, 10).join(', ')}`

/** The text of --help. */
export const HELP = `Usage: lambda-invocation <command> [options]

Plans, applies and destroys Lambda invocations named in a config file, with the
behaviour of Terraform's aws_lambda_invocation resource.

Commands:
  plan                          show what apply would do
  apply [<planfile>]            run the planned invocations and record the results (asks first
                                on a terminal); with a file saved by plan --out, run exactly
                                that plan without asking, or refuse it if anything moved since
  destroy                       delete every resource in the state (CRUD scope invokes with action
                                "delete"; asks first on a terminal)
  show                          print the stored state
  validate                      check the config and that every function has a handler; touches no state
  output [name]                 print the stored results (--raw: one exactly; --json: all)
  import <name> <id>            adopt an existing invocation (id: function,qualifier,md5) without invoking
  import-terraform <tfstate>    copy every aws_lambda_invocation of a Terraform state file into this state
  state list                    print the names in the state, one per line
  state rm <name>...            forget resources without invoking anything
  state mv <old> <new>          rename a resource in the state without destroying or creating it
  completion <bash|zsh>         print a shell completion script
  help [command]                this help, or one command's (also: <command> --help)
  version                       the version (also: --version)

Options:
  --config <file>               config file (default: ./lambda-invocation.json)
  --state <file>                state file (default: lambda-invocation.state.json beside the config)
  --state-s3 s3://bucket/prefix keep the state in S3 instead
  --handlers <file>             module exporting a handler per function name (default: ./handlers.mjs beside the config)
  --aws                         invoke the real functions in AWS (the SDK's standard credentials)
  --region <region>             AWS region for --aws and --state-s3
  --timeout <seconds>           how long to wait for one invocation, local or --aws (default: 15 minutes
                                local, 16 with --aws); a resource's "timeout" in the config overrides it
  --target <name>               act on this resource only (repeatable; the plan may then be incomplete)
  --replace <name>              plan, apply: run this resource of the config again, delete then
                                create (repeatable)
  --out <file>                  plan: save the plan for apply <file>; the file holds the payloads,
                                so it is written with mode 0600 (readable by you only)
  --concurrency <n>             resources applied at once (default: 1)
  --resolve <how>               resolve an interrupted step: retry, assume-done or forget
                                (apply, destroy, or plan --out to save the choice in the plan)
  --result <text>               with --resolve assume-done: the function's result, when known
  --auto-approve                apply, destroy: run without asking for approval (required
                                without a terminal, and with --json)
  --lock-timeout <duration>     wait this long for the state file lock (e.g. 30s, 2m; default 0: fail at once)
  --raw                         output: print one resource's result exactly as stored
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
  const [first, ...rest] = positionals
  if (v.help !== true && v.version !== true && first === undefined) return usage(`no command given: name ${EXPECTED}`)
  if (first !== undefined && !WORDS.includes(first)) {
    const guess = closest(first, WORDS)
    return usage(`unknown command "${first}"${guess === undefined ? `; expected ${EXPECTED}` : `; did you mean "${guess}"? Expected ${EXPECTED}`}`)
  }
  // `state` names its subcommand next.
  let named: Command | undefined = first as Command | undefined
  let operands = rest
  if (first === 'state') {
    const [sub, ...more] = rest
    if (sub === undefined || !STATE_WORDS.includes(sub)) {
      if (v.help === true && sub === undefined) return E.right(helpArgs(v, ['state']))
      const guess = sub === undefined ? undefined : closest(sub, STATE_WORDS)
      return usage(
        sub === undefined
          ? 'state needs a subcommand: list, rm or mv'
          : `unknown state subcommand "${sub}"${guess === undefined ? '' : `; did you mean "${guess}"?`} Expected list, rm or mv`,
      )
    }
    named = `state ${sub}` as Command
    operands = more
  }
  if (v.help === true || named === 'help') {
    // `help state rm` and `state rm --help` describe `state rm`; `--help` alone, the whole command.
    const topic = named === 'help' ? operands.join(' ') : named
    if (topic === undefined || topic === '' || topic === 'help') return E.right(helpArgs(v, []))
    if (!isHelpTopic(topic)) return usage(`help: unknown command "${topic}"; expected ${EXPECTED}`)
    return E.right(helpArgs(v, [topic]))
  }
  if (v.version === true) return E.right(helpArgs(v, [], 'version'))
  const command: Command = named!
  const arity: Partial<Record<Command, readonly [min: number, max: number, hint: string]>> = {
    import: [2, 2, 'import needs a resource name and an id: lambda-invocation import <name> <function,qualifier,md5>'],
    'import-terraform': [1, 1, 'import-terraform needs the Terraform state file: lambda-invocation import-terraform <terraform.tfstate>'],
    apply: [0, 1, 'apply takes at most one operand, a plan file saved by plan --out'],
    output: [0, 1, 'output takes at most one resource name: lambda-invocation output [name]'],
    'state rm': [1, Infinity, 'state rm needs the names to forget: lambda-invocation state rm <name>...'],
    'state mv': [2, 2, 'state mv needs the old and the new name: lambda-invocation state mv <old> <new>'],
    completion: [1, 1, 'completion needs the shell: lambda-invocation completion bash (or zsh)'],
  }
  const [min, max, hint] = arity[command] ?? [0, 0, `${command} takes no operands`]
  if (command !== 'version' && (operands.length < min || operands.length > max))
    return usage(operands.length > max && (max === 0 || command === 'apply') ? `${hint}; got "${operands.join(' ')}"` : hint)
  // (`completion resources` is what the scripts call for resource names.)
  if (command === 'completion' && !SHELLS.includes(operands[0]!) && operands[0] !== 'resources')
    return usage(`completion: unknown shell "${operands[0]}"; expected bash or zsh`)
  for (const name of command === 'state rm' || command === 'state mv' || command === 'output' ? operands : []) if (name === '') return usage(`${command} needs non-empty resource names`)
  if (command === 'state mv' && operands[0] === operands[1]) return usage(`state mv: the old and the new name are the same ("${operands[0]}")`)
  if (v.raw === true && command !== 'output') return usage('--raw goes with output')
  if (v.raw === true && operands.length !== 1) return usage('output --raw needs the resource name: lambda-invocation output --raw <name>')
  if (v.raw === true && v.json === true) return usage('choose one of --raw and --json')
  let lockTimeoutMs = 0
  if (v['lock-timeout'] !== undefined) {
    const ms = parseDuration(v['lock-timeout'])
    if (ms === undefined) return usage(`--lock-timeout must be a duration such as 0s, 500ms, 30s, 2m or 1h (at most 24h), got "${v['lock-timeout']}"`)
    lockTimeoutMs = ms
  }
  const planFile = command === 'apply' ? operands[0] : undefined

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
  if (v.resolve !== undefined && command !== 'apply' && command !== 'destroy' && !(command === 'plan' && v.out !== undefined))
    return usage('--resolve goes with apply, destroy or plan --out')
  if (v['detailed-exitcode'] === true && command !== 'plan') return usage('--detailed-exitcode goes with plan')
  if (v.fleet === true && command !== 'apply') return usage('--fleet goes with apply')
  // A fleet runner shows no plan (each resource is planned as it runs), so there is nothing to approve: it must be approved beforehand.
  if (v.fleet === true && v['auto-approve'] !== true)
    return usage('apply --fleet shows no plan to approve (each runner plans a resource as it reaches it): review the changes with plan, then run it with --auto-approve')

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
  const replace = v.replace ?? []
  for (const r of replace) if (r === '') return usage('--replace needs a resource name')
  if (replace.length > 0 && command !== 'plan' && command !== 'apply') return usage('--replace goes with plan or apply')
  if (v.out !== undefined && command !== 'plan') return usage('--out goes with plan (apply then takes the file: lambda-invocation apply <file>)')
  if (v.out === '') return usage('--out needs a file name')
  if (planFile !== undefined) {
    // The saved plan says what runs and how: these would change it.
    const fixed = [...(targets.length > 0 ? ['--target'] : []), ...(replace.length > 0 ? ['--replace'] : []), ...(v.resolve !== undefined ? ['--resolve'] : [])]
    if (fixed.length > 0) return usage(`${fixed.join(', ')} cannot go with a saved plan: the plan file fixes what runs; give ${fixed.length === 1 ? 'it' : 'them'} to plan --out instead`)
  }

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
    out: v.out,
    replace,
    lockTimeoutMs,
    raw: v.raw === true,
    fleet: v.fleet === true,
  })
}

/** A command `help` describes: a command's words (`state` alone for all three state commands). */
const isHelpTopic = (topic: string): boolean => {
  const [word, sub, ...more] = topic.split(' ')
  if (more.length > 0 || word === undefined) return false
  if (word === 'state') return sub === undefined || STATE_WORDS.includes(sub)
  return sub === undefined && WORDS.includes(word)
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** A duration (`500ms`, `30s`, `1.5m`, `2h`; a bare number is seconds) in milliseconds, at most a day; `undefined` when it is not one. */
export const parseDuration = (text: string): number | undefined => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text)
  if (m === null) return undefined
  const ms = Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 's']!)
  return ms <= 86_400_000 ? ms : undefined
}

type Values = ReturnType<typeof parse>['values']

/** The arguments of `help` (operands: the command to describe) or `version`: nothing else is read. */
const helpArgs = (v: Values, operands: ReadonlyArray<string>, command: 'help' | 'version' = 'help'): CliArgs => ({
  command,
  operands,
  config: undefined,
  state: { _tag: 'File', file: undefined },
  handlers: undefined,
  targets: [],
  aws: false,
  region: undefined,
  timeoutMs: undefined,
  showPayloads: false,
  json: v.json === true,
  detailedExitcode: false,
  concurrency: 1,
  noColor: v['no-color'] === true,
  resolution: undefined,
  autoApprove: false,
  out: undefined,
  replace: [],
  lockTimeoutMs: 0,
  raw: false,
  fleet: false,
})

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
  replace: { type: 'string', multiple: true },
  out: { type: 'string' },
  concurrency: { type: 'string' },
  resolve: { type: 'string' },
  result: { type: 'string' },
  'show-payloads': { type: 'boolean' },
  'auto-approve': { type: 'boolean' },
  'lock-timeout': { type: 'string' },
  raw: { type: 'boolean' },
  fleet: { type: 'boolean' },
  json: { type: 'boolean' },
  'detailed-exitcode': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

/** The parser's long options. */
export type ParserOption = keyof typeof OPTIONS

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
