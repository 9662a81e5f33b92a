import { hostname } from 'node:os'
import type { Intent } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { heldLive, liveHolderTest, type LivenessContext } from '../../src/setup/holder-liveness.js'

const NOW = new Date('2026-01-01T12:00:00.000Z')
const intent = (over: Partial<Intent> = {}): Intent => ({
  action: 'create',
  lifecycle: 'create',
  functionName: 'f',
  qualifier: '$LATEST',
  payloadMd5: '0'.repeat(32),
  startedAt: '2026-01-01T11:59:00.000Z',
  holder: { id: 'other', host: 'elsewhere', pid: 42 },
  ...over,
})
const ctx = (over: Partial<LivenessContext> = {}): LivenessContext => ({ runner: { id: 'me' }, leaseMs: 120_000, exclusive: false, now: NOW, pidAlive: () => true, ...over })

describe('heldLive', () => {
  it('is true for another runner whose step started less than the lease ago', () => {
    expect(heldLive(intent(), ctx())).toBe(true)
  })

  it('is false past the lease, for this runner, without a holder, or under the state lock', () => {
    expect(heldLive(intent({ startedAt: '2026-01-01T11:58:00.000Z' }), ctx())).toBe(false)
    expect(heldLive(intent({ holder: { id: 'me' } }), ctx())).toBe(false)
    const { holder: _h, ...holderless } = intent()
    expect(heldLive(holderless, ctx())).toBe(false)
    expect(heldLive(intent(), ctx({ exclusive: true }))).toBe(false)
  })

  it('is false for a holder on this host whose pid is gone, and true while it runs; another host is not checked', () => {
    const here = intent({ holder: { id: 'other', host: hostname(), pid: 42 } })
    expect(heldLive(here, ctx({ pidAlive: (pid) => pid !== 42 }))).toBe(false)
    expect(heldLive(here, ctx({ pidAlive: () => true }))).toBe(true)
    expect(heldLive(intent(), ctx({ pidAlive: () => false }))).toBe(true)
  })

  it('asks the clock each time (liveHolderTest)', () => {
    let now = NOW
    const test = liveHolderTest({ runner: { id: 'me' }, leaseMs: 120_000, exclusive: false }, () => now)
    expect(test(intent())).toBe(true)
    now = new Date('2026-01-01T12:05:00.000Z')
    expect(test(intent())).toBe(false)
  })
})
