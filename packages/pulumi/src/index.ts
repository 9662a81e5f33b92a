/**
 * @lambda-invocation/pulumi: a Pulumi resource with the arguments, outputs and
 * state of `aws.lambda.Invocation` that invokes each step at most once, and the
 * dynamic provider behind it.
 */
export { Invocation } from './invocation.js'
export type { InvocationArgs } from './invocation.js'
export { DEFAULT_RETRY, makeProvider } from './provider.js'
export type { ProviderOptions } from './provider.js'
export { HOST_MODULE } from './serializable-provider.js'
