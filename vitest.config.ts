import { defineConfig } from 'vitest/config'

// CI sets VITEST_JSON_OUTPUT to get a machine-readable summary beside the usual output.
const jsonOutput = process.env.VITEST_JSON_OUTPUT

export default defineConfig({
  test: {
    projects: ['packages/*', 'test/packaging'],
    ...(jsonOutput ? { reporters: ['default', 'json'], outputFile: { json: jsonOutput } } : {}),
  },
})
