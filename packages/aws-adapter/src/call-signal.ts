/**
 * The abort signal one invoke is sent with: the caller's abort and the
 * invoker's timeout both end up here.
 *
 * It is the small signal shape the AWS SDK accepts (`aborted`, `reason`,
 * `onabort`, `addEventListener`/`removeEventListener` for `abort`; the SDK once
 * shipped such a signal itself, `@aws-sdk/abort-controller`), not Node's
 * `AbortController`, which costs several microseconds per call: measurable
 * against a bare `send` over loopback (see `bench/`).
 */
export class CallSignal {
  aborted = false
  reason: unknown = undefined
  onabort: ((event: { type: 'abort' }) => void) | null = null
  private listeners: Array<(event: { type: 'abort' }) => void> | undefined

  addEventListener(type: string, listener: (event: { type: 'abort' }) => void): void {
    if (type !== 'abort') return
    ;(this.listeners ??= []).push(listener)
  }

  removeEventListener(type: string, listener: (event: { type: 'abort' }) => void): void {
    if (type !== 'abort' || this.listeners === undefined) return
    const at = this.listeners.indexOf(listener)
    if (at >= 0) this.listeners.splice(at, 1)
  }

  /** Aborts once; later calls do nothing. Listeners run in the order they were added, each at most once. */
  abort(reason?: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    const event = { type: 'abort' as const }
    const listeners = this.listeners ?? []
    this.listeners = undefined
    this.onabort?.(event)
    for (const listener of listeners) listener(event)
  }
}
