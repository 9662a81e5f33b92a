/**
 * Running a parsed command: the context (config, state, lock) opened, the
 * command run, the lock released; and the report of a failure of the whole
 * command. `main` imports this only when a command runs, so that everything
 * it pulls in (the core, the store, the renderers, the commands) is not loaded
 * for `--version` or `--help`.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { CliArgs } from './args.js'
import { runApply } from './commands/apply.js'
import { runImport } from './commands/import.js'
import { runImportTerraform } from './commands/import-terraform.js'
import { runPlan } from './commands/plan.js'
import { reportFailure } from './commands/report.js'
import { runShow } from './commands/show.js'
import { coloursFor, openContext, type CliFailure, type CliIo } from './context.js'

/** Commands that need a context: every one but help and version. */
export type ContextCommand = Exclude<CliArgs['command'], 'help' | 'version'>

/** Writes a failure of the whole command; gives exit code 1. */
export const reportCommandFailure = (io: CliIo, args: { readonly json: boolean; readonly noColor: boolean }, command: string, f: CliFailure): number =>
  reportFailure({ io, err: coloursFor(io, args.noColor).err, args }, command, f)

/** Opens the context `command` needs, runs it and gives its exit code; the lock, if taken, is released however it ends. */
export const runCommand = async (args: CliArgs & { readonly command: ContextCommand }, io: CliIo): Promise<number> => {
  const changes = args.command !== 'plan' && args.command !== 'show'
  const configRequired = args.command === 'plan' || args.command === 'apply' || args.command === 'import'
  const opened = await openContext(args, io, { configRequired, lock: changes })
  if (E.isLeft(opened)) return reportCommandFailure(io, args, args.command, opened.left)
  const ctx = opened.right
  try {
    switch (args.command) {
      case 'plan':
        return await runPlan(ctx)
      case 'apply':
      case 'destroy':
        return await runApply(ctx, args.command)
      case 'show':
        return await runShow(ctx)
      case 'import':
        return await runImport(ctx, args.operands[0]!, args.operands[1]!)
      case 'import-terraform':
        return await runImportTerraform(ctx, args.operands[0]!)
    }
  } finally {
    ctx.release()
  }
}
