/**
 * @lambda-invocation/cloudformation: Terraform's `aws_lambda_invocation` as a
 * CloudFormation custom resource (`Custom::LambdaInvocation`), with an
 * `onEvent` for CDK's Provider framework. The CDK construct is on the `/cdk`
 * subpath, so that the handler never loads aws-cdk-lib.
 */

// handlers
export { handler, onEvent } from './aws.js'
export { makeCustomResourceHandler } from './handler.js'
export type { CustomResourceHandler, CustomResourceHandlerDeps } from './handler.js'
export { makeOnEventHandler } from './on-event.js'
export type { OnEventDeps, OnEventHandler, OnEventResponse } from './on-event.js'
export type { LambdaContextLike } from './answer-request.js'
export type { RetryOptions } from './run.js'

// the protocol
export { decodeEvent } from './event.js'
export type { CreateEvent, CustomResourceEvent, DeleteEvent, UpdateEvent } from './event.js'
export { decodeProperties, PROPERTY_OF_ARGUMENT } from './properties.js'
export type { DecodedProperties, PropertiesField } from './properties.js'
export { decide } from './decide.js'
export type { DecideOptions, Decision } from './decide.js'
export type { Answer, AnswerData } from './answer.js'
export { failedMarker, markerStep } from './physical-id.js'
export type { FailedStep } from './physical-id.js'
export { MAX_RESPONSE_BYTES, responseBody } from './response.js'
export type { ResponseBody } from './response.js'

// delivering the answer
export { makeHttpResponder } from './responder.js'
export type { HttpResponderOptions, Responder, ResponderFailure } from './responder.js'

// encoding (core's, re-exported: this package's users had it from here first)
export { jsonencode } from '@lambda-invocation/core/json'
export type { EncodeHook, JsonencodeOptions } from '@lambda-invocation/core/json'
