import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

const src = (pkg: string, file: string): string =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url))

/**
 * Per-package Vitest settings. Workspace packages resolve to their sources, so
 * tests never run against a stale `dist/`.
 */
export const packageProject = (name: string, extra: { testTimeout?: number } = {}) =>
  defineProject({
    resolve: {
      alias: [
        { find: /^@lambda-invocation\/core$/, replacement: src('core', 'index.ts') },
        { find: /^@lambda-invocation\/core\/testing$/, replacement: src('core', 'testing/index.ts') },
        { find: /^@lambda-invocation\/core\/json$/, replacement: src('core', 'json/index.ts') },
        { find: /^@lambda-invocation\/memory-adapter$/, replacement: src('memory-adapter', 'index.ts') },
        { find: /^@lambda-invocation\/memory-adapter\/vitest$/, replacement: src('memory-adapter', 'vitest/index.ts') },
        { find: /^@lambda-invocation\/aws-adapter$/, replacement: src('aws-adapter', 'index.ts') },
      ],
    },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 20_000,
    },
  })
