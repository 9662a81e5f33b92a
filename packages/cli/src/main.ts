/**
 * The command line, testable in-process: parses the arguments, sets up the
 * context (config, state, lock), runs the command and gives the exit code.
 * Nothing here calls `process.exit` or reads `process` directly.
 *
 * Only the arguments' parser is loaded up front: the rest (the core, the
 * store, the renderers, a command's own code) is imported when a command
 * needs it, so `--version` and `--help` start as fast as Node does.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { HELP, parseCliArgs, type CliArgs } from './args.js'
import type { CliFailure, CliIo } from './context.js'

/** Reports a failure of the whole command (loading the reporter only then); gives exit code 1. */
const report = async (io: CliIo, args: { readonly json: boolean; readonly noColor: boolean }, command: string, f: CliFailure): Promise<number> => {
  const [{ reportFailure }, { coloursFor }] = await Promise.all([import('./commands/report.js'), import('./context.js')])
  return reportFailure({ io, err: coloursFor(io, args.noColor).err, args }, command, f)
}

const version = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }
    return pkg.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Runs the command line `argv` (without node and the script) against `io`; resolves to the exit code. Never rejects. */
export const main = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const parsed = parseCliArgs(argv)
  if (E.isLeft(parsed)) return report(io, { json: argv.includes('--json'), noColor: argv.includes('--no-color') }, argv[0] ?? '', { error: 'UsageError', message: parsed.left.message })
  const args = parsed.right
  try {
    return await run(args, io)
  } catch (e) {
    // A bug, not a user error: say so plainly rather than crash with a trace
    // (the trace only when asked for, to put in the report).
    const debug = (io.env['LAMBDA_INVOCATION_DEBUG'] ?? '') !== ''
    const message =
      e instanceof Error
        ? debug
          ? (e.stack ?? e.message)
          : `${e.message} (set LAMBDA_INVOCATION_DEBUG=1 to include the stack trace in the report)`
        : String(e)
    return report(io, args, args.command, { error: 'InternalError', message: `unexpected failure (a bug; please report it): ${message}` })
  }
}

const run = async (args: CliArgs, io: CliIo): Promise<number> => {
  switch (args.command) {
    case 'help':
      io.stdout.write(HELP)
      return 0
    case 'version':
      io.stdout.write(`${version()}\n`)
      return 0
    default:
      break
  }
  const changes = args.command !== 'plan' && args.command !== 'show'
  const configRequired = args.command === 'plan' || args.command === 'apply' || args.command === 'import'
  const { openContext } = await import('./context.js')
  const opened = await openContext(args, io, { configRequired, lock: changes })
  if (E.isLeft(opened)) return report(io, args, args.command, opened.left)
  const ctx = opened.right
  try {
    switch (args.command) {
      case 'plan':
        return await (await import('./commands/plan.js')).runPlan(ctx)
      case 'apply':
      case 'destroy':
        return await (await import('./commands/apply.js')).runApply(ctx, args.command)
      case 'show':
        return await (await import('./commands/show.js')).runShow(ctx)
      case 'import':
        return await (await import('./commands/import.js')).runImport(ctx, args.operands[0]!, args.operands[1]!)
      case 'import-terraform':
        return await (await import('./commands/import-terraform.js')).runImportTerraform(ctx, args.operands[0]!)
    }
  } finally {
    ctx.release()
  }
}
