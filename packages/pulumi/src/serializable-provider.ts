/**
 * The provider object Pulumi serializes into the state and rebuilds in its
 * provider host. Pulumi's closure serializer copies by value everything a
 * method refers to, so these methods refer to nothing but the spec (plain
 * data) and `require`: the libraries (core, the AWS SDK) are loaded at call
 * time inside the host, by name. Importing anything into this file would drag
 * that module's code into every resource's state, or fail to serialize at all
 * (pulumi/pulumi#13960). Keep it import-free but for types.
 */
import type * as pulumi from '@pulumi/pulumi'
import type { ProviderSpec } from './spec.js'

/** The module the host loads; it must resolve from the project directory, where Pulumi starts the host. */
export const HOST_MODULE = '@lambda-invocation/pulumi/host'

/** The host's side of each method, as `src/host/index.ts` exports it. */
interface HostModule {
  check(spec: ProviderSpec, olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult>
  diff(spec: ProviderSpec, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult>
  create(spec: ProviderSpec, inputs: unknown): Promise<pulumi.dynamic.CreateResult>
  read(spec: ProviderSpec, id: string, props: unknown): Promise<pulumi.dynamic.ReadResult>
  update(spec: ProviderSpec, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.UpdateResult>
  delete(spec: ProviderSpec, id: string, props: unknown): Promise<void>
}

/** The dynamic provider for `spec`: every method forwards to the host module, loaded when first called. */
export const serializableProvider = (spec: ProviderSpec): pulumi.dynamic.ResourceProvider => {
  // `require` is the host module's own (Pulumi rebuilds the provider as a CommonJS module); the
  // serializer leaves it uncaptured. The module name is inlined as text for the same reason.
  const load = (): HostModule => require('@lambda-invocation/pulumi/host') as HostModule
  return {
    check: async (olds, news) => load().check(spec, olds, news),
    diff: async (id, olds, news) => load().diff(spec, id, olds, news),
    create: async (inputs) => load().create(spec, inputs),
    read: async (id, props) => load().read(spec, id, props),
    update: async (id, olds, news) => load().update(spec, id, olds, news),
    delete: async (id, props) => load().delete(spec, id, props),
  }
}
