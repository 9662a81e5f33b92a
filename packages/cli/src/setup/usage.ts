/**
 * What each command takes, as data: its usage line, what it does and its
 * flags. Per-command help (`plan --help`, `help apply`) and the shell
 * completion scripts are made from this table, and a test holds it to the
 * parser's options, so a flag cannot be added without its help.
 */
import type { ParserOption } from './args.js'

/** A command as people type it (`state rm` is two words). */
export type CommandName =
  | 'plan'
  | 'apply'
  | 'destroy'
  | 'show'
  | 'validate'
  | 'output'
  | 'import'
  | 'import-terraform'
  | 'state list'
  | 'state rm'
  | 'state mv'
  | 'completion'
  | 'help'
  | 'version'

/** A long option of the parser, without its dashes: every one has its help below. */
export type OptionName = ParserOption
  | 'state-s3'
  | 'handlers'
  | 'aws'
  | 'region'
  | 'timeout'
  | 'target'
  | 'concurrency'
  | 'resolve'
  | 'result'
  | 'show-payloads'
  | 'auto-approve'
  | 'lock-timeout'
  | 'raw'
  | 'json'
  | 'detailed-exitcode'
  | 'no-color'
  | 'help'
  | 'version'

/** One option: its value's placeholder (none for a switch), and what it does. */
export interface OptionUsage {
  readonly value: string | undefined
  readonly text: string
  /** What completion offers for its value: resource names, files, or the words listed. */
  readonly complete?: 'resource' | 'file' | ReadonlyArray<string>
}

/** Every option, in the order help lists them. */
export const OPTION_USAGE: { readonly [O in OptionName]: OptionUsage } = {
  config: { value: '<file>', text: 'config file (default: ./lambda-invocation.json)', complete: 'file' },
  state: { value: '<file>', text: 'state file (default: lambda-invocation.state.json beside the config)', complete: 'file' },
  'state-s3': { value: 's3://bucket/prefix', text: 'keep the state in S3 instead' },
  handlers: { value: '<file>', text: 'module exporting a handler per function name (default: ./handlers.mjs beside the config)', complete: 'file' },
  aws: { value: undefined, text: "invoke the real functions in AWS (the SDK's standard credentials)" },
  region: { value: '<region>', text: 'AWS region for --aws and --state-s3' },
  timeout: { value: '<seconds>', text: 'how long to wait for one invocation, local or --aws (default: 15 minutes local, 16 with --aws); a resource\'s "timeout" overrides it' },
  target: { value: '<name>', text: 'act on this resource only (repeatable; the plan may then be incomplete)', complete: 'resource' },
  replace: { value: '<name>', text: 'plan, apply: run this resource of the config again, delete then create (repeatable)', complete: 'resource' },
  out: { value: '<file>', text: 'plan: save the plan for apply <file>; it holds the payloads, so it is written with mode 0600', complete: 'file' },
  concurrency: { value: '<n>', text: 'resources applied at once (default: 1)' },
  resolve: { value: '<how>', text: 'resolve an interrupted step: retry, assume-done or forget', complete: ['retry', 'assume-done', 'forget'] },
  result: { value: '<text>', text: "with --resolve assume-done: the function's result, when known" },
  'show-payloads': { value: undefined, text: 'show the exact payloads sent and the results' },
  'auto-approve': { value: undefined, text: 'apply, destroy: run without asking for approval' },
  fleet: { value: undefined, text: 'apply: one of several runners on one --state-s3 state; a resource another runner holds or did is left to it, not failed' },
  'lock-timeout': { value: '<duration>', text: 'wait this long for the state file lock (e.g. 30s, 2m; default 0: fail at once)' },
  raw: { value: undefined, text: "output: print one resource's result exactly as stored" },
  json: { value: undefined, text: 'print one JSON document for machines' },
  'detailed-exitcode': { value: undefined, text: 'plan: exit 0 without changes, 2 with changes, 1 on error' },
  'no-color': { value: undefined, text: 'no colours (also: NO_COLOR set, or output not a terminal)' },
  help: { value: undefined, text: 'this help' },
  version: { value: undefined, text: 'the version' },
}

/** One command: how it is called, what it does, and the flags it takes. */
export interface CommandUsage {
  /** The words after `lambda-invocation`, operands included. */
  readonly usage: string
  readonly summary: string
  /** More to say than the summary, in lines. */
  readonly details: ReadonlyArray<string>
  readonly options: ReadonlyArray<OptionName>
  /** What completion offers for its operands. */
  readonly operands?: 'resource' | 'file' | ReadonlyArray<string>
}

const WHERE: ReadonlyArray<OptionName> = ['config', 'state', 'state-s3', 'region']
const INVOKING: ReadonlyArray<OptionName> = ['handlers', 'aws', 'timeout']
const COMMON: ReadonlyArray<OptionName> = ['json', 'no-color', 'help']

