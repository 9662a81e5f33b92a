/**
 * `validate`: checks the config (every argument, as plan would) and, unless
 * --aws, that the handlers module loads and has a handler for every function
 * the config names. Opens no state and invokes nothing.
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { loadCheckedHandlers } from '../handlers/load.js'
import { coloursFor } from '../render/colour.js'
import { jsonCliError, jsonDocument } from '../render/json-output.js'
import { writeCliErrors } from '../render/report.js'
import type { CliArgs } from '../setup/args.js'
import type { CliError } from '../setup/cli-error.js'
import { DEFAULT_CONFIG_FILE, loadConfig, type Config } from '../setup/config.js'
import { handlersFile } from '../setup/invoker.js'
import type { CliIo } from '../setup/io.js'

/** The problems of the config and its handlers; none when valid. */
export const validateConfig = async (args: CliArgs, io: CliIo): Promise<ReadonlyArray<CliError>> => {
  const loaded = loadConfig(resolve(io.cwd, args.config ?? DEFAULT_CONFIG_FILE))
  if (E.isLeft(loaded)) return [loaded.left]
  if (args.aws) return []
  return handlerProblems(loaded.right, args, io)
}

const handlerProblems = async (config: Config, args: CliArgs, io: CliIo): Promise<ReadonlyArray<CliError>> => {
  const needed = [...config.resources].map(([key, r]) => ({ key, functionName: r.functionName }))
  if (needed.length === 0) return []
  const checked = await loadCheckedHandlers(handlersFile(args, io.cwd, config), needed)
  return E.isLeft(checked) ? [checked.left] : []
}

/** Runs `validate`; gives the exit code (0 valid, 1 with the problems). */
export const runValidate = async (args: CliArgs, io: CliIo): Promise<number> => {
  const problems = await validateConfig(args, io)
  if (args.json) io.stdout.write(jsonDocument({ command: 'validate', valid: problems.length === 0, errors: problems.map(jsonCliError) }))
  else if (problems.length === 0) io.stdout.write(`${coloursFor(io, args.noColor).out.green('The configuration is valid.')}\n`)
  else writeCliErrors({ io, err: coloursFor(io, args.noColor).err, args }, problems)
  return problems.length === 0 ? 0 : 1
}
