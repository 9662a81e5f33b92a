import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CallSignal } from '../src/call-signal.js'
import { Deadlines } from '../src/deadlines.js'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Deadlines', () => {
  it('aborts a call still in flight once the timeout has passed, within one tick, with its own reason', () => {
    const deadlines = new Deadlines(1000) // ticks every 100 ms
    const signal = new CallSignal()
    deadlines.start(signal)
    vi.advanceTimersByTime(999)
    expect(signal.aborted).toBe(false)
    vi.advanceTimersByTime(101)
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBe(deadlines.reason)
    expect(deadlines.reason.message).toBe('no response within 1000 ms')
  })

  it('leaves a settled call alone', () => {
    const deadlines = new Deadlines(200)
    const settled = new CallSignal()
    const pending = new CallSignal()
    deadlines.stop(deadlines.start(settled))
    deadlines.start(pending)
    vi.advanceTimersByTime(300)
    expect(settled.aborted).toBe(false)
    expect(pending.aborted).toBe(true)
  })

  it('serves calls started at different times, each by its own deadline', () => {
    const deadlines = new Deadlines(500)
    const early = new CallSignal()
    const late = new CallSignal()
    deadlines.start(early)
    vi.advanceTimersByTime(300)
    deadlines.start(late)
    vi.advanceTimersByTime(300)
    expect([early.aborted, late.aborted]).toEqual([true, false])
    vi.advanceTimersByTime(300)
    expect(late.aborted).toBe(true)
  })

  it('runs its timer only while calls are in flight', () => {
    const deadlines = new Deadlines(100)
    deadlines.stop(deadlines.start(new CallSignal()))
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(10)
    expect(vi.getTimerCount()).toBe(0)
    deadlines.start(new CallSignal())
    expect(vi.getTimerCount()).toBe(1)
  })
})