/** Every command, in the order help lists them. */
export const COMMAND_USAGE: { readonly [C in CommandName]: CommandUsage } = {
  plan: {
    usage: 'plan',
    summary: 'show what apply would do',
    details: [
      'Plans every resource of the config and of the state; invokes nothing, takes no lock.',
      'With --out FILE the plan is saved for apply FILE (mode 0600: the file holds the payloads).',
    ],
    options: [...WHERE, 'handlers', 'aws', 'target', 'replace', 'out', 'resolve', 'result', 'show-payloads', 'detailed-exitcode', ...COMMON],
  },
  apply: {
    usage: 'apply [<planfile>]',
    summary: 'run the planned invocations and record the results',
    details: [
      'Prints the plan, asks for approval on a terminal (--auto-approve skips it; without a terminal it is required), then runs exactly that plan.',
      'With a plan file saved by plan --out, runs exactly that plan without asking, or refuses it, invoking nothing, if anything moved since.',
      'An interrupted step needs --resolve.',
    ],
    options: [...WHERE, ...INVOKING, 'target', 'replace', 'concurrency', 'fleet', 'resolve', 'result', 'auto-approve', 'lock-timeout', 'show-payloads', ...COMMON],
  },
  destroy: {
    usage: 'destroy',
    summary: 'delete every resource in the state (CRUD scope invokes with action "delete")',
    details: ['Like apply (asking for approval too), deleting every resource in the state (or the --targets).'],
    options: [...WHERE, ...INVOKING, 'target', 'concurrency', 'resolve', 'result', 'auto-approve', 'lock-timeout', 'show-payloads', ...COMMON],
  },
  show: {
    usage: 'show',
    summary: 'print the stored state',
    details: ['Results are hidden unless --show-payloads.'],
    options: [...WHERE, 'target', 'show-payloads', ...COMMON],
  },
  validate: {
    usage: 'validate',
    summary: 'check the config and that every function has a handler; touches no state',
    details: ['Exits 0 and prints "The configuration is valid.", or prints every problem and exits 1.', 'With --aws the handlers module is not checked.'],
    options: ['config', 'handlers', 'aws', ...COMMON],
  },
  output: {
    usage: 'output [name]',
    summary: "print the stored result of each resource (or of one)",
    details: ['--raw prints one result exactly as stored, without a newline; --json gives every result in one JSON object.'],
    options: [...WHERE, 'raw', ...COMMON],
    operands: 'resource',
  },
  import: {
    usage: 'import <name> <id>',
    summary: 'adopt an existing invocation (id: function,qualifier,md5) without invoking',
    details: [],
    options: [...WHERE, 'lock-timeout', 'show-payloads', ...COMMON],
    operands: 'resource',
  },
  'import-terraform': {
    usage: 'import-terraform <tfstate>',
    summary: 'copy every aws_lambda_invocation of a Terraform state file into this state',
    details: [],
    options: [...WHERE, 'lock-timeout', 'show-payloads', ...COMMON],
    operands: 'file',
  },
  'state list': {
    usage: 'state list',
    summary: 'print the names in the state, one per line',
    details: [],
    options: [...WHERE, ...COMMON],
  },
  'state rm': {
    usage: 'state rm <name>...',
    summary: 'forget resources without invoking anything (under the lock)',
    details: ['The next plan shows a create for a name still in the config.'],
    options: [...WHERE, 'lock-timeout', ...COMMON],
    operands: 'resource',
  },
  'state mv': {
    usage: 'state mv <old> <new>',
    summary: 'rename a resource in the state, without destroying or creating it (under the lock)',
    details: ['Refused when <old> is not in the state or <new> is.'],
    options: [...WHERE, 'lock-timeout', ...COMMON],
    operands: 'resource',
  },
  completion: {
    usage: 'completion <bash|zsh>',
    summary: 'print a shell completion script',
    details: ['bash: source <(lambda-invocation completion bash)', 'zsh:  source <(lambda-invocation completion zsh)'],
    options: ['help'],
    operands: ['bash', 'zsh'],
  },
  help: {
    usage: 'help [command]',
    summary: "print the help, or one command's",
    details: [],
    options: [],
    operands: ['plan', 'apply', 'destroy', 'show', 'validate', 'output', 'import', 'import-terraform', 'state', 'completion'],
  },
  version: { usage: 'version', summary: 'print the version', details: [], options: [] },
}

const optionWords = (o: OptionName): string => {
  const { value } = OPTION_USAGE[o]
  return `${o === 'help' ? '-h, --help' : `--${o}`}${value === undefined ? '' : ` ${value}`}`
}

/** The help of one command: its usage, what it does, and its flags with what each does. */
export const commandHelp = (command: CommandName): string => {
  const u = COMMAND_USAGE[command]
  const width = Math.max(30, ...u.options.map((o) => optionWords(o).length + 2))
  const lines = [`Usage: lambda-invocation ${u.usage}${u.options.length > 0 ? ' [options]' : ''}`, '', `${u.summary[0]!.toUpperCase()}${u.summary.slice(1)}.`]
  if (u.details.length > 0) lines.push('', ...u.details)
  if (u.options.length > 0) lines.push('', 'Options:', ...u.options.map((o) => `  ${optionWords(o).padEnd(width)}${OPTION_USAGE[o].text}`))
  return `${lines.join('\n')}\n`
}
