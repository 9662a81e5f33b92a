/**
 * What an apply does on a stop signal (Ctrl-C, SIGTERM, SIGHUP): it starts no
 * new invocation, lets the one in flight finish and be recorded, and says so;
 * the command then exits with the signal's code.
 */
import type { Context } from '../setup/context.js'
import { signalName, type StopSignal } from '../setup/stop-signal.js'

/** A run's stop: the signal to hand the engine, the stop signal received (if any), and the unregistering of the hook. */
export interface Stop {
  readonly signal: AbortSignal
  readonly stoppedBy: () => StopSignal | undefined
  readonly unregister: () => void
}

/** Registers the stop of a run on `ctx`'s signal hook. */
export const stopOnSignal = (ctx: Context): Stop => {
  const controller = new AbortController()
  let stoppedBy: StopSignal | undefined
  const unregister = ctx.io.onInterrupt?.((signal) => {
    stoppedBy = signal
    controller.abort()
    const again = signal === 'SIGINT' ? 'Press Ctrl-C again' : `Send ${signal} again`
    ctx.io.stderr.write(
      `\n${ctx.err.yellow(`Interrupt received (${signalName(signal)}):`)} no new invocation starts; the one in flight finishes and is recorded. ${again} to exit at once (its outcome then shows as an interrupted step).\n`,
    )
  })
  return { signal: controller.signal, stoppedBy: () => stoppedBy, unregister: () => unregister?.() }
}
