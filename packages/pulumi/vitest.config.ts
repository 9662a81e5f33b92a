import { packageProject } from '../../vitest.shared.js'

// The moto-backed file (*.moto.test.ts) runs against moto (MOTO_ENDPOINT, or
// one the AWS adapter's global setup starts); without moto it is left out and
// named at the end of the run, except under CI. Pulumi's provider host starts
// once per test file, which takes a few seconds.
export default packageProject('pulumi', { moto: true, testTimeout: 30_000 })
