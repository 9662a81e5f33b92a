/**
 * The engines commands run: one that only plans and reads (its invoker refuses
 * every call), and one that invokes.
 */
import * as E from 'fp-ts/lib/Either.js'
import { createEngine, type Engine, type Invoker } from '@lambda-invocation/core'
import { systemClock } from '@lambda-invocation/memory-adapter'
import type { Context } from './context.js'

/** An engine whose invoker refuses every call: for commands that never invoke (plan, show, import). */
export const planningEngine = (ctx: Context): Engine =>
  createEngine({
    invoker: {
      invoke: async (call) => E.left({ _tag: 'Rejected', functionName: call.functionName, message: 'this command does not invoke functions' }),
    },
    store: ctx.store,
    clock: systemClock,
    planOptions: ctx.planOptions,
    runner: ctx.runner,
    leaseMs: ctx.leaseMs,
  })

/** An engine that invokes through `invoker`, recording this process as the holder of each step it starts. */
export const applyingEngine = (ctx: Context, invoker: Invoker): Engine =>
  createEngine({ invoker, store: ctx.store, clock: systemClock, planOptions: ctx.planOptions, runner: ctx.runner, leaseMs: ctx.leaseMs })
