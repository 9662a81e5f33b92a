/**
 * Helpers for the end-to-end tests: the built binary run as a child process
 * in a temporary folder, and `main` run in-process with captured output.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll } from 'vitest'
import { main } from '../../src/main.js'

/** The built binary the e2e tests run. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url))

/** Fails with a clear message when the binary has not been built. */
export const requireBuiltBinary = (): void => {
  if (!existsSync(BIN))
    throw new Error(`The end-to-end tests run the built command line, and ${BIN} is missing: run \`pnpm build\` at the repository root first.`)
}

/** What a run of the command gave. */
export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the binary in `cwd` (colour off unless `env` says otherwise) and waits for it. */
export const runBin = (cwd: string, args: ReadonlyArray<string>, env: Record<string, string> = {}): Ran => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Starts the binary without waiting: for signals. */
export const startBin = (cwd: string, args: ReadonlyArray<string>) =>
  spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] })

/** Runs `main` in-process in `cwd`, capturing its output. */
export const runMain = async (cwd: string, args: ReadonlyArray<string>): Promise<Ran> => {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { NO_COLOR: '1' },
    cwd,
  })
  return { code, stdout, stderr }
}

/** A fresh temporary folder holding `files`. */
export const folder = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'li-e2e-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** Removes a folder made by `folder`. */
export const removeFolder = (dir: string): void => rmSync(dir, { recursive: true, force: true })

/** A config file's text for these resources. */
export const configText = (resources: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): string =>
  `${JSON.stringify({ ...extra, resources }, null, 2)}\n`

/** A handlers module whose functions append what they receive to `ran.log` (one JSON line each) and answer `{ ok: name }`. */
export const LOGGING_HANDLERS = `import { appendFileSync } from 'node:fs'
const log = (fn, event) => appendFileSync(new URL('./ran.log', import.meta.url), JSON.stringify({ fn, event }) + '\\n')
const delay = Number(process.env.HANDLER_DELAY_MS ?? 0)
const make = (fn) => async (event) => {
  if (delay > 0) await new Promise((r) => setTimeout(r, delay))
  log(fn, event)
  return { ok: event?.name ?? fn }
}
export const echo = make('echo')
export const other = make('other')
export const work = make('work')
`

/** The pid of a process that has already exited. */
export const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString())

/** Runs the binary without blocking this process (for tests that serve requests to it meanwhile). */
export const runBinAsync = (cwd: string, args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Ran> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })

/**
 * For a file of tests of the built binary: checks before its tests that the
 * binary is built, and gives `make`, which makes a fresh folder of `files`
 * that is removed after each test.
 */
export const useFolders = (): ((files: Record<string, string>) => string) => {
  let dirs: string[] = []
  beforeAll(() => requireBuiltBinary())
  afterEach(() => {
    for (const d of dirs) removeFolder(d)
    dirs = []
  })
  return (files) => {
    const dir = folder(files)
    dirs.push(dir)
    return dir
  }
}

/** One call a LOGGING_HANDLERS function logged: its name and the event it received. */
export interface LoggedCall {
  readonly fn: string
  readonly event: { readonly tf?: { readonly action: string; readonly prev_input?: unknown }; readonly name?: string; readonly [field: string]: unknown }
}

/** The calls LOGGING_HANDLERS logged in `dir`, in order (none when nothing ran). */
export const ranLog = (dir: string): LoggedCall[] =>
  existsSync(join(dir, 'ran.log'))
    ? readFileSync(join(dir, 'ran.log'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as LoggedCall)
    : []
