/**
 * The command line, testable in-process: parses the arguments, sets up the
 * context (config, state, lock), runs the command and gives the exit code.
 * Nothing here calls `process.exit` or reads `process` directly.
 */
import { readFileSync } from 'node:fs'
import { isLeft } from 'fp-ts/lib/Either.js'
import { HELP, parseCliArgs, type CliArgs } from './args.js'
import { runApply } from './commands/apply.js'
import { runImport } from './commands/import.js'
import { runImportTerraform } from './commands/import-terraform.js'
import { runPlan } from './commands/plan.js'
import { reportFailure } from './commands/report.js'
import { runShow } from './commands/show.js'
import { coloursFor, failure, openContext, type CliIo } from './context.js'

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
  if (isLeft(parsed)) {
    const json = argv.includes('--json')
    return reportFailure({ io, err: coloursFor(io, argv.includes('--no-color')).err, args: { json } }, argv[0] ?? '', failure('UsageError', parsed.left.message))
  }
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
    return reportFailure({ io, err: coloursFor(io, args.noColor).err, args }, args.command, failure('InternalError', `unexpected failure (a bug; please report it): ${message}`))
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
  const opened = await openContext(args, io, { configRequired, lock: changes })
  if (isLeft(opened)) return reportFailure({ io, err: coloursFor(io, args.noColor).err, args }, args.command, opened.left)
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
