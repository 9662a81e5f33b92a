/**
 * @lambda-invocation/cloudformation/cdk: the `LambdaInvocation` construct.
 * Needs `aws-cdk-lib` and `constructs` (peer dependencies).
 */
export { LambdaInvocation, RESOURCE_TYPE } from './lambda-invocation.js'
export type { LambdaInvocationProps } from './lambda-invocation.js'
export { handlerAssetDir } from './asset.js'
