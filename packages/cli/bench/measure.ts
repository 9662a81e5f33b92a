/** What the CLI benchmarks share: medians, CPU time, a full GC between runs, and projects in temporary folders. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** The median of some numbers. */
export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

setFlagsFromString('--expose-gc')
/** A full collection, so that no run pays for the garbage of the one before. */
export const collect = runInNewContext('gc') as () => void

/** CPU time of this process (user + system, every thread), in microseconds. */
export const cpuNow = (): number => {
  const u = process.cpuUsage()
  return u.user + u.system
}

/** CPU and wall microseconds per item of one measured run. */
export interface Sample {
  readonly cpu: number
  readonly wall: number
}

/** Runs `body` after a full GC and gives its CPU and wall time per item, for `n` items. */
export const measure = async (n: number, body: () => Promise<void>): Promise<Sample> => {
  collect()
  const cpu0 = cpuNow()
  const wall0 = performance.now()
  await body()
  return { cpu: (cpuNow() - cpu0) / n, wall: ((performance.now() - wall0) * 1000) / n }
}

/** A handlers module with one function that does nothing. */
export const NOOP_HANDLERS = 'export const noop = async () => ({ ok: true })\n'

/** A config of `n` resources invoking `noop`, each with its own input. */
export const configOf = (n: number): string => {
  const resources: Record<string, unknown> = {}
  for (let i = 0; i < n; i++) resources[`r${String(i).padStart(6, '0')}`] = { functionName: 'noop', input: JSON.stringify({ i, name: `resource-${i}` }) }
  return JSON.stringify({ resources })
}

/** A temporary project folder with a config of `n` resources and the no-op handlers; `dispose` removes it. */
export const project = (n: number): { readonly dir: string; readonly stateFile: string; readonly dispose: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'li-cli-bench-'))
  writeFileSync(join(dir, 'lambda-invocation.json'), configOf(n))
  writeFileSync(join(dir, 'handlers.mjs'), NOOP_HANDLERS)
  return { dir, stateFile: join(dir, 'lambda-invocation.state.json'), dispose: () => rmSync(dir, { recursive: true, force: true }) }
}
