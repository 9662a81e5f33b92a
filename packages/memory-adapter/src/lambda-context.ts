/**
 * The context and handler types of Lambda's Node.js runtime, written here
 * field for field as `@types/aws-lambda` types them, so that a handler typed
 * with that package registers as it is, and a user who does not install it
 * still compiles: no declaration of this package imports it.
 * `test/lambda-context.test-d.ts` checks both directions against it.
 */

/** The Cognito identity of the caller, when it called with Cognito credentials. */
export interface CognitoIdentity {
  readonly cognitoIdentityId: string
  readonly cognitoIdentityPoolId: string
}

/** The app that sent a client context, as the AWS Mobile SDK describes it. */
export interface ClientContextClient {
  readonly installationId: string
  readonly appTitle: string
  readonly appVersionName: string
  readonly appVersionCode: string
  readonly appPackageName: string
}

/** The device that sent a client context, as the AWS Mobile SDK describes it. */
export interface ClientContextEnv {
  readonly platformVersion: string
  readonly platform: string
  readonly make: string
  readonly model: string
  readonly locale: string
}

/**
 * A call's client context, typed as the AWS Mobile SDK sends it. Lambda (and
 * this invoker) pass the decoded JSON object as the caller wrote it, without
 * checking that shape: a field the caller left out is absent at run time.
 */
export interface ClientContext {
  readonly client: ClientContextClient
  readonly custom?: unknown
  readonly env: ClientContextEnv
}

/** The Node-style callback of a handler: an error (any value but `null`/`undefined`) fails the call, else `result` answers it. */
export type Callback<R = unknown> = (error?: Error | string | null, result?: R) => void

/** The context a `MemoryInvoker` handler gets: every field of Lambda's Node.js runtime context. */
export interface LambdaContext {
  /** Kept for handlers that set it; the invoker answers as soon as the handler does, whatever its value. */
  callbackWaitsForEmptyEventLoop: boolean
  readonly functionName: string
  readonly functionVersion: string
  readonly invokedFunctionArn: string
  readonly memoryLimitInMB: string
  readonly awsRequestId: string
  readonly logGroupName: string
  readonly logStreamName: string
  /** The caller's Cognito identity: the invoker's `identity` option, absent by default (IAM callers have none). */
  readonly identity?: CognitoIdentity | undefined
  /** The decoded client context of a synchronous call that sent one. */
  readonly clientContext?: ClientContext | undefined
  readonly tenantId?: string | undefined
  /** Milliseconds left before the function's timeout, on the invoker's clock, never below 0. */
  getRemainingTimeInMillis(): number
  /** Answers the call at once: fails it when `error` is set (not `null`/`undefined`), else answers `result`. Only the first answer counts. */
  done(error?: Error | string | null, result?: unknown): void
  /** Fails the call at once with `error` (with the string `handled` when none is given, as Lambda does). Only the first answer counts. */
  fail(error?: Error | string | null): void
  /** Answers the call at once with `result`. Only the first answer counts. */
  succeed(result?: unknown): void
}

/**
 * A function as Lambda's Node.js runtime calls it: the parsed event, the
 * context and a callback. It answers with the first of: the callback or
 * `context.done`/`succeed`/`fail`; the promise it returns; or, for a handler
 * declaring fewer than three parameters, the value it returns. What it answers
 * is JSON-encoded; what it throws or rejects with is a function error.
 */
export type Handler<E = unknown, R = unknown> = (event: E, context: LambdaContext, callback: Callback<R>) => void | R | Promise<R>

/** A function that sees the raw payload and answers raw text (e.g. an exact echo, as moto's Lambda does). */
export type RawHandler = (payload: string, context: LambdaContext) => string | Promise<string>

/** What makes a context besides its answer methods. */
export interface ContextFields {
  readonly functionName: string
  readonly functionVersion: string
  readonly invokedFunctionArn: string
  readonly memoryLimitInMB: string
  readonly awsRequestId: string
  readonly logGroupName: string
  readonly logStreamName: string
  readonly identity: CognitoIdentity | undefined
  readonly clientContext: ClientContext | undefined
  readonly tenantId: string | undefined
}

/** How a context ends its call: with a result, or with an error. */
export interface ContextAnswers {
  readonly answer: (result: unknown) => void
  readonly failWith: (error: unknown) => void
}

const isSet = (error: unknown): boolean => error !== undefined && error !== null

/** Builds a handler's context: its fields, the remaining time from `remaining`, and `done`/`fail`/`succeed` ending the call through `answers`. */
export const makeContext = (fields: ContextFields, remaining: () => number, answers: ContextAnswers): LambdaContext => ({
  // Field by field: a spread followed by more properties is several times slower in V8, once per call.
  functionName: fields.functionName,
  functionVersion: fields.functionVersion,
  invokedFunctionArn: fields.invokedFunctionArn,
  memoryLimitInMB: fields.memoryLimitInMB,
  awsRequestId: fields.awsRequestId,
  logGroupName: fields.logGroupName,
  logStreamName: fields.logStreamName,
  identity: fields.identity,
  clientContext: fields.clientContext,
  tenantId: fields.tenantId,
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: remaining,
  done: (error, result) => (isSet(error) ? answers.failWith(error) : answers.answer(result)),
  // Lambda's runtime fails with the string `handled` when `fail` is given no error.
  fail: (error) => answers.failWith(isSet(error) ? error : 'handled'),
  succeed: (result) => answers.answer(result),
})
