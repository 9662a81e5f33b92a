import { describe, expect, it } from 'vitest'
import { systemClock } from '../src/clock.js'

describe('systemClock', () => {
  it('tells the real time', () => {
    const before = Date.now()
    const now = systemClock.now().getTime()
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
  })

  it('sleeps at least the time asked', async () => {
    const start = Date.now()
    await systemClock.sleep(20)
    expect(Date.now() - start).toBeGreaterThanOrEqual(15)
  })

  it('ends a sleep when its signal aborts, and returns at once for an aborted signal', async () => {
    const controller = new AbortController()
    const start = Date.now()
    const sleeping = systemClock.sleep(60_000, controller.signal)
    setTimeout(() => controller.abort(), 5)
    await sleeping
    await systemClock.sleep(60_000, controller.signal)
    expect(Date.now() - start).toBeLessThan(5_000)
  })
})
