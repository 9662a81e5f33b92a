/**
 * The entry of the bundled Lambda asset: `index.handler` answers
 * `Custom::LambdaInvocation` requests; `index.onEvent` serves CDK's Provider framework.
 */
export { handler, onEvent } from './aws.js'
