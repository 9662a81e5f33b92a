import type { Clock } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { waitOut } from '../src/deadline.js'
import { ManualClock } from '../src/manual-clock.js'

describe('waitOut', () => {
  it('waits on a ManualClock without moving it, even in auto-advance mode', async () => {
    const clock = new ManualClock({ start: 0 })
    let done = false
    void waitOut(clock, 1000, new AbortController().signal).then(() => (done = true))
    await new Promise((r) => setImmediate(r))
    expect([done, clock.now().getTime(), clock.sleeps]).toEqual([false, 0, []])
    clock.advance(1000)
    await new Promise((r) => setImmediate(r))
    expect(done).toBe(true)
  })

  it('sleeps on any other clock, and the signal ends the sleep', async () => {
    const asked: Array<[number, AbortSignal | undefined]> = []
    const clock: Clock = { now: () => new Date(0), sleep: (ms, signal) => (asked.push([ms, signal]), new Promise((r) => signal?.addEventListener('abort', () => r()))) }
    const stop = new AbortController()
    const waiting = waitOut(clock, 250, stop.signal)
    expect(asked).toEqual([[250, stop.signal]])
    stop.abort()
    await waiting
  })
})
