/**
 * The signals that stop a command gracefully (Ctrl-C, a service manager's
 * SIGTERM, a closed terminal's SIGHUP) and the exit code each gives: 128 plus
 * the signal's number, as shells report a process a signal ended.
 */

/** A signal that stops a command: the first lets the invocation in flight finish; a second exits at once. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP'

/** Every stop signal and the exit code it gives. */
export const STOP_SIGNALS: { readonly [S in StopSignal]: number } = {
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
}

/** The exit code after `signal` stopped a command. */
export const exitCodeOfSignal = (signal: StopSignal): number => STOP_SIGNALS[signal]

/** How a person names `signal` in a message. */
export const signalName = (signal: StopSignal): string => (signal === 'SIGINT' ? 'Ctrl-C' : signal)
