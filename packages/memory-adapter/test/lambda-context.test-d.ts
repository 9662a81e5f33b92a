/**
 * Type test, checked by `tsc` (`pnpm typecheck`), never run: the handler and
 * context types of this package against `@types/aws-lambda`'s. Each
 * `@ts-expect-error` line must fail to compile, or `tsc` fails on the unused
 * directive.
 */
import type {
  Callback as AwsCallback,
  ClientContext as AwsClientContext,
  CognitoIdentity as AwsCognitoIdentity,
  Context,
  Handler as AwsHandler,
} from 'aws-lambda'
import { expectTypeOf } from 'vitest'
import { MemoryInvoker } from '../src/invoker.js'
import type { Callback, ClientContext, CognitoIdentity, Handler, LambdaContext } from '../src/lambda-context.js'

interface OrderEvent {
  readonly orderId: string
  readonly tf: { readonly action: 'create' | 'update' | 'delete' }
}
interface OrderResult {
  readonly saved: boolean
}

const invoker = new MemoryInvoker()

// The context and callback are Lambda's, both ways: what a handler typed with
// `Context` is given fits it, and a `Context` a user holds fits ours.
expectTypeOf<LambdaContext>().toExtend<Context>()
expectTypeOf<Context>().toExtend<LambdaContext>()
expectTypeOf<ClientContext>().toExtend<AwsClientContext>()
expectTypeOf<AwsClientContext>().toExtend<ClientContext>()
expectTypeOf<CognitoIdentity>().toEqualTypeOf<Readonly<AwsCognitoIdentity>>()
expectTypeOf<Callback<OrderResult>>().toEqualTypeOf<AwsCallback<OrderResult>>()
expectTypeOf<AwsHandler<OrderEvent, OrderResult>>().toExtend<Handler<OrderEvent, OrderResult>>()

// 1. `Handler<E, R>` of @types/aws-lambda, as it is.
const typed: AwsHandler<OrderEvent, OrderResult> = async (event) => ({ saved: event.orderId !== '' })
invoker.register('orders', typed)

// 2. `(event: E, context: Context)`, async or not.
invoker.register('orders', async (event: OrderEvent, context: Context): Promise<OrderResult> => {
  expectTypeOf(context.getRemainingTimeInMillis()).toEqualTypeOf<number>()
  return { saved: event.tf.action !== 'delete' }
})
invoker.register('orders', (event: OrderEvent, context: Context) => `${event.orderId} in ${context.functionName}`)

// 3. `(_, context: Context)`: the legacy answer methods are there.
invoker.register('legacy', (_, context: Context) => {
  expectTypeOf(_).toEqualTypeOf<unknown>()
  if (context.clientContext?.client.appTitle === 'admin') context.fail(new Error('no admins'))
  else if (context.identity !== undefined) context.done(undefined, context.identity.cognitoIdentityId)
  else context.succeed({ ok: true })
})

// 4. Callback style: the callback is typed by the result.
invoker.register('orders', (event: OrderEvent, _context: Context, callback: AwsCallback<OrderResult>) => {
  callback(null, { saved: event.orderId.length > 0 })
})
invoker.register<OrderEvent, OrderResult>('orders', (event, context, callback) => {
  expectTypeOf(event).toEqualTypeOf<OrderEvent>()
  expectTypeOf(context).toEqualTypeOf<LambdaContext>()
  expectTypeOf(callback).toEqualTypeOf<Callback<OrderResult>>()
  context.callbackWaitsForEmptyEventLoop = false
  callback(new Error('failed'))
})

// Untyped handlers keep working, their event `unknown`.
invoker.register('anything', (event) => {
  expectTypeOf(event).toEqualTypeOf<unknown>()
  return event
})

// What must not compile.
// @ts-expect-error: the promise answers a number, not an OrderResult
invoker.register<OrderEvent, OrderResult>('orders', async () => 42)
// @ts-expect-error: the value answers a string, not an OrderResult
invoker.register<OrderEvent, OrderResult>('orders', () => 'saved')
// @ts-expect-error: the callback is given a number, not an OrderResult
invoker.register<OrderEvent, OrderResult>('orders', (_e, _c, callback) => callback(null, 42))
const otherTyped: AwsHandler<{ readonly id: number }, OrderResult> = async () => ({ saved: true })
// @ts-expect-error: the handler expects another event
invoker.register<OrderEvent, OrderResult>('orders', otherTyped)
// @ts-expect-error: the context has no such field
invoker.register('orders', (_e: unknown, context: Context & { readonly secret: string }) => context.secret)
invoker.register('orders', (_e, context) => {
  // @ts-expect-error: callbackWaitsForEmptyEventLoop is a boolean
  context.callbackWaitsForEmptyEventLoop = 'no'
  // @ts-expect-error: the request id cannot be changed
  context.awsRequestId = 'mine'
})
// @ts-expect-error: a handler is a function
invoker.register('orders', { handler: typed })
// @ts-expect-error: the timeout is a number of milliseconds
invoker.register('orders', typed, { timeoutMs: '3s' })
