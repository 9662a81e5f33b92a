/**
 * Errors for people (stderr, `Error:` in red) or, with --json, as one JSON
 * document on stdout.
 */
import { formatEngineError, type EngineError } from '@lambda-invocation/core'
import type { CliFailure, CliIo } from '../context.js'
import type { Colours } from '../render/colour.js'
import { jsonDocument } from '../render/json-output.js'

/** Where and how failures are written. */
export interface Reporter {
  readonly io: CliIo
  readonly err: Colours
  readonly args: { readonly json: boolean }
}

const indent = (text: string): string => text.replace(/\n/g, '\n  ')

/** Writes a failure of the whole command and gives exit code 1. */
export const reportFailure = (r: Reporter, command: string, f: CliFailure): number => {
  if (r.args.json) {
    r.io.stdout.write(jsonDocument({ command, errors: [{ key: f.key ?? '', error: f.error, message: f.message }] }))
  } else {
    r.io.stderr.write(`${r.err.red(r.err.bold('Error:'))} ${indent(f.message)}\n`)
  }
  return 1
}

/** Writes engine errors for people, one block per resource. */
export const writeEngineErrors = (r: Reporter, errors: ReadonlyArray<EngineError>): void => {
  for (const e of errors) r.io.stderr.write(`${r.err.red(r.err.bold('Error:'))} ${r.err.bold(e.key)}: ${indent(formatEngineError(e))}\n`)
}
