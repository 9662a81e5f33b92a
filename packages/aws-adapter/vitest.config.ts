import { packageProject } from '../../vitest.shared.js'

// The moto-backed files (*.moto.test.ts) run against moto (MOTO_ENDPOINT, or
// one the global setup starts). Without moto they are left out, and named at
// the end of the run, except under CI, where a missing moto fails the run.
export default packageProject('aws-adapter', { moto: true })
