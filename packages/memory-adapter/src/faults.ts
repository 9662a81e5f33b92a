/**
 * A fault scripted for one call of a `MemoryInvoker`:
 * - `throttle`: 429 before the function runs (`NotRun`);
 * - `notFound`: 404, the function does not run (`Rejected`);
 * - `serviceError`: a 500 before the function runs, yet the caller cannot know (`Unknown`);
 * - `functionError`: the function runs and fails (a response with `functionError`; the handler is not called);
 * - `timeoutAfterRun`: the handler runs, but the caller sees a timeout (`Unknown`);
 * - `latency`: waits `ms` on the invoker's clock, then the call goes on normally.
 */
export type Fault =
  | { readonly kind: 'throttle'; readonly retryAfterMs?: number }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'serviceError' }
  | {
      readonly kind: 'functionError'
      /** Default `Unhandled`. */
      readonly functionError?: 'Handled' | 'Unhandled'
      readonly errorType?: string
      readonly errorMessage?: string
    }
  | { readonly kind: 'timeoutAfterRun' }
  | { readonly kind: 'latency'; readonly ms: number }
