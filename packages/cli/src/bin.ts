#!/usr/bin/env node
/**
 * The `lambda-invocation` executable: runs `main` on the real process. The
 * first Ctrl-C lets the invocation in flight finish and be recorded; a second
 * exits at once.
 */
import { main } from './main.js'

// The AWS SDK warns on every run that its future versions will need a newer
// Node: nothing a user of this command can act on. Its own switch turns it off.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true'

let interrupts = 0
const handlers = new Set<() => void>()
const cleanups = new Set<() => void>()
process.on('SIGINT', () => {
  interrupts++
  if (interrupts > 1 || handlers.size === 0) {
    if (handlers.size > 0) process.stderr.write('\nExiting now: a step in flight shows as interrupted on the next plan.\n')
    for (const c of cleanups) c()
    process.exit(130)
  }
  for (const h of handlers) h()
})

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
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
const flushed = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()))
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
process.exit(code)
