import * as pulumi from '@pulumi/pulumi'
import { makeProvider } from './provider.js'

/** The arguments of `Invocation`: those of `aws.lambda.Invocation`, plus `pulumiKey` as an alias of `terraformKey`. */
export interface InvocationArgs {
  /** The function's name, partial ARN or ARN. A change replaces. */
  readonly functionName: pulumi.Input<string>
  /** The JSON payload (in `CRUD` scope a JSON object). */
  readonly input: pulumi.Input<string>
  /** Version or alias. Default `$LATEST`. A change replaces. */
  readonly qualifier?: pulumi.Input<string>
  /** Arbitrary values whose change replaces (re-invokes). */
  readonly triggers?: pulumi.Input<Record<string, pulumi.Input<string>>>
  /** `CREATE_ONLY` (default) invokes on create and replace; `CRUD` also on update and delete, adding the lifecycle key. */
  readonly lifecycleScope?: pulumi.Input<'CREATE_ONLY' | 'CRUD'>
  /** The lifecycle key added to a `CRUD` payload. Default `tf`. */
  readonly terraformKey?: pulumi.Input<string>
  /** The name Pulumi's documentation gives `terraformKey`; either may be used (not two different values). */
  readonly pulumiKey?: pulumi.Input<string>
  /** Tenant to serve the invocations from. */
  readonly tenantId?: pulumi.Input<string>
  /** Region of the function. A change replaces. */
  readonly region?: pulumi.Input<string>
}

let defaultProvider: pulumi.dynamic.ResourceProvider | undefined

/**
 * A Lambda invocation resource with `aws.lambda.Invocation`'s arguments,
 * outputs, ids and state, invoking each step at most once through the AWS
 * adapter. Pass a provider from `makeProvider` for another invoker or replace order.
 */
export class Invocation extends pulumi.dynamic.Resource {
  // `declare`: the base constructor installs these outputs; a class field would overwrite them.
  declare readonly functionName: pulumi.Output<string>
  declare readonly input: pulumi.Output<string>
  declare readonly qualifier: pulumi.Output<string>
  declare readonly triggers: pulumi.Output<Record<string, string> | undefined>
  declare readonly lifecycleScope: pulumi.Output<string>
  declare readonly terraformKey: pulumi.Output<string>
  declare readonly tenantId: pulumi.Output<string | undefined>
  declare readonly region: pulumi.Output<string | undefined>
  /** The function's response payload, as text. */
  declare readonly result: pulumi.Output<string>

  constructor(name: string, args: InvocationArgs, opts?: pulumi.CustomResourceOptions, provider?: pulumi.dynamic.ResourceProvider) {
    // Every argument is passed on as given (a misspelt one too: the provider's check names it);
    // the output names are listed so that each gets its output, set or not.
    const props: Record<string, unknown> = {
      qualifier: undefined,
      triggers: undefined,
      lifecycleScope: undefined,
      terraformKey: undefined,
      tenantId: undefined,
      region: undefined,
      ...args,
      result: undefined,
    }
    super(provider ?? (defaultProvider ??= makeProvider()), name, props, opts, 'lambda-invocation', 'Invocation')
  }
}
