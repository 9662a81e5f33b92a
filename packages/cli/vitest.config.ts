import { defineProject, mergeConfig } from 'vitest/config'
import { packageProject } from '../../vitest.shared.js'

// The end-to-end and crash tests spawn many processes; run the files one at a
// time so they do not starve each other on a small machine (the unit files
// take a second or two in all). The moto-backed files (*.moto.test.ts: several
// runners on one S3 state) run against the AWS adapter's moto, as its own do.
export default mergeConfig(packageProject('cli', { moto: true }), defineProject({ test: { fileParallelism: false } }))
