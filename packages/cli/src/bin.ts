#!/usr/bin/env node
/**
 * The `lambda-invocation` executable: runs `main` on the real process. The
 * first stop signal (Ctrl-C, SIGTERM, SIGHUP) lets the invocation in flight
 * finish and be recorded; a second exits at once.
 */
import { createInterface } from 'node:readline'
import { absurd } from 'fp-ts/lib/function.js'
import { routeEscapedError } from './handlers/guard.js'
import { main } from './main.js'
import { exitCodeOfSignal, signalName, STOP_SIGNALS, type StopSignal } from './setup/stop-signal.js'

// The AWS SDK warns on every run that its future versions will need a newer
// Node: nothing a user of this command can act on. Its own switch turns it off.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true'

let interrupts = 0
const handlers = new Set<(signal: StopSignal) => void>()
const cleanups = new Set<() => void>()
const onStop = (signal: StopSignal): void => {
  interrupts++
  if (interrupts > 1 || handlers.size === 0) {
    if (handlers.size > 0) process.stderr.write(`\nExiting now (${signalName(signal)} again): a step in flight shows as interrupted on the next plan.\n`)
    for (const c of cleanups) c()
    process.exit(exitCodeOfSignal(signal))
  }
  for (const h of handlers) h(signal)
}
for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) process.on(signal, () => onStop(signal))

const argv = process.argv.slice(2)

// With --json, stdout carries one JSON document and nothing else: what local
// handlers print (console.log, process.stdout.write) goes to stderr, as a
// Lambda function's output goes to its logs, not to its caller.
const writeStdout = process.stdout.write.bind(process.stdout) as (text: string, done?: () => void) => boolean
if (argv.includes('--json')) process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
const stdout = { write: (text: string) => writeStdout(text), isTTY: process.stdout.isTTY }

// An error a local handler raises outside its promise (a throw in a timer, a
// rejection it never awaits) fails that invocation, as Lambda's runtime does;
// anything else escaping is a bug of this command, reported without a trace.
const escaped = (error: unknown): void => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const r = routeEscapedError(error)
  switch (r._tag) {
    case 'Failed':
      return
    case 'Late':
      process.stderr.write(`Warning: the handler of ${r.functionName} raised an error after it had answered (ignored): ${text}\n`)
      return
    case 'Module':
      process.stderr.write(`Warning: the handlers module ${r.file} raised an error outside any handler (ignored): ${text}\n`)
      return
    case 'NotAHandler':
      process.stderr.write(`Error: unexpected failure (a bug; please report it): ${text}\n`)
      for (const c of cleanups) c()
      process.exit(1)
    default:
      absurd(r)
  }
}
process.on('uncaughtException', escaped)
process.on('unhandledRejection', escaped)

/** One line read from the terminal; Ctrl-C or the end of input answers empty (not "yes"). */
const ask = (question: string): Promise<string> =>
  new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
    let answered = false
    const done = (answer: string): void => {
      if (answered) return
      answered = true
      rl.close()
      resolve(answer)
    }
    rl.on('SIGINT', () => {
      writeStdout('\n')
      done('')
    })
    rl.on('close', () => done(''))
    rl.question(question, (answer) => done(answer))
  })

const code = await main(argv, {
  stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  ...(process.stdin.isTTY && process.stdout.isTTY ? { ask } : {}),
  onInterrupt: (h) => {
    handlers.add(h)
    return () => handlers.delete(h)
  },
  onForcedExit: (c) => {
    cleanups.add(c)
    return () => cleanups.delete(c)
  },
})
// Exit once the output is flushed, even if a handlers module left timers or
// sockets open (as a Lambda runtime would freeze them, this command is done).
await Promise.all([
  new Promise<void>((resolve) => writeStdout('', () => resolve())),
  new Promise<void>((resolve) => process.stderr.write('', () => resolve())),
])
process.exit(code)
