/**
 * The process around the CLI, injected so that `main` runs in tests as it does
 * for real: its streams, environment and folder, and its signal hooks.
 */
import type { StopSignal } from './stop-signal.js'

/** A stream the CLI writes to. */
export interface OutStream {
  write(text: string): unknown
  readonly isTTY?: boolean
}

/** The process around the CLI, injected so `main` runs in tests as it does for real. */
export interface CliIo {
  readonly stdout: OutStream
  readonly stderr: OutStream
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /**
   * Asks a question on the terminal and gives the line typed in answer
   * (empty at end of input). Present only when stdin and stdout are both a
   * terminal: without it, nothing can be asked.
   */
  readonly ask?: (question: string) => Promise<string>
  /** Registers what to do on the first stop signal (Ctrl-C, SIGTERM, SIGHUP), told which; gives back a function that unregisters it. */
  readonly onInterrupt?: (handler: (signal: StopSignal) => void) => () => void
  /** Registers a cleanup to run if the process must exit at once (a second signal); gives back a function that unregisters it. */
  readonly onForcedExit?: (cleanup: () => void) => () => void
}
