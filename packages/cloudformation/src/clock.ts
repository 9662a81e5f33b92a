import type { Clock } from '@lambda-invocation/core'

const never = new Promise<void>(() => undefined)

/**
 * A signal that aborts after `ms` on `clock` (never, for `undefined`), a
 * promise that resolves when it does, and `stop` to end the wait. A clock
 * whose sleep throws gives a deadline that never comes.
 */
export const deadlineSignal = (clock: Clock, ms: number | undefined): { readonly signal: AbortSignal; readonly fired: Promise<void>; readonly stop: () => void } => {
  const deadline = new AbortController()
  const cancel = new AbortController()
  const stop = (): void => cancel.abort()
  if (ms === undefined) return { signal: deadline.signal, fired: never, stop }
  const fired = Promise.resolve()
    .then(() => clock.sleep(Math.max(0, ms), cancel.signal))
    .then(
      () => {
        if (cancel.signal.aborted) return never
        deadline.abort(new Error('deadline'))
        return undefined
      },
      () => never,
    )
  return { signal: deadline.signal, fired, stop }
}
