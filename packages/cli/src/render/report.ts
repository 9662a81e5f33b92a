/**
 * Errors for people (stderr, `Error:` in red) or, with --json, as one JSON
 * document on stdout.
 */
import { formatEngineError, type EngineError } from '@lambda-invocation/core'
import { exitCodeOf, type CliError } from '../setup/cli-error.js'
import type { CliIo } from '../setup/io.js'
import { cliErrorText } from './cli-error-text.js'
import type { Colours } from './colour.js'
import { functionErrorText } from './function-error.js'
import { jsonCliError, jsonCommand, jsonDocument } from './json-output.js'

/** Where and how failures are written. */
export interface Reporter {
  readonly io: CliIo
  readonly err: Colours
  readonly args: { readonly json: boolean; readonly showPayloads?: boolean }
}

const indent = (text: string): string => text.replace(/\n/g, '\n  ')

/** Writes a failure of the whole command (`command`: the command line's first word) and gives its exit code. */
export const reportFailure = (r: Reporter, command: string, e: CliError): number => {
  if (r.args.json) r.io.stdout.write(jsonDocument({ command: jsonCommand(command), errors: [jsonCliError(e)] }))
  else writeCliErrors(r, [e])
  return exitCodeOf(e)
}

/** Writes command failures for people, one `Error:` block each. */
export const writeCliErrors = (r: Reporter, errors: ReadonlyArray<CliError>): void => {
  for (const e of errors) r.io.stderr.write(`${r.err.red(r.err.bold('Error:'))} ${indent(cliErrorText(e))}\n`)
}

/** An engine error's text for people: a function error with its error and trace one frame a line, the others as the core words them. */
export const engineErrorText = (e: EngineError, c: Colours, showPayloads = false): string =>
  e._tag === 'FunctionError' ? functionErrorText(e, c, showPayloads) : formatEngineError(e)

/** Writes engine errors for people, one block per resource (each message names it; a function error's raw payload only with --show-payloads). */
export const writeEngineErrors = (r: Reporter, errors: ReadonlyArray<EngineError>): void => {
  for (const e of errors) r.io.stderr.write(`${r.err.red(r.err.bold('Error:'))} ${indent(engineErrorText(e, r.err, r.args.showPayloads === true))}\n`)
}
