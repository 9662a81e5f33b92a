/** A value of type `T` that passed the check named `B`; made only by the checks in `decode/aws.ts`, so a value of it was checked. */
export type Brand<T, B extends string> = T & { readonly __brand: B }

/** A Lambda function name, partial ARN or ARN in Lambda's format. */
export type FunctionName = Brand<string, 'FunctionName'>
/** `$LATEST`, a version or an alias name. */
export type Qualifier = Brand<string, 'Qualifier'>
/** An AWS region name such as `us-east-1`. */
export type Region = Brand<string, 'Region'>
/** A tenant id of 1 to 256 characters. */
export type TenantId = Brand<string, 'TenantId'>
/** A non-empty lifecycle key. */
export type TerraformKey = Brand<string, 'TerraformKey'>
