import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configDefaults, defineProject } from 'vitest/config'
import { findMotoPython, givenMotoEndpoint, motoRequired } from './packages/aws-adapter/test/support/find-moto.js'

const ROOT = fileURLToPath(new URL('.', import.meta.url))

/** The export condition under which every workspace package names its TypeScript sources (see docs/architecture.md, "Packaging"). */
const SOURCE_CONDITION = '@lambda-invocation/source'

/** How a test file says it needs moto. */
const MOTO_TEST = /\.moto\.test\.ts$/

const MOTO_SETUP = join(ROOT, 'packages/aws-adapter/test/support/global-setup.ts')
const MOTO_MISSING = join(ROOT, 'packages/aws-adapter/test/support/moto-missing.ts')

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]))

/**
 * The moto settings of a project with moto-backed tests (`*.moto.test.ts`).
 * With moto (`MOTO_ENDPOINT`, or a Python that has it) or under CI, the global
 * setup provides moto and fails the run when it cannot. Without moto outside
 * CI, those files are left out and a banner at the end of the run names them,
 * so that `pnpm test` passes on any machine with Node and says what it skipped.
 */
const motoSettings = (dir: string) => {
  if (givenMotoEndpoint() !== undefined || motoRequired() || findMotoPython() !== undefined) return { globalSetup: [MOTO_SETUP] }
  const skipped = filesUnder(join(dir, 'test')).filter((f) => MOTO_TEST.test(f))
  return {
    exclude: [...configDefaults.exclude, ...skipped.map((f) => relative(dir, f))],
    globalSetup: [MOTO_MISSING],
    provide: { motoSkipped: skipped.map((f) => relative(ROOT, f)) },
  }
}

/**
 * Per-package Vitest settings, for `packages/<name>`. Workspace packages
 * resolve to their sources, so tests never run against a stale `dist/`.
 * `moto: true` for a package with moto-backed tests.
 */
export const packageProject = (name: string, extra: { testTimeout?: number; moto?: boolean } = {}) =>
  defineProject({
    ssr: { resolve: { conditions: [SOURCE_CONDITION] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 20_000,
      ...(extra.moto === true ? motoSettings(join(ROOT, 'packages', name)) : {}),
    },
  })
