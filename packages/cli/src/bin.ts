#!/usr/bin/env node
/**
 * The `lambda-invocation` executable: runs `main` on the real process. The
 * first Ctrl-C lets the invocation in flight finish and be recorded; a second
 * exits at once.
 */
import { main } from './main.js'

let interrupts = 0
const handlers = new Set<() => void>()
process.on('SIGINT', () => {
  interrupts++
  if (interrupts > 1 || handlers.size === 0) process.exit(130)
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
})
process.exitCode = code
