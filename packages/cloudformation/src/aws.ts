import { makeLambdaInvoker } from '@lambda-invocation/aws-adapter'
import type { LambdaContextLike } from './answer-request.js'
import { makeCustomResourceHandler, type CustomResourceHandler } from './handler.js'
import { makeOnEventHandler, type OnEventHandler } from './on-event.js'
import { makeHttpResponder } from './responder.js'

// Built on the first request, not at load: loading the module makes no SDK client.
let customResource: CustomResourceHandler | undefined
let provider: OnEventHandler | undefined

const region = (): string | undefined => {
  const r = process.env['AWS_REGION']
  return r === undefined || r === '' ? undefined : r
}

/**
 * The Lambda handler for `Custom::LambdaInvocation` (`index.handler` in the
 * bundled asset): the AWS adapter's at-most-once invoker, an HTTP responder,
 * and the function's own region for properties without `Region`.
 */
export const handler: CustomResourceHandler = (event: unknown, context?: LambdaContextLike) => {
  const r = region()
  customResource ??= makeCustomResourceHandler({ invoker: makeLambdaInvoker(), responder: makeHttpResponder(), ...(r === undefined ? {} : { defaultRegion: r }) })
  return customResource(event, context)
}

/** The `onEvent` handler for CDK's Provider framework (`index.onEvent`), over the AWS adapter's invoker. */
export const onEvent: OnEventHandler = (event: unknown, context?: LambdaContextLike) => {
  const r = region()
  provider ??= makeOnEventHandler({ invoker: makeLambdaInvoker(), ...(r === undefined ? {} : { defaultRegion: r }) })
  return provider(event, context)
}
