import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { makeColours } from '../../src/render/colour.js'
import { elapsedText, makeProgressLine, withProgressLine } from '../../src/render/progress-line.js'

const colours = makeColours(false)

/** A progress line on a fake terminal, clock and timer. */
const setup = (enabled = true) => {
  let now = 0
  let written = ''
  let ticks: Array<() => void> = []
  const line = makeProgressLine({
    write: (t) => (written += t),
    enabled,
    now: () => now,
    every: (_ms, tick) => {
      ticks.push(tick)
      return () => (ticks = ticks.filter((t) => t !== tick))
    },
    colours,
  })
  return {
    line,
    /** Moves the clock on by `ms` and fires the timer. */
    advance: (ms: number) => {
      now += ms
      for (const t of ticks) t()
    },
    written: () => written,
    timers: () => ticks.length,
  }
}

const CLEAR = '\r\u001b[K'

describe('the progress line', () => {
  it('shows a long invocation with its elapsed time each second, and clears it when it ends', () => {
    const p = setup()
    const end = p.line.begin('invoking echo (create)')
    p.advance(500)
    expect(p.written()).toBe('')
    p.advance(500)
    expect(p.written()).toBe(`${CLEAR}  invoking echo (create)… 1s`)
    p.advance(11_000)
    expect(p.written().endsWith(`${CLEAR}  invoking echo (create)… 12s`)).toBe(true)
    end()
    expect(p.written().endsWith(CLEAR)).toBe(true)
    expect(p.timers()).toBe(0)
  })

  it('writes nothing for an invocation that ends within the second', () => {
    const p = setup()
    const end = p.line.begin('invoking echo (create)')
    p.advance(900)
    end()
    expect(p.written()).toBe('')
  })

  it('never writes when not on a terminal (or with --json)', () => {
    const p = setup(false)
    const end = p.line.begin('invoking echo (create)')
    p.advance(5000)
    end()
    expect(p.written()).toBe('')
    expect(p.timers()).toBe(0)
  })

  it('shows the oldest of several in flight and how many more; clear() takes it off for another line', () => {
    const p = setup()
    const first = p.line.begin('invoking a (create)')
    p.advance(1000)
    const second = p.line.begin('invoking b (update)')
    p.advance(1000)
    expect(p.written().endsWith(`${CLEAR}  invoking a (create)… 2s (and 1 more)`)).toBe(true)
    p.line.clear()
    expect(p.written().endsWith(CLEAR)).toBe(true)
    first()
    p.advance(1000)
    expect(p.written().endsWith(`${CLEAR}  invoking b (update)… 2s`)).toBe(true)
    second()
    expect(p.timers()).toBe(0)
  })

  it('says minutes past the first: 3m 05s', () => {
    expect(elapsedText(185_400)).toBe('3m 05s')
    expect(elapsedText(59_999)).toBe('59s')
  })

  it('is drawn around each call of an invoker', async () => {
    const p = setup()
    let finish: () => void = () => undefined
    const invoker = withProgressLine(
      { invoke: () => new Promise((resolve) => (finish = () => resolve(E.right({ statusCode: 200, payload: '' })))) },
      p.line,
    )
    const call = invoker.invoke({ functionName: 'echo', payload: '{}', lifecycle: 'create' })
    p.advance(2000)
    expect(p.written()).toBe(`${CLEAR}  invoking echo (create)… 2s`)
    finish()
    expect(E.isRight(await call)).toBe(true)
    expect(p.written().endsWith(CLEAR)).toBe(true)
  })
})
