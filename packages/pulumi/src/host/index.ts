/**
 * @lambda-invocation/pulumi/host: the provider's methods as they run inside
 * Pulumi's dynamic provider host, where the serialized provider loads this
 * module by name. Each takes the provider's spec and Pulumi's arguments; a
 * failure throws an `Error` with a readable message, so Pulumi fails the step
 * and stores nothing new. Not for programs: they use `Invocation`.
 */
import type * as pulumi from '@pulumi/pulumi'
import * as E from 'fp-ts/lib/Either.js'
import type { ProviderSpec } from '../spec.js'
import { invokerFor } from './invoker.js'
import * as ops from './operations.js'
import type { HostDeps } from './operations.js'
import { formatStepError, type Step, type StepError } from './step-error.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The dependencies a spec describes; throws when the spec comes from an unknown (newer) version. */
const depsFor = (spec: ProviderSpec): HostDeps => {
  if (spec?.specVersion !== 1) {
    throw new Error(
      `This resource's provider was written by a @lambda-invocation/pulumi this host does not understand (spec version ${String(spec?.specVersion)}); install the newer version in the project.`,
    )
  }
  return {
    invoker: () => invokerFor(spec.invoker),
    planOptions: {
      replaceOrder: spec.replaceOrder,
      encoding: spec.encoding,
      ...(spec.region === undefined ? {} : { defaultRegion: spec.region }),
    },
    retry: spec.retry,
    sleep,
  }
}

const orThrow = <A>(step: Step, result: E.Either<StepError, A>): A => {
  if (E.isLeft(result)) throw new Error(formatStepError(step, result.left))
  return result.right
}

/** Pulumi's `check`: problems as failures naming their property. Never invokes. */
export const check = async (spec: ProviderSpec, _olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult> => {
  depsFor(spec)
  return ops.check(news)
}

/** Pulumi's `diff`: core's plan. Never invokes. */
export const diff = async (spec: ProviderSpec, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult> =>
  orThrow('diff', ops.diff(depsFor(spec), id, olds, news))

/** Pulumi's `create`: one create invocation. */
export const create = async (spec: ProviderSpec, inputs: unknown): Promise<pulumi.dynamic.CreateResult> =>
  orThrow('create', await ops.create(depsFor(spec), inputs))

/** Pulumi's `read` (refresh): the stored outputs, checked. Never invokes. */
export const read = async (spec: ProviderSpec, id: string, props: unknown): Promise<pulumi.dynamic.ReadResult> => {
  depsFor(spec)
  return orThrow('read', ops.read(id, props))
}

/** Pulumi's `update`: one update invocation (none when only the provider is recorded). */
export const update = async (spec: ProviderSpec, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.UpdateResult> =>
  orThrow('update', await ops.update(depsFor(spec), id, olds, news))

/** Pulumi's `delete`: one delete invocation in CRUD scope, none in CREATE_ONLY. */
const deleteResource = async (spec: ProviderSpec, id: string, props: unknown): Promise<void> =>
  orThrow('delete', await ops.remove(depsFor(spec), id, props))

export { deleteResource as delete }
