/**
 * Errors for people (stderr, `Error:` in red) or, with --json, as one JSON
 * document on stdout.
 */
import { formatEngineError, type EngineError } from '@lambda-invocation/core'
import { exitCodeOf, type CliError } from '../setup/cli-error.js'
import type { CliIo } from '../setup/io.js'
import { cliErrorText } from './cli-error-text.js'
import type { Colours } from './colour.js'
import { jsonCliError, jsonDocument } from './json-output.js'

/** Where and how failures are written. */
export interface Reporter {
  readonly io: CliIo
  readonly err: Colours
  readonly args: { readonly json: boolean; readonly showPayloads?: boolean }
}

const indent = (text: string): string => text.replace(/\n/g, '\n  ')

/** Writes a failure of the whole command and gives its exit code. */
export const reportFailure = (r: Reporter, command: string, e: CliError): number => {
  if (r.args.json) r.io.stdout.write(jsonDocument({ command, errors: [jsonCliError(e)] }))
  else writeCliErrors(r, [e])
  return exitCodeOf(e)
}

/** Writes command failures for people, one `Error:` block each. */
export const writeCliErrors = (r: Reporter, errors: ReadonlyArray<CliError>): void => {
  for (const e of errors) r.io.stderr.write(`${r.err.red(r.err.bold('Error:'))} ${indent(cliErrorText(e))}\n`)
}

/**
 * A function error's payload cut to what a person reads first (`errorType` and
 * `errorMessage` of a Node.js-style error, without the stack trace), unless
 * payloads are shown in full.
 */
export const briefEngineError = (e: EngineError, showPayloads: boolean): EngineError => {
  if (e._tag !== 'FunctionError' || showPayloads) return e
  try {
    const p = JSON.parse(e.payload) as unknown
    if (typeof p === 'object' && p !== null && 'errorMessage' in p && 'trace' in p) {
      const { errorType, errorMessage } = p as { errorType?: unknown; errorMessage?: unknown }
      return { ...e, payload: JSON.stringify({ errorType, errorMessage }) }
    }
  } catch {
    // not JSON: shown as it is
  }
  return e
}

/** Writes engine errors for people, one block per resource (each message names it; function error traces only with --show-payloads). */
export const writeEngineErrors = (r: Reporter, errors: ReadonlyArray<EngineError>): void => {
  for (const e of errors)
    r.io.stderr.write(`${r.err.red(r.err.bold('Error:'))} ${indent(formatEngineError(briefEngineError(e, r.args.showPayloads === true)))}\n`)
}
