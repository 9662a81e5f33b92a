import { defineProject, mergeConfig } from 'vitest/config'
import { packageProject } from '../../vitest.shared.js'

// The global setup provides a moto server (MOTO_ENDPOINT, or one it starts)
// and fails the run when there is none: integration tests are never skipped.
export default mergeConfig(
  packageProject('aws-adapter'),
  defineProject({ test: { globalSetup: ['test/support/global-setup.ts'] } }),
)
