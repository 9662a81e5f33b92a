/**
 * The invoker a spec names, built inside the provider host, once per host
 * process: the AWS adapter's at-most-once Lambda invoker, or the one a module
 * exports. Loaded on first use, so a provider that is only checked or diffed
 * never loads the AWS SDK.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import type { Invoker } from '@lambda-invocation/core'
import type { InvokerSpec, ModuleInvokerSpec } from '../spec.js'

/** Why no invoker could be had; nothing was invoked. */
export interface InvokerUnavailable {
  readonly _tag: 'InvokerUnavailable'
  readonly message: string
}

const unavailable = (message: string): E.Either<InvokerUnavailable, never> => E.left({ _tag: 'InvokerUnavailable', message })

const isInvoker = (u: unknown): u is Invoker =>
  typeof u === 'object' && u !== null && typeof (u as { invoke?: unknown }).invoke === 'function'

const why = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Pulumi starts the host in the project directory: module paths and names resolve from there. */
const resolveModule = (module: string): string => createRequire(join(process.cwd(), 'index.js')).resolve(module)

const fromModule = async (spec: ModuleInvokerSpec): Promise<E.Either<InvokerUnavailable, Invoker>> => {
  let loaded: Record<string, unknown>
  try {
    loaded = (await import(pathToFileURL(resolveModule(spec.module)).href)) as Record<string, unknown>
  } catch (error) {
    return unavailable(`the invoker module ${JSON.stringify(spec.module)} could not be loaded from ${process.cwd()}: ${why(error)}`)
  }
  // A CommonJS module imported from ESM shows its exports both as names and under `default`.
  const exported = loaded[spec.exportName] ?? (loaded['default'] as Record<string, unknown> | undefined)?.[spec.exportName]
  let value: unknown
  try {
    value = typeof exported === 'function' ? await (exported as () => unknown)() : exported
  } catch (error) {
    return unavailable(`the invoker factory ${JSON.stringify(spec.exportName)} of ${JSON.stringify(spec.module)} threw: ${why(error)}`)
  }
  if (!isInvoker(value)) {
    return unavailable(
      `the export ${JSON.stringify(spec.exportName)} of ${JSON.stringify(spec.module)} is not an Invoker (an object with an invoke method) or a function returning one`,
    )
  }
  return E.right(value)
}

const fromAws = async (timeoutMs: number | undefined): Promise<E.Either<InvokerUnavailable, Invoker>> => {
  try {
    const { makeLambdaInvoker } = await import('@lambda-invocation/aws-adapter')
    return E.right(makeLambdaInvoker(timeoutMs === undefined ? {} : { timeoutMs }))
  } catch (error) {
    return unavailable(`the AWS Lambda invoker could not be built: ${why(error)}`)
  }
}

const build = (spec: InvokerSpec): Promise<E.Either<InvokerUnavailable, Invoker>> => {
  switch (spec.kind) {
    case 'aws':
      return fromAws(spec.timeoutMs)
    case 'module':
      return fromModule(spec)
    default:
      return absurd(spec)
  }
}

const cache = new Map<string, Promise<E.Either<InvokerUnavailable, Invoker>>>()

/** The invoker of `spec`, built on the first call and shared by every later one in this process (a failure is not kept). */
export const invokerFor = async (spec: InvokerSpec): Promise<E.Either<InvokerUnavailable, Invoker>> => {
  const key = JSON.stringify(spec)
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const made = build(spec)
  cache.set(key, made)
  const result = await made
  if (E.isLeft(result)) cache.delete(key)
  return result
}
