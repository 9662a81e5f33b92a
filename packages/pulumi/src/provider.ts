import type * as pulumi from '@pulumi/pulumi'
import * as E from 'fp-ts/lib/Either.js'
import { formatProblems, PlanOptionsCodec, problem, reportProblems } from '@lambda-invocation/core'
import type { Encoding, Problem, ReplaceOrder, RetryPolicy } from '@lambda-invocation/core'
import { serializableProvider } from './serializable-provider.js'
import type { InvokerSpec, ProviderSpec } from './spec.js'

/** Options of `makeProvider`. Everything here is stored in the stack's state, in plain text: never put a secret in it. */
export interface ProviderOptions {
  /** The AWS adapter's Lambda invoker (the default), with its settings. Credentials come from the SDK's standard chain in the host. */
  readonly aws?: {
    /** Milliseconds to wait for Lambda's answer before the step fails as "may have run". Default 16 minutes. */
    readonly timeoutMs?: number
  }
  /**
   * Another invoker: a module the provider host loads (a path relative to the
   * project directory, or a package name) whose export `exportName` (default
   * `invoker`) is an `Invoker` or a function, possibly async, returning one.
   * Loaded once per host process. Not together with `aws`.
   */
  readonly invoker?: { readonly module: string; readonly exportName?: string }
  /**
   * Which half of a replace Pulumi runs first. Default `create-first`, what
   * `aws.lambda.Invocation` does under Pulumi; `delete-first` is Terraform's
   * order (the same as the `deleteBeforeReplace` resource option).
   */
  readonly replaceOrder?: ReplaceOrder
  /** How CRUD payloads are encoded: `terraform` (default, byte-identical, same ids) or `preserve`. */
  readonly encoding?: Encoding
  /** Retries of failures that prove the function did not run. Default: 3 attempts in all, 200 ms doubling, at most 5 s. */
  readonly retry?: Partial<RetryPolicy>
  /**
   * The region calls without a `region` argument go to, when you want it
   * recorded and compared as Terraform does with its provider's region.
   * Default: unknown (such calls use the SDK's region; a prior state's region is kept).
   */
  readonly region?: string
}

