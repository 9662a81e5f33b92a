import { afterEach, describe, expect, it } from 'vitest'
import { givenMotoEndpoint, motoRequired } from './find-moto.js'

// When a missing moto fails the run (CI) and when it only leaves the moto-backed files out.

const saved = { CI: process.env['CI'], REQUIRE_MOTO: process.env['REQUIRE_MOTO'], MOTO_ENDPOINT: process.env['MOTO_ENDPOINT'] }
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

const withEnv = (env: Record<string, string | undefined>): void => {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
}

describe('motoRequired', () => {
  it.each([
    [{ CI: undefined, REQUIRE_MOTO: undefined }, false],
    [{ CI: '', REQUIRE_MOTO: undefined }, false],
    [{ CI: 'false', REQUIRE_MOTO: undefined }, false],
    [{ CI: '0', REQUIRE_MOTO: undefined }, false],
    [{ CI: 'true', REQUIRE_MOTO: undefined }, true],
    [{ CI: '1', REQUIRE_MOTO: undefined }, true],
    [{ CI: undefined, REQUIRE_MOTO: '1' }, true],
    [{ CI: 'false', REQUIRE_MOTO: '1' }, true],
  ])('%o → %s', (env, required) => {
    withEnv(env)
    expect(motoRequired()).toBe(required)
  })
})

describe('givenMotoEndpoint', () => {
  it('is the variable without its trailing slashes, and undefined when unset or empty', () => {
    withEnv({ MOTO_ENDPOINT: 'http://127.0.0.1:5000//' })
    expect(givenMotoEndpoint()).toBe('http://127.0.0.1:5000')
    withEnv({ MOTO_ENDPOINT: '' })
    expect(givenMotoEndpoint()).toBeUndefined()
    withEnv({ MOTO_ENDPOINT: undefined })
    expect(givenMotoEndpoint()).toBeUndefined()
  })
})
