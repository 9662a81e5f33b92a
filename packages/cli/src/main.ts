/**
 * The command line, testable in-process: parses the arguments, runs the
 * command (`commands/run.ts`) and gives the exit code.
 * Nothing here calls `process.exit` or reads `process` directly.
 *
 * Only the arguments' parser is loaded up front: the rest (`commands/run.ts`:
 * the core, the store, the renderers, the commands) is imported when a
 * command needs it, so `--version` and `--help` start about as fast as Node.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { HELP, parseCliArgs, type CliArgs } from './setup/args.js'
import type { CliError } from './setup/cli-error.js'
import type { CliIo } from './setup/io.js'

/** Reports a failure of the whole command (loading the reporter only then); gives its exit code. */
const report = async (io: CliIo, args: { readonly json: boolean; readonly noColor: boolean }, command: string, e: CliError): Promise<number> =>
  (await import('./commands/run.js')).reportCommandFailure(io, args, command, e)

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
  const parsed = await parseCliArgs(argv)
  if (E.isLeft(parsed)) return report(io, { json: argv.includes('--json'), noColor: argv.includes('--no-color') }, argv[0] ?? '', parsed.left)
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
    return report(io, args, args.command, { _tag: 'InternalError', message: `unexpected failure (a bug; please report it): ${message}` })
  }
}

const run = async (args: CliArgs, io: CliIo): Promise<number> => {
  switch (args.command) {
    case 'help': {
      const topic = args.operands[0]
      if (topic === undefined) {
        io.stdout.write(HELP)
        return 0
      }
      // One command's help is made from the usage table, loaded only then.
      const { commandHelp } = await import('./setup/usage.js')
      const topics: ReadonlyArray<CliArgs['command']> = topic === 'state' ? ['state list', 'state rm', 'state mv'] : [topic as CliArgs['command']]
      io.stdout.write(topics.map(commandHelp).join('\n'))
      return 0
    }
    case 'version':
      io.stdout.write(`${version()}\n`)
      return 0
    case 'completion':
      // Run on every Tab: loads only the scripts and the usage table.
      return (await import('./commands/completion.js')).runCompletion(args, io)
    default:
      return (await import('./commands/run.js')).runCommand({ ...args, command: args.command }, io)
  }
}
