import type { Clock } from '../ports/clock.js'
import type { Invoker } from '../ports/invoker.js'
import type { StateStore } from '../ports/state-store.js'
import type { PlanOptions } from '../model/types.js'
import { DEFAULT_RETRY } from './retry.js'
import type { EngineDeps, RetryPolicy } from './types.js'

/** `EngineDeps` with every default filled in. */
export interface Deps {
  readonly invoker: Invoker
  readonly store: StateStore
  readonly clock: Clock
  readonly retry: RetryPolicy
  readonly planOptions: PlanOptions
}

/** Fills in the defaults of `EngineDeps`. */
export const resolveDeps = (deps: EngineDeps): Deps => ({
  invoker: deps.invoker,
  store: deps.store,
  clock: deps.clock,
  retry: deps.retry ?? DEFAULT_RETRY,
  planOptions: deps.planOptions ?? {},
})

/** The engine's plan options overridden by a call's own; an absent option keeps the engine's. */
export const mergePlanOptions = (base: PlanOptions, call: PlanOptions | undefined): PlanOptions => {
  const replaceOrder = call?.replaceOrder ?? base.replaceOrder
  const encoding = call?.encoding ?? base.encoding
  const defaultRegion = call?.defaultRegion ?? base.defaultRegion
  return {
    ...(replaceOrder === undefined ? {} : { replaceOrder }),
    ...(encoding === undefined ? {} : { encoding }),
    ...(defaultRegion === undefined ? {} : { defaultRegion }),
  }
}
