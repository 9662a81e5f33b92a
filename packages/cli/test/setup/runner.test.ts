import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { leaseMsOf, makeRunner } from '../../src/setup/runner.js'

describe('makeRunner', () => {
  it('names this process: a random id, the host, the pid and when it started', () => {
    const at = new Date('2026-01-01T00:00:00.000Z')
    const a = makeRunner(at)
    expect(a).toEqual({ id: expect.stringMatching(/^[0-9a-f]{12}$/), host: hostname(), pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z' })
    expect(makeRunner(at).id).not.toBe(a.id)
  })
})

describe('leaseMsOf', () => {
  it("is the config's longest timeout (a resource's, --timeout, else 15 minutes) and a minute", () => {
    expect(leaseMsOf({ timeoutMs: undefined }, { timeoutsMs: new Map() })).toBe(16 * 60 * 1000)
    expect(leaseMsOf({ timeoutMs: 1000 }, { timeoutsMs: new Map() })).toBe(61_000)
    expect(leaseMsOf({ timeoutMs: 1000 }, { timeoutsMs: new Map([['a', 30_000]]) })).toBe(90_000)
  })
})
