import { describe, expect, it } from 'vitest'
import { ManualClock } from '../src/manual-clock.js'

describe('ManualClock', () => {
  it('starts at the given time and moves only when told', () => {
    const clock = new ManualClock({ start: '2030-05-06T07:08:09.000Z' })
    expect(clock.now().toISOString()).toBe('2030-05-06T07:08:09.000Z')
    clock.advance(1500)
    expect(clock.now().toISOString()).toBe('2030-05-06T07:08:10.500Z')
    clock.set('2000-01-01T00:00:00.000Z')
    expect(clock.now().toISOString()).toBe('2030-05-06T07:08:10.500Z')
  })

  it('auto-advance (default): a sleep resolves at once and moves the time by its length, and is recorded', async () => {
    const clock = new ManualClock({ start: 0 })
    await clock.sleep(200)
    await clock.sleep(400)
    expect(clock.now().getTime()).toBe(600)
    expect(clock.sleeps).toEqual([200, 400])
  })

  it('manual mode: a sleep waits until the time reaches its end', async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: false })
    const woke: number[] = []
    void clock.sleep(100).then(() => woke.push(100))
    void clock.sleep(300).then(() => woke.push(300))
    expect(clock.pending).toBe(2)
    clock.advance(99)
    await Promise.resolve()
    expect(woke).toEqual([])
    clock.advance(1)
    await new Promise((r) => setImmediate(r))
    expect(woke).toEqual([100])
    clock.advance(500)
    await new Promise((r) => setImmediate(r))
    expect(woke).toEqual([100, 300])
    expect(clock.pending).toBe(0)
  })

  it('manual mode: aborting a sleep resolves it without moving the time', async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: false })
    const controller = new AbortController()
    const sleeping = clock.sleep(10_000, controller.signal)
    controller.abort()
    await sleeping
    expect(clock.pending).toBe(0)
    expect(clock.now().getTime()).toBe(0)
  })
})

describe('ManualClock.waitFor', () => {
  const flush = () => new Promise((r) => setImmediate(r))

  it('never moves the time, is not a sleep, and ends when the time reaches it by advance or by another sleep', async () => {
    const clock = new ManualClock({ start: 0 })
    const woke: string[] = []
    void clock.waitFor(300).done.then(() => woke.push('300'))
    void clock.waitFor(1000).done.then(() => woke.push('1000'))
    await flush()
    expect([woke, clock.now().getTime(), clock.sleeps, clock.pending]).toEqual([[], 0, [], 0])
    await clock.sleep(500) // auto-advance: this sleep moves the time, and ends the first wait
    await flush()
    expect(woke).toEqual(['300'])
    clock.advance(499)
    await flush()
    expect(woke).toEqual(['300'])
    clock.advance(1)
    await flush()
    expect(woke).toEqual(['300', '1000'])
  })

  it('in manual mode too; a cancelled wait ends at once, and a wait of 0 or less at once', async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: false })
    const woke: string[] = []
    const cancelled = clock.waitFor(100)
    void cancelled.done.then(() => woke.push('cancelled'))
    void clock.waitFor(0).done.then(() => woke.push('zero'))
    cancelled.cancel()
    await flush()
    expect(woke.sort()).toEqual(['cancelled', 'zero'])
    expect(clock.now().getTime()).toBe(0)
    void clock.waitFor(100).done.then(() => woke.push('100'))
    clock.set(99)
    await flush()
    expect(woke).not.toContain('100')
    clock.set(100)
    await flush()
    expect(woke).toContain('100')
  })
})
