import { defineProject, mergeConfig } from 'vitest/config'
import { packageProject } from '../../vitest.shared.js'

// The AWS adapter's global setup provides a moto server (MOTO_ENDPOINT, or one
// it starts) and fails the run when there is none: the moto tests never skip.
// Pulumi's provider host starts once per test file, which takes a few seconds.
export default mergeConfig(
  packageProject('pulumi', { testTimeout: 30_000 }),
  defineProject({ test: { globalSetup: ['../aws-adapter/test/support/global-setup.ts'] } }),
)
