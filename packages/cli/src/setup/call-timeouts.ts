/**
 * How long each call of an apply is waited for: the timeout of the resource
 * whose change sends it (the config's `timeout`), else --timeout, else the
 * invoker's own default. The invoker sees calls, not resources, so a call is
 * known by what it sends: function, qualifier and payload bytes.
 */
import type { InvokeCall, PlannedChange } from '@lambda-invocation/core'

/** How long to wait for a call, in milliseconds; `undefined`: the invoker's default. */
export type TimeoutOf = (call: InvokeCall) => number | undefined

const callId = (c: { readonly functionName: string; readonly qualifier?: string | undefined; readonly payload: string }): string =>
  `${c.functionName}\u0000${c.qualifier ?? '$LATEST'}\u0000${c.payload}`

/**
 * The timeout of each call `changes` send: `perResourceMs` for a resource
 * that sets one, else `defaultMs`. Two resources sending the very same call
 * with different timeouts both get the longer one (cutting either short
 * could turn a finished invocation into an interrupted step).
 */
export const callTimeouts = (changes: ReadonlyArray<PlannedChange>, perResourceMs: ReadonlyMap<string, number>, defaultMs: number | undefined): TimeoutOf => {
  const byCall = new Map<string, number>()
  for (const change of changes) {
    const ms = perResourceMs.get(change.key)
    if (ms === undefined) continue
    for (const phase of change.phases)
      for (const request of phase.plan.invocations) {
        const id = callId(request)
        byCall.set(id, Math.max(ms, byCall.get(id) ?? 0))
      }
  }
  return (call) => byCall.get(callId(call)) ?? defaultMs
}

/**
 * The timeout of each call by its function alone, for calls not planned
 * beforehand (`--fleet` plans each resource as it runs it): the longest
 * `timeout` of the resources that call that function and qualifier, else
 * `defaultMs`.
 */
export const functionTimeouts = (
  resources: ReadonlyMap<string, { readonly functionName: string; readonly qualifier: string }>,
  perResourceMs: ReadonlyMap<string, number>,
  defaultMs: number | undefined,
): TimeoutOf => {
  const byFunction = new Map<string, number>()
  const functionId = (functionName: string, qualifier: string | undefined): string => `${functionName}\u0000${qualifier ?? '$LATEST'}`
  for (const [key, args] of resources) {
    const ms = perResourceMs.get(key)
    if (ms === undefined) continue
    const id = functionId(args.functionName, args.qualifier)
    byFunction.set(id, Math.max(ms, byFunction.get(id) ?? 0))
  }
  return (call) => byFunction.get(functionId(call.functionName, call.qualifier)) ?? defaultMs
}
