import type { Clock } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { waitOut } from '../src/deadline.js'
import { ManualClock } from '../src/manual-clock.js'

describe('waitOut', () => {
  it('waits on a ManualClock without moving it, even in auto-advance mode', async () => {
    const clock = new ManualClock({ start: 0 })
    let done = false
    const waiting = waitOut(clock, 1000)
    void waiting.done.then(() => (done = true))
    await new Promise((r) => setImmediate(r))
    expect([done, clock.now().getTime(), clock.sleeps]).toEqual([false, 0, []])
    clock.advance(1000)
    await new Promise((r) => setImmediate(r))
    expect(done).toBe(true)
  })

  it('forgets a cancelled wait on a ManualClock: it ends at once, and the time moving later wakes nothing', async () => {
    const clock = new ManualClock({ start: 0 })
    const waiting = waitOut(clock, 1000)
    waiting.cancel()
    await waiting.done
    expect(clock.now().getTime()).toBe(0)
  })

  it('sleeps on any other clock, and cancel aborts the sleep', async () => {
    const asked: Array<[number, AbortSignal | undefined]> = []
    const clock: Clock = { now: () => new Date(0), sleep: (ms, signal) => (asked.push([ms, signal]), new Promise((r) => signal?.addEventListener('abort', () => r()))) }
    const waiting = waitOut(clock, 250)
    expect(asked.map(([ms, signal]) => [ms, signal?.aborted])).toEqual([[250, false]])
    waiting.cancel()
    expect(asked[0]?.[1]?.aborted).toBe(true)
    await waiting.done
  })
})
