import type { Clock } from '@lambda-invocation/core'

/** The fields CloudFormation sends in every request of one resource. */
export interface Resource {
  readonly StackId: string
  readonly LogicalResourceId: string
  readonly ResourceType: string
  readonly ServiceToken: string
}

export const resource: Resource = {
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/3b4a2f70-0000-11ef-8000-0a1b2c3d4e5f',
  LogicalResourceId: 'SeedDatabase',
  ResourceType: 'Custom::LambdaInvocation',
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:app-LambdaInvocationHandler',
}

let requests = 0
const requestId = (): string => `5a0ef2c4-0000-4000-8000-${(++requests).toString(16).padStart(12, '0')}`

/** A Create request as CloudFormation sends it (ServiceToken among the properties too). */
export const createEvent = (url: string, properties: Record<string, unknown>): Record<string, unknown> => ({
  RequestType: 'Create',
  ServiceToken: resource.ServiceToken,
  ResponseURL: url,
  StackId: resource.StackId,
  RequestId: requestId(),
  LogicalResourceId: resource.LogicalResourceId,
  ResourceType: resource.ResourceType,
  ResourceProperties: { ServiceToken: resource.ServiceToken, ...properties },
})

/** An Update request: the new properties, the old ones, and the physical id. */
export const updateEvent = (url: string, physicalId: string, properties: Record<string, unknown>, old: Record<string, unknown>): Record<string, unknown> => ({
  RequestType: 'Update',
  ServiceToken: resource.ServiceToken,
  ResponseURL: url,
  StackId: resource.StackId,
  RequestId: requestId(),
  LogicalResourceId: resource.LogicalResourceId,
  ResourceType: resource.ResourceType,
  PhysicalResourceId: physicalId,
  ResourceProperties: { ServiceToken: resource.ServiceToken, ...properties },
  OldResourceProperties: { ServiceToken: resource.ServiceToken, ...old },
})

/** A Delete request for a physical id, with the properties it has. */
export const deleteEvent = (url: string, physicalId: string, properties: Record<string, unknown>): Record<string, unknown> => ({
  RequestType: 'Delete',
  ServiceToken: resource.ServiceToken,
  ResponseURL: url,
  StackId: resource.StackId,
  RequestId: requestId(),
  LogicalResourceId: resource.LogicalResourceId,
  ResourceType: resource.ResourceType,
  PhysicalResourceId: physicalId,
  ResourceProperties: { ServiceToken: resource.ServiceToken, ...properties },
})

/** A Lambda context for the handler itself, its time counted down on `clock` from `timeoutMs`. */
export const handlerContext = (clock: Clock, timeoutMs = 900_000) => {
  const deadline = clock.now().getTime() + timeoutMs
  return {
    functionName: 'app-LambdaInvocationHandler',
    functionVersion: '$LATEST',
    invokedFunctionArn: resource.ServiceToken,
    memoryLimitInMB: '256',
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000001',
    logGroupName: '/aws/lambda/app-LambdaInvocationHandler',
    logStreamName: '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now().getTime()),
  }
}
