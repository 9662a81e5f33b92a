import { defineProject } from 'vitest/config'

// The packages as published: packed, installed with npm in a temporary folder,
// and loaded from CommonJS, ESM and TypeScript. One npm install is shared by
// the file's checks; it and the two tsc runs take a while, hence the timeouts.
export default defineProject({
  test: {
    name: 'packaging',
    include: ['*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
})
