/**
 * The progress line of a long invocation, on a terminal: `  invoking echo
 * (create)… 12s` on stderr, redrawn each second while the invocation runs and
 * cleared when it ends. Never written when stderr is not a terminal or with
 * --json. The terminal-ness, the clock and the timer are injected, so that a
 * test drives it without waiting.
 */
import type { Invoker } from '@lambda-invocation/core'
import type { Colours } from './colour.js'

/** What the progress line is drawn with. */
export interface ProgressLineDeps {
  readonly write: (text: string) => void
  /** Whether to draw at all: stderr is a terminal and the output is not --json. */
  readonly enabled: boolean
  /** Milliseconds, for elapsed times. */
  readonly now: () => number
  /** Calls `tick` every `ms` until the returned function is called. */
  readonly every: (ms: number, tick: () => void) => () => void
  readonly colours: Colours
}

/** The progress line: `begin` an invocation (its end is the function it gives back); `clear` before writing other lines. */
export interface ProgressLine {
  begin(what: string): () => void
  clear(): void
}

/** Elapsed time as people read it: `12s`, `3m 05s`. */
export const elapsedText = (ms: number): string => {
  const s = Math.floor(ms / 1000)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
}

const CLEAR = '\r\u001b[K'

/** A progress line that draws nothing: for output that is not a terminal. */
const NONE: ProgressLine = { begin: () => () => undefined, clear: () => undefined }

/**
 * A progress line: the oldest invocation in flight, once it has run a
 * second, with how many more run beside it; redrawn each second.
 */
export const makeProgressLine = (deps: ProgressLineDeps): ProgressLine => {
  if (!deps.enabled) return NONE
  const inFlight: Array<{ readonly what: string; readonly since: number }> = []
  let shown = false
  let stop: (() => void) | undefined
  const clear = (): void => {
    if (shown) deps.write(CLEAR)
    shown = false
  }
  const draw = (): void => {
    const first = inFlight[0]
    if (first === undefined) return
    const elapsed = deps.now() - first.since
    if (elapsed < 1000) return
    const more = inFlight.length > 1 ? ` (and ${inFlight.length - 1} more)` : ''
    deps.write(`${CLEAR}  ${deps.colours.dim(`${first.what}… ${elapsedText(elapsed)}${more}`)}`)
    shown = true
  }
  return {
    begin: (what) => {
      const entry = { what, since: deps.now() }
      inFlight.push(entry)
      stop ??= deps.every(1000, draw)
      return () => {
        const at = inFlight.indexOf(entry)
        if (at >= 0) inFlight.splice(at, 1)
        clear()
        if (inFlight.length === 0) {
          stop?.()
          stop = undefined
        } else draw()
      }
    },
    clear,
  }
}

/** `invoker`, each call shown on `line` while it runs: `invoking <function> (<lifecycle>)`. */
export const withProgressLine = (invoker: Invoker, line: ProgressLine): Invoker => ({
  invoke: async (call, options) => {
    const end = line.begin(`invoking ${call.functionName} (${call.lifecycle ?? 'call'})`)
    try {
      return await invoker.invoke(call, options)
    } finally {
      end()
    }
  },
})

/** The real timer: `setInterval`, not keeping the process alive. */
export const systemEvery = (ms: number, tick: () => void): (() => void) => {
  const timer = setInterval(tick, ms)
  timer.unref()
  return () => clearInterval(timer)
}
