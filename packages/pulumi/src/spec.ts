/**
 * What a provider carries into Pulumi's provider host: plain data only. It is
 * serialized with the provider into every resource's state (`__provider`), so
 * it never holds credentials, and a newer host must still read older ones.
 */
import type { Encoding, ReplaceOrder, RetryPolicy } from '@lambda-invocation/core'

/** The AWS adapter's at-most-once Lambda invoker, built inside the host from the SDK's standard credential chain. */
export interface AwsInvokerSpec {
  readonly kind: 'aws'
  /** Milliseconds to wait for Lambda's answer; the adapter's default (16 minutes) when absent. */
  readonly timeoutMs?: number
}

/** An invoker exported by a module that the host loads (a path relative to the project directory, or a package name). */
export interface ModuleInvokerSpec {
  readonly kind: 'module'
  readonly module: string
  /** The export holding an `Invoker`, or a function (possibly async) that returns one. */
  readonly exportName: string
}

/** Which invoker the host builds. */
export type InvokerSpec = AwsInvokerSpec | ModuleInvokerSpec

/** The provider's settings, as stored in the state. */
export interface ProviderSpec {
  /** Raised when the shape changes, so the host can tell old specs from new ones. */
  readonly specVersion: 1
  readonly invoker: InvokerSpec
  readonly replaceOrder: ReplaceOrder
  readonly encoding: Encoding
  /** Retries of failures that prove the function did not run (`NotRun`); never of anything else. */
  readonly retry: RetryPolicy
  /** The region that calls without `region` go to, when the user states it (core's `defaultRegion`). */
  readonly region?: string
}