/** The retry policy unless the options say otherwise: core's engine default. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5000 }

const OPTION_NAMES = ['aws', 'invoker', 'replaceOrder', 'encoding', 'retry', 'region'] as const

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u)

const unknownKeys = (problems: Problem[], path: string[], u: Readonly<Record<string, unknown>>, known: ReadonlyArray<string>): void => {
  for (const key of Object.keys(u)) {
    if (!known.includes(key)) problems.push(problem([...path, key], `is not an option (known: ${known.join(', ')})`))
  }
}

const wholeMs = (problems: Problem[], path: string[], u: unknown, min: number): number | undefined => {
  if (u === undefined) return undefined
  if (typeof u !== 'number' || !Number.isInteger(u) || u < min || u > 2_147_483_647) {
    problems.push(problem(path, `must be a whole number from ${min} to 2147483647, got ${String(u)}`))
    return undefined
  }
  return u
}

const nonEmpty = (problems: Problem[], path: string[], u: unknown): string | undefined => {
  if (typeof u !== 'string' || u === '') {
    problems.push(problem(path, `must be a non-empty string, got ${u === '' ? 'an empty string' : typeof u}`))
    return undefined
  }
  return u
}

const decodeInvoker = (problems: Problem[], options: Readonly<Record<string, unknown>>): InvokerSpec => {
  const { aws, invoker } = options
  if (aws !== undefined && invoker !== undefined) problems.push(problem(['options'], 'give either aws or invoker, not both'))
  if (invoker !== undefined) {
    if (!isRecord(invoker)) {
      problems.push(problem(['options', 'invoker'], 'must be an object: { module, exportName? }'))
      return { kind: 'module', module: '', exportName: 'invoker' }
    }
    unknownKeys(problems, ['options', 'invoker'], invoker, ['module', 'exportName'])
    const module = nonEmpty(problems, ['options', 'invoker', 'module'], invoker['module']) ?? ''
    const exportName = invoker['exportName'] === undefined ? 'invoker' : nonEmpty(problems, ['options', 'invoker', 'exportName'], invoker['exportName'])
    return { kind: 'module', module, exportName: exportName ?? 'invoker' }
  }
  if (aws === undefined) return { kind: 'aws' }
  if (!isRecord(aws)) {
    problems.push(problem(['options', 'aws'], 'must be an object: { timeoutMs? }'))
    return { kind: 'aws' }
  }
  unknownKeys(problems, ['options', 'aws'], aws, ['timeoutMs'])
  const timeoutMs = wholeMs(problems, ['options', 'aws', 'timeoutMs'], aws['timeoutMs'], 1)
  return timeoutMs === undefined ? { kind: 'aws' } : { kind: 'aws', timeoutMs }
}

const decodeRetry = (problems: Problem[], u: unknown): RetryPolicy => {
  if (u === undefined) return DEFAULT_RETRY
  if (!isRecord(u)) {
    problems.push(problem(['options', 'retry'], 'must be an object: { maxAttempts?, baseDelayMs?, maxDelayMs? }'))
    return DEFAULT_RETRY
  }
  unknownKeys(problems, ['options', 'retry'], u, ['maxAttempts', 'baseDelayMs', 'maxDelayMs'])
  return {
    maxAttempts: wholeMs(problems, ['options', 'retry', 'maxAttempts'], u['maxAttempts'], 1) ?? DEFAULT_RETRY.maxAttempts,
    baseDelayMs: wholeMs(problems, ['options', 'retry', 'baseDelayMs'], u['baseDelayMs'], 0) ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: wholeMs(problems, ['options', 'retry', 'maxDelayMs'], u['maxDelayMs'], 0) ?? DEFAULT_RETRY.maxDelayMs,
  }
}

/** The spec the options describe, or every problem with them. */
export const decodeProviderOptions = (u: unknown): E.Either<Problem[], ProviderSpec> => {
  const options = u ?? {}
  if (!isRecord(options)) return E.left([problem(['options'], 'must be an object')])
  const problems: Problem[] = []
  unknownKeys(problems, ['options'], options, OPTION_NAMES)
  const invoker = decodeInvoker(problems, options)
  const retry = decodeRetry(problems, options['retry'])
  // Core's own codec checks the plan options (names, values, the region's format), with its messages.
  const region = options['region']
  const planOptions = PlanOptionsCodec.decode({
    replaceOrder: options['replaceOrder'] ?? 'create-first',
    ...(options['encoding'] === undefined ? {} : { encoding: options['encoding'] }),
    ...(region === undefined ? {} : { defaultRegion: region }),
  })
  if (E.isLeft(planOptions)) {
    for (const p of reportProblems(planOptions.left)) {
      problems.push(problem(['options', ...p.path.map((s) => (s === 'defaultRegion' ? 'region' : s))], p.message))
    }
  }
  if (problems.length > 0 || E.isLeft(planOptions)) return E.left(problems)
  const { replaceOrder, encoding, defaultRegion } = planOptions.right
  return E.right({ specVersion: 1, invoker, replaceOrder, encoding, retry, ...(defaultRegion === undefined ? {} : { region: defaultRegion }) })
}

/**
 * A Pulumi dynamic provider for `Invocation` with its own invoker, replace
 * order, encoding or retries. Throws a `TypeError` naming every bad option
 * (this runs in your program, before anything is deployed).
 */
export const makeProvider = (options: ProviderOptions = {}): pulumi.dynamic.ResourceProvider => {
  const spec = decodeProviderOptions(options)
  if (E.isLeft(spec)) throw new TypeError(`makeProvider: bad options:\n${formatProblems(spec.left)}`)
  return serializableProvider(spec.right)
}
