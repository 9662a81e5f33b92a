/**
 * @lambda-invocation/aws-adapter: the AWS implementations of core's ports, an
 * `Invoker` over Lambda's Invoke API and a `StateStore` over S3.
 */

export { DEFAULT_INVOKE_TIMEOUT_MS, makeLambdaInvoker } from './lambda-invoker.js'
export type { LambdaInvokerOptions } from './lambda-invoker.js'
export { makeS3StateStore, WRITE_ID_FIELD } from './s3-state-store.js'
export type { S3StateStoreOptions } from './s3-state-store.js'
