import { defineProject } from 'vitest/config'

/** The export condition under which every workspace package names its TypeScript sources (see docs/architecture.md, "Packaging"). */
const SOURCE_CONDITION = '@lambda-invocation/source'

/**
 * Per-package Vitest settings. Workspace packages resolve to their sources, so
 * tests never run against a stale `dist/`.
 */
export const packageProject = (name: string, extra: { testTimeout?: number } = {}) =>
  defineProject({
    ssr: { resolve: { conditions: [SOURCE_CONDITION] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 20_000,
    },
  })
