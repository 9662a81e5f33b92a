import { describe, expect, it } from 'vitest'
import { ManualClock } from '@lambda-invocation/memory-adapter'
import { deadlineSignal } from '../src/clock.js'

describe('deadlineSignal', () => {
  it('aborts and fires when its time has passed on the clock, not before', async () => {
    const clock = new ManualClock({ autoAdvance: false })
    const d = deadlineSignal(clock, 1000)
    let fired = false
    void d.fired.then(() => {
      fired = true
    })
    await new Promise((r) => setTimeout(r, 1))
    clock.advance(999)
    await new Promise((r) => setTimeout(r, 1))
    expect([d.signal.aborted, fired]).toEqual([false, false])
    clock.advance(1)
    await d.fired
    expect(d.signal.aborted).toBe(true)
  })

  it('stop ends the wait without aborting; no time means no deadline; a broken clock means none either', async () => {
    const clock = new ManualClock({ autoAdvance: false })
    const d = deadlineSignal(clock, 10)
    await new Promise((r) => setTimeout(r, 1))
    d.stop()
    expect(clock.pending).toBe(0)
    expect(d.signal.aborted).toBe(false)
    expect(deadlineSignal(clock, undefined).signal.aborted).toBe(false)
    const broken = deadlineSignal({ now: () => new Date(), sleep: () => Promise.reject(new Error('x')) }, 1)
    await new Promise((r) => setTimeout(r, 5))
    expect(broken.signal.aborted).toBe(false)
  })
})
