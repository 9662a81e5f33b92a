import { defineProject, mergeConfig } from 'vitest/config'
import { packageProject } from '../../vitest.shared.js'

// The global setup bundles the handler asset from the sources before any test runs.
export default mergeConfig(packageProject('cloudformation'), defineProject({ test: { globalSetup: ['test/support/global-setup.ts'] } }))
