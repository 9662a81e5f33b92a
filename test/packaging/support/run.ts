/** Runs a command in a child process and collects what it printed. */
import { spawn } from 'node:child_process'

/** What a child process gave. */
export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * The environment for the children: this one without what pnpm and Vitest set
 * for their own scripts (`npm_config_*` of pnpm's, `NODE_OPTIONS`), so that npm,
 * node and tsc behave as in a user's shell. A registry or cache chosen through
 * the environment is kept.
 */
export const userEnv = (): NodeJS.ProcessEnv => {
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig'])
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => keep.has(k) || !(/^(npm|pnpm)_/i.test(k) || k === 'NODE_OPTIONS' || k === 'VITEST' || k.startsWith('VITEST_'))),
  )
}

/** Runs `command args` in `cwd` and waits for it; never rejects on a non-zero exit (the caller asserts on `code`). */
export const run = (command: string, args: ReadonlyArray<string>, cwd: string, timeoutMs = 300_000): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

/** Like `run`, but rejects with the command's output when it exits non-zero. */
export const runOk = async (command: string, args: ReadonlyArray<string>, cwd: string, timeoutMs?: number): Promise<Ran> => {
  const r = await run(command, args, cwd, timeoutMs)
  if (r.code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited with ${r.code}:\n${r.stdout}\n${r.stderr}`.trim())
  return r
}
