/**
 * The global setup a project gets instead of `global-setup.ts` when moto is not
 * on this machine and not required (outside CI): its moto-backed test files are
 * left out of the run, and at the very end of the run, after Vitest's summary,
 * a banner names them and says how to run them. One banner for the whole run,
 * however many projects left files out.
 */
import type { TestProject } from 'vitest/node'
import { candidatePythons } from './find-moto.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The moto-backed test files this project left out, relative to the repository root (set by `vitest.shared.ts`). */
    motoSkipped: string[]
  }
}

// Every project's setup runs before any teardown (teardowns run when Vitest
// closes, after the summary), so the first teardown can print them all.
const SKIPPED = Symbol.for('lambda-invocation.moto-skipped')
type Registry = { [SKIPPED]?: string[] }
const registry = globalThis as Registry

/** The banner, framed so that it stands out after the summary. */
export const motoMissingBanner = (files: ReadonlyArray<string>, pythons: ReadonlyArray<string>): string => {
  const rule = '━'.repeat(78)
  return [
    rule,
    `  moto not found: ${files.length} moto-backed test file${files.length === 1 ? '' : 's'} did NOT run`,
    ...files.map((f) => `    ${f}`),
    '',
    '  moto is the AWS emulator the AWS adapter\'s integration tests run against.',
    `  MOTO_ENDPOINT is not set, and no Python here can import moto.server (tried ${pythons.join(', ')}).`,
    '  To run them: pip install "moto[server]" (for python3 or a pyenv Python),',
    '  or set MOTO_ENDPOINT to a running moto server, then run `pnpm test` again.',
    '  Under CI (CI=true, or REQUIRE_MOTO=1 as .ci/run sets) a missing moto fails the run.',
    rule,
  ].join('\n')
}

export default function setup(project: TestProject): () => void {
  const files = project.getProvidedContext().motoSkipped
  registry[SKIPPED] = [...(registry[SKIPPED] ?? []), ...files]
  return () => {
    const all = registry[SKIPPED] ?? []
    delete registry[SKIPPED]
    if (all.length === 0) return
    const text = motoMissingBanner(all, candidatePythons())
    // Yellow on a terminal (unless NO_COLOR), like Vitest's own warnings.
    const coloured = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined
    process.stdout.write(`\n${coloured ? `\x1b[33m${text}\x1b[39m` : text}\n\n`)
  }
}
