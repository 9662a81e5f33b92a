/**
 * Running a parsed command: the context (config, state, lock) opened, the
 * command run, the lock released; and the report of a failure of the whole
 * command. `main` imports this only when a command runs, so that everything
 * it pulls in (the core, the store, the renderers, the commands) is not loaded
 * for `--version` or `--help`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import { coloursFor } from '../render/colour.js'
import { reportFailure } from '../render/report.js'
import type { CliArgs } from '../setup/args.js'
import type { CliError } from '../setup/cli-error.js'
import { openContext } from '../setup/context.js'
import type { CliIo } from '../setup/io.js'
import { runApply } from './apply.js'
import { runFleetApply } from './fleet-apply.js'
import { runImport } from './import.js'
import { runImportTerraform } from './import-terraform.js'
import { runOutput } from './output.js'
import { runPlan } from './plan.js'
import { runShow } from './show.js'
import { runStateList } from './state-list.js'
import { runStateMv } from './state-mv.js'
import { runStateRm } from './state-rm.js'
import { runValidate } from './validate.js'

/** Commands run from here: every one but help, version and completion (`main` runs those). */
export type ContextCommand = Exclude<CliArgs['command'], 'help' | 'version' | 'completion'>

/** Commands that read the state and take no lock. */
const READING: ReadonlyArray<ContextCommand> = ['plan', 'show', 'output', 'state list']

/** Writes a failure of the whole command; gives its exit code. */
export const reportCommandFailure = (io: CliIo, args: { readonly json: boolean; readonly noColor: boolean }, command: string, e: CliError): number =>
  reportFailure({ io, err: coloursFor(io, args.noColor).err, args }, command, e)

/** Opens the context `command` needs, runs it and gives its exit code; the lock, if taken, is released however it ends. */
export const runCommand = async (args: CliArgs & { readonly command: ContextCommand }, io: CliIo): Promise<number> => {
  // validate opens no state.
  if (args.command === 'validate') return runValidate(args, io)
  const changes = !READING.includes(args.command)
  const configRequired = args.command === 'plan' || args.command === 'apply' || args.command === 'import'
  const opened = await openContext(args, io, { configRequired, lock: changes })
  if (E.isLeft(opened)) return reportCommandFailure(io, args, args.command, opened.left)
  const ctx = opened.right
  try {
    switch (args.command) {
      case 'plan':
        return await runPlan(ctx)
      case 'apply':
        return await (args.fleet ? runFleetApply(ctx) : runApply(ctx, 'apply'))
      case 'destroy':
        return await runApply(ctx, 'destroy')
      case 'show':
        return await runShow(ctx)
      case 'import':
        return await runImport(ctx, args.operands[0]!, args.operands[1]!)
      case 'import-terraform':
        return await runImportTerraform(ctx, args.operands[0]!)
      case 'output':
        return await runOutput(ctx, args.operands[0])
      case 'state list':
        return await runStateList(ctx)
      case 'state rm':
        return await runStateRm(ctx, args.operands)
      case 'state mv':
        return await runStateMv(ctx, args.operands[0]!, args.operands[1]!)
      default:
        return absurd(args.command)
    }
  } finally {
    ctx.release()
  }
}
