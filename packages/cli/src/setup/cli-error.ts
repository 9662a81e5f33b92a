/**
 * Why a command failed as a whole: one tagged union, each variant holding what
 * its message is made of. `render/cli-error-text.ts` turns one into the text a
 * person reads; `--json` reports its `_tag`, and the exit code comes from the
 * table below. The tags are stable (the CLI README lists them).
 */
import type { EngineError, Problem } from '@lambda-invocation/core'

/** What an import found in the way: a state (its id), an interrupted step (its lifecycle), or some other record. */
export type HeldRecord =
  | { readonly _tag: 'State'; readonly id: string }
  | { readonly _tag: 'Intent'; readonly lifecycle: string }
  | { readonly _tag: 'Record' }

/** A failure of a whole command (one resource's failure is an `EngineError`). */
export type CliError =
  /** The command line is wrong; `message` says how, and points to --help. */
  | { readonly _tag: 'UsageError'; readonly message: string }
  /** A bug of this command; `message` is what was thrown (with its stack when asked for). */
  | { readonly _tag: 'InternalError'; readonly message: string }
  /** The config is missing, unreadable or invalid: one sentence per problem, each naming the file and where. */
  | { readonly _tag: 'ConfigError'; readonly messages: ReadonlyArray<string>; readonly problems: ReadonlyArray<Problem> }
  /** No AWS region anywhere, for the S3 state or for invoking `keys` with --aws. */
  | { readonly _tag: 'NoRegion'; readonly needed: '--state-s3' | '--aws'; readonly keys: ReadonlyArray<string> }
  /** The state cannot be opened (its folder is missing, the file is unreadable). */
  | { readonly _tag: 'StateUnavailable'; readonly message: string }
  /** The state file is not a valid state; the message names the backup. */
  | { readonly _tag: 'CorruptState'; readonly message: string }
  /** Another live process holds the state's lock. */
  | { readonly _tag: 'StateLocked'; readonly message: string }
  /** A lock left by a process that is gone; the message says how to remove it. */
  | { readonly _tag: 'StaleLock'; readonly message: string }
  /** The lock file cannot be made or read. */
  | { readonly _tag: 'LockError'; readonly message: string }
  /** The local handlers module cannot be loaded. */
  | { readonly _tag: 'MissingHandlers'; readonly message: string }
  /** A function to invoke has no handler in the module. */
  | { readonly _tag: 'MissingHandler'; readonly message: string }
  /** Names neither in the config nor in the state (`target`), or not in the config (`import`). */
  | {
      readonly _tag: 'UnknownResource'
      readonly names: ReadonlyArray<string>
      readonly known: ReadonlyArray<string>
      readonly configFile: string
      readonly given: 'target' | 'import'
    }
  /** An import's key already has a record in the state. */
  | {
      readonly _tag: 'AlreadyInState'
      readonly key: string
      readonly stateLabel: string
      readonly held: HeldRecord
      readonly command: 'import' | 'import-terraform' | 'state mv'
    }
  /** Names `output`, `state rm` or `state mv` was given that the state does not hold. */
  | {
      readonly _tag: 'NotInState'
      readonly names: ReadonlyArray<string>
      readonly known: ReadonlyArray<string>
      readonly stateLabel: string
      readonly command: 'output' | 'state rm' | 'state mv'
    }
  /** `output`: the resource is in the state without a current state (only a deposed one or an interrupted step), so it has no result. */
  | { readonly _tag: 'NoResult'; readonly key: string; readonly stateLabel: string }
  /** The state store failed outside any resource's plan or apply (listing it, an import's read or write). */
  | { readonly _tag: 'StoreFailed'; readonly key: string; readonly message: string }
  /** `apply` or `destroy` has work to do, cannot ask for approval (no terminal, or --json) and was not given `--auto-approve`. */
  | { readonly _tag: 'ApprovalRequired'; readonly command: 'apply' | 'destroy'; readonly why: 'no-terminal' | 'json' }
  /** `plan --out`: the plan file cannot be written; `why` says so in a phrase. */
  | { readonly _tag: 'PlanFileUnwritable'; readonly file: string; readonly why: string }
  /** `apply <file>`: the plan file cannot be read; `why` says so in a phrase. */
  | { readonly _tag: 'PlanFileUnreadable'; readonly file: string; readonly why: string }
  /** `apply <file>`: the file is not a plan saved by `plan --out` (corrupt, foreign, or of another format version). */
  | { readonly _tag: 'PlanFileInvalid'; readonly file: string; readonly detail: string }
  /** `apply <file>`: the config, the state or a record moved since the plan was saved (each in a phrase); nothing was invoked. */
  | { readonly _tag: 'StaleSavedPlan'; readonly file: string; readonly moved: ReadonlyArray<string> }
  /** Resources with an interrupted step, and no `--resolve` given. */
  | { readonly _tag: 'Interrupted'; readonly keys: ReadonlyArray<string> }
  /** The Terraform state file cannot be read; `why` says so in a phrase. */
  | { readonly _tag: 'TerraformStateUnreadable'; readonly file: string; readonly why: string }
  /** The Terraform state file is not one this command reads, or an instance in it is invalid. */
  | { readonly _tag: 'TerraformStateInvalid'; readonly file: string; readonly detail: string }
  /** The Terraform state holds no `aws_lambda_invocation`. */
  | { readonly _tag: 'NothingToImport'; readonly file: string }
  /** The Terraform state gives these keys more than once. */
  | { readonly _tag: 'DuplicateKey'; readonly file: string; readonly keys: ReadonlyArray<string> }

/** A tag of `--json`'s `error`: a command's failure or one resource's. */
export type ErrorTag = CliError['_tag'] | EngineError['_tag']

/** Every command failure and the exit code it gives (the README's table lists them, and says when each is given). */
export const CLI_ERRORS: { readonly [T in CliError['_tag']]: number } = {
  UsageError: 1,
  InternalError: 1,
  ConfigError: 1,
  NoRegion: 1,
  StateUnavailable: 1,
  CorruptState: 1,
  StateLocked: 1,
  StaleLock: 1,
  LockError: 1,
  MissingHandlers: 1,
  MissingHandler: 1,
  UnknownResource: 1,
  AlreadyInState: 1,
  NotInState: 1,
  NoResult: 1,
  StoreFailed: 1,
  ApprovalRequired: 1,
  PlanFileUnwritable: 1,
  PlanFileUnreadable: 1,
  PlanFileInvalid: 1,
  StaleSavedPlan: 1,
  Interrupted: 1,
  TerraformStateUnreadable: 1,
  TerraformStateInvalid: 1,
  NothingToImport: 1,
  DuplicateKey: 1,
}

/** Every failure of one resource, as the engine tags it, and the exit code the command then gives. */
export const ENGINE_ERRORS: { readonly [T in EngineError['_tag']]: number } = {
  InvalidInput: 1,
  Interrupted: 1,
  StalePlan: 1,
  InvokeFailed: 1,
  FunctionError: 1,
  StoreFailed: 1,
  // Ctrl-C: what was not started is not a failure, and the command exits as interrupted
  // (with the code of the signal that stopped it: 130 for Ctrl-C, 143 SIGTERM, 129 SIGHUP).
  Aborted: 130,
}

/** The exit code of a command failure. */
export const exitCodeOf = (e: CliError): number => CLI_ERRORS[e._tag]
