/**
 * The command's start: `lambda-invocation --version` and a `plan` of one
 * local resource, each run as a process of its own (the built binary), paired
 * with `node -e 0` run just before or after it (alternating), wall time. The
 * figure is the median of the per-pair ratios.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { median } from './measure.js'

/** The built command line, as users run it. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

const timeProcess = (argv: ReadonlyArray<string>, cwd: string): number => {
  const start = performance.now()
  const r = spawnSync(process.execPath, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  const ms = performance.now() - start
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr.toString()}`)
  return ms
}

/** Medians of `pairs` paired runs of the command line with `argv` and of `node -e 0`: each side's ms, and the median ratio. */
export const timeStart = (argv: ReadonlyArray<string>, cwd: string, pairs: number): { readonly ms: number; readonly baselineMs: number; readonly ratio: number } => {
  if (!existsSync(BIN)) throw new Error(`the start-up bench runs the built command line, and ${BIN} is missing: run \`pnpm build\` first`)
  const ms: number[] = []
  const base: number[] = []
  const ratios: number[] = []
  const command = [BIN, ...argv]
  for (let i = 0; i < pairs + 3; i++) {
    let a: number
    let b: number
    if (i % 2 === 0) {
      a = timeProcess(['-e', '0'], cwd)
      b = timeProcess(command, cwd)
    } else {
      b = timeProcess(command, cwd)
      a = timeProcess(['-e', '0'], cwd)
    }
    // The first few pairs warm the file cache.
    if (i < 3) continue
    base.push(a)
    ms.push(b)
    ratios.push(b / a)
  }
  return { ms: median(ms), baselineMs: median(base), ratio: median(ratios) }
}
