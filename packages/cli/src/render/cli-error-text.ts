/**
 * A command failure as people read it, and the resource it is about (the
 * `key` of its `--json` error): one switch over the union.
 */
import { absurd } from 'fp-ts/lib/function.js'
import { closest } from '@lambda-invocation/core'
import type { CliError, HeldRecord } from '../setup/cli-error.js'

const list = (names: ReadonlyArray<string>): string => names.map((n) => `"${n}"`).join(', ')

/** ` (did you mean "x"?)` for the known name nearest a mistyped one, or nothing. */
const suggestion = (name: string, known: ReadonlyArray<string>): string => {
  const near = closest(name, known)
  return near === undefined ? '' : ` (did you mean "${near}"?)`
}

const held = (h: HeldRecord, stateLabel: string): string => {
  switch (h._tag) {
    case 'State':
      return `is already in the state (${stateLabel}) [id=${h.id}]`
    case 'Intent':
      return `has an interrupted ${h.lifecycle} in the state (${stateLabel}); run plan to see it`
    case 'Record':
      return `already has a record in the state (${stateLabel})`
    default:
      return absurd(h)
  }
}

/** A command failure as `--json` and people see it: the resource it is about (empty: the whole command) and its message. */
export interface DescribedError {
  readonly key: string
  readonly message: string
}

const whole = (message: string): DescribedError => ({ key: '', message })

/** The resource a command failure is about and its message: what is wrong and what to do. */
export const describeCliError = (e: CliError): DescribedError => {
  switch (e._tag) {
    case 'UsageError':
    case 'InternalError':
    case 'StateUnavailable':
    case 'CorruptState':
    case 'StateLocked':
    case 'StaleLock':
    case 'LockError':
    case 'MissingHandlers':
    case 'MissingHandler':
      return whole(e.message)
    case 'StoreFailed':
      return { key: e.key, message: e.message }
    case 'ConfigError':
      return whole(e.messages.join('\n'))
    case 'NoRegion':
      return whole(
        e.needed === '--state-s3'
          ? `--state-s3 needs the bucket's AWS region: pass --region, set AWS_REGION, or give your AWS profile a region`
          : `--aws needs an AWS region for ${list(e.keys)}: pass --region, set AWS_REGION, or give your AWS profile a region (or set "region" on the resource)`,
      )
    case 'UnknownResource': {
      const known = [...e.known].sort()
      if (e.given === 'import')
        return {
          key: e.names[0] ?? '',
          message:
            `unknown resource "${e.names.join('", "')}"${e.names.length === 1 ? suggestion(e.names[0]!, known) : ''}: add it to ${e.configFile} with its arguments first (import takes them from there)` +
            (known.length > 0 ? `. Known resources: ${known.join(', ')}.` : '.'),
        }
      return whole(
        `${e.names.map((t) => `unknown resource "${t}"${suggestion(t, known)}`).join(', ')} given to --target: not in the config (${e.configFile}) nor in the state. ` +
          (known.length === 0 ? 'There are no resources yet.' : `Known resources: ${known.join(', ')}.`),
      )
    }
    case 'AlreadyInState':
      return {
        key: e.key,
        message:
          e.command === 'import'
            ? `"${e.key}" ${held(e.held, e.stateLabel)}; nothing was imported. Import adopts a resource the state does not hold: destroy it first, or import under another name.`
            : e.command === 'state mv'
              ? `"${e.key}" ${held(e.held, e.stateLabel)}; nothing was moved. Choose another name, or forget that one first (state rm).`
              : `"${e.key}" ${held(e.held, e.stateLabel)}; nothing was imported. Destroy it or remove it from the state first.`,
      }
    case 'NotInState': {
      const known = [...e.known].sort()
      const done = e.command === 'state rm' ? ' Nothing was removed.' : e.command === 'state mv' ? ' Nothing was moved.' : ''
      return {
        key: e.names[0] ?? '',
        message:
          `${e.names.map((n) => `"${n}"`).join(', ')} ${e.names.length === 1 ? 'is' : 'are'} not in the state (${e.stateLabel}).${done} ` +
          (known.length === 0 ? 'The state holds no resources.' : `It holds: ${known.join(', ')}.`),
      }
    }
    case 'NoResult':
      return {
        key: e.key,
        message: `"${e.key}" has no current state in ${e.stateLabel} (only a deposed state or an interrupted step), so no result: run plan to see it`,
      }
    case 'Interrupted':
      return {
        key: e.keys[0] ?? '',
        message: `${e.keys.join(', ')} ${e.keys.length === 1 ? 'has' : 'have'} an interrupted step: choose how to resolve it with --resolve retry, assume-done or forget (see the plan above)`,
      }
    case 'ApprovalRequired':
      return whole(
        e.why === 'json'
          ? `${e.command} --json does not ask for approval: add --auto-approve to run it; nothing was invoked`
          : `${e.command} asks for approval before it runs, and there is no terminal to ask on (stdin and stdout are not both a terminal): add --auto-approve to run it without asking; nothing was invoked`,
      )
    case 'PlanFileUnwritable':
      return whole(`cannot write the plan file ${e.file}: ${e.why}; no plan was saved`)
    case 'PlanFileUnreadable':
      return whole(`cannot read the plan file ${e.file}: ${e.why}`)
    case 'PlanFileInvalid':
      return whole(`${e.file} is not a plan saved by lambda-invocation plan --out: ${e.detail}; nothing was invoked`)
    case 'StaleSavedPlan':
      return whole(`the plan is stale: ${e.moved.join('; ')}, run plan again (the plan file ${e.file}; nothing was invoked)`)
    case 'TerraformStateUnreadable':
      return whole(`cannot read the Terraform state ${e.file}: ${e.why}`)
    case 'TerraformStateInvalid':
      return whole(`${e.file}: ${e.detail}`)
    case 'NothingToImport':
      return whole(`${e.file} has no aws_lambda_invocation resources`)
    case 'DuplicateKey':
      return whole(`${e.file} gives the same key more than once: ${e.keys.join(', ')}`)
    default:
      return absurd(e)
  }
}

/** The message of a command failure. */
export const cliErrorText = (e: CliError): string => describeCliError(e).message
