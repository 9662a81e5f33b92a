/**
 * `apply` of N fresh resources and `plan` of N unchanged ones, run in this
 * process through `main` exactly as the command line runs them (config, file
 * state store, lock, engine, local no-op handler, rendering), as CPU time per
 * resource.
 */
import { rmSync } from 'node:fs'
import { main } from '../src/main.js'
import { measure, project, type Sample } from './measure.js'

const discard = { write: (): boolean => true }

/** Runs the command line in `cwd`, its output discarded; throws unless it exits with `expected`. */
export const run = async (cwd: string, argv: ReadonlyArray<string>, expected = 0): Promise<void> => {
  let err = ''
  const code = await main(argv, { stdout: discard, stderr: { write: (s: string) => (err += s) }, env: { NO_COLOR: '1' }, cwd })
  if (code !== expected) throw new Error(`lambda-invocation ${argv.join(' ')} exited ${code}: ${err}`)
}

/** `apply` of `n` fresh resources at `concurrency`, `runs` times (a new state each time): a sample per run. */
export const timeApply = async (n: number, concurrency: number, runs: number): Promise<Sample[]> => {
  const p = project(n)
  try {
    const samples: Sample[] = []
    for (let r = 0; r < runs; r++) {
      rmSync(p.stateFile, { force: true })
      rmSync(`${p.stateFile}.backup`, { force: true })
      samples.push(await measure(n, () => run(p.dir, ['apply', '--auto-approve', '--concurrency', String(concurrency)])))
    }
    return samples
  } finally {
    p.dispose()
  }
}

/** `plan` of `n` resources that are all applied and unchanged, `runs` times: a sample per run. */
export const timePlan = async (n: number, runs: number): Promise<Sample[]> => {
  const p = project(n)
  try {
    await run(p.dir, ['apply', '--auto-approve', '--concurrency', '64'])
    const samples: Sample[] = []
    // --detailed-exitcode: 0 says nothing is to change.
    for (let r = 0; r < runs; r++) samples.push(await measure(n, () => run(p.dir, ['plan', '--detailed-exitcode'])))
    return samples
  } finally {
    p.dispose()
  }
}
