/** The context a `MemoryInvoker` handler gets: the fields of Lambda's Node.js runtime context. */
export interface LambdaContext {
  readonly functionName: string
  readonly functionVersion: string
  readonly invokedFunctionArn: string
  readonly memoryLimitInMB: string
  readonly awsRequestId: string
  readonly logGroupName: string
  readonly logStreamName: string
  /** The decoded client context of the call, when one was sent. */
  readonly clientContext?: unknown
  readonly tenantId?: string
  readonly callbackWaitsForEmptyEventLoop: boolean
  /** Milliseconds left before the function's timeout, on the invoker's clock. */
  getRemainingTimeInMillis(): number
}

/** A function as Lambda's Node.js runtime calls it: the parsed event and the context; what it returns is JSON-encoded. */
export type Handler = (event: unknown, context: LambdaContext) => unknown

/** A function that sees the raw payload and answers raw text (e.g. an exact echo, as moto's Lambda does). */
export type RawHandler = (payload: string, context: LambdaContext) => string | Promise<string>
