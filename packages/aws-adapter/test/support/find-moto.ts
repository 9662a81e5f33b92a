/**
 * Where moto (the AWS emulator the integration tests run against) is on this
 * machine. Read by the Vitest config, to decide whether the moto-backed test
 * files run, and by the global setup that starts it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** Pythons that might have moto: the machine image's pyenv versions first, then the one on PATH. */
export const candidatePythons = (): string[] => {
  const root = join(homedir(), '.pyenv', 'versions')
  const pyenv = existsSync(root)
    ? readdirSync(root)
        .map((v) => join(root, v, 'bin', 'python3'))
        .filter((p) => existsSync(p))
    : []
  return [...pyenv, 'python3']
}

/** The first candidate Python that can import `moto.server`, if any. */
export const findMotoPython = (): string | undefined =>
  candidatePythons().find((py) => spawnSync(py, ['-c', 'import moto.server'], { stdio: 'ignore', timeout: 30_000 }).status === 0)

/** `MOTO_ENDPOINT` when it is set (a moto server someone else runs, as `.ci/run` does). */
export const givenMotoEndpoint = (): string | undefined => {
  const given = process.env['MOTO_ENDPOINT']
  return given !== undefined && given !== '' ? given.replace(/\/+$/, '') : undefined
}

/**
 * Whether a missing moto fails the run rather than skipping the moto-backed
 * files: under CI (`CI` set, as CI services do, and not `false` or `0`) or
 * when `REQUIRE_MOTO=1` (which `.ci/run` sets).
 */
export const motoRequired = (): boolean => {
  const ci = process.env['CI']
  return (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') || process.env['REQUIRE_MOTO'] === '1'
}
