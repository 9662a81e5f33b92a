import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import type { InvokeCommandInput, InvokeCommandOutput } from '@aws-sdk/client-lambda'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import { MAX_CLIENT_CONTEXT_BYTES, MAX_PAYLOAD_BYTES } from '@lambda-invocation/core'
import type { InvokeCall, InvokeFailure, InvokeOptions, Invoker, InvokeResponse } from '@lambda-invocation/core'
import { CallSignal } from './call-signal.js'
import { Deadlines } from './deadlines.js'
import { invokeFailure } from './invoke-failure.js'
import { releaseCall, unwrapAttemptError, watchCall } from './single-attempt.js'

/** Lambda runs a function for at most 15 minutes; the default wait is one minute more. */
export const DEFAULT_INVOKE_TIMEOUT_MS = 16 * 60 * 1000

/** How long a client made by the invoker waits for a TCP connection; a timeout there proves nothing was sent. */
const CONNECTION_TIMEOUT_MS = 10_000

/** Options of `makeLambdaInvoker`. */
export interface LambdaInvokerOptions {
  /**
   * The client for calls without `region`, and for calls whose `region` is the
   * client's own. Its retry settings do not matter: every call is sent at most
   * once. Default: a client from the SDK's standard credential and region chain.
   */
  readonly client?: LambdaClient
  /**
   * Makes the client for a call that names a `region`; called once per region,
   * then cached. Default when `client` is not given: a standard-chain client for
   * that region. When only `client` is given, a call for another region is
   * `Rejected` rather than silently sent to the client's region.
   */
  readonly clientForRegion?: (region: string) => LambdaClient
  /**
   * Milliseconds to wait for Lambda's answer before giving up with `Unknown`;
   * applied per call through an abort signal, so it holds for injected clients
   * too. Default `DEFAULT_INVOKE_TIMEOUT_MS` (16 minutes).
   */
  readonly timeoutMs?: number
}

const makeClient = (region?: string): LambdaClient =>
  new LambdaClient({
    ...(region !== undefined ? { region } : {}),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ connectionTimeout: CONNECTION_TIMEOUT_MS }),
  })

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8')

const toResponse = (out: InvokeCommandOutput): InvokeResponse => ({
  statusCode: out.StatusCode ?? 200,
  // The SDK gives `null` when the body is empty (Event, DryRun).
  payload: out.Payload == null ? '' : decoder.decode(out.Payload),
  ...(out.FunctionError !== undefined ? { functionError: out.FunctionError } : {}),
  ...(out.ExecutedVersion !== undefined ? { executedVersion: out.ExecutedVersion } : {}),
  ...(out.LogResult !== undefined ? { logResult: out.LogResult } : {}),
})

const rejected = (functionName: string, code: string, message: string): Either<InvokeFailure, never> =>
  E.left({ _tag: 'Rejected', functionName, code, message })

/**
 * An `Invoker` over the AWS SDK's Lambda client: one `Invoke` per call, never
 * retried by the SDK, every failure typed by what it proves (`NotRun`,
 * `Rejected`, `Unknown`); it never throws. Throws a `TypeError` at once for a
 * bad `timeoutMs`.
 */
export const makeLambdaInvoker = (options: LambdaInvokerOptions = {}): Invoker => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647) {
    throw new TypeError(`makeLambdaInvoker: timeoutMs must be a positive whole number of milliseconds (at most 2147483647), got ${String(options.timeoutMs)}`)
  }
  let defaultClient = options.client
  const deadlines = new Deadlines(timeoutMs)
  const regional = new Map<string, LambdaClient>()
  const factory = options.clientForRegion ?? (options.client === undefined ? makeClient : undefined)

  /** The client for a call that names a region; `undefined` when none may serve it. */
  const clientFor = async (region: string): Promise<LambdaClient | undefined> => {
    const cached = regional.get(region)
    if (cached !== undefined) return cached
    if (factory === undefined) {
      const own = await options.client?.config.region().catch(() => undefined)
      return own === region ? options.client : undefined
    }
    const made = factory(region)
    regional.set(region, made)
    return made
  }

  const invoke = async (call: InvokeCall, opts?: InvokeOptions): Promise<Either<InvokeFailure, InvokeResponse>> => {
    const { functionName } = call
    const signal = opts?.signal
    let sending = false
    try {
      if (signal?.aborted === true) {
        return E.left({ _tag: 'NotRun', functionName, code: 'Aborted', message: `Invoking Lambda function ${functionName} was aborted before the request was sent (the function did not run).` })
      }
      const payload = encoder.encode(call.payload)
      if (payload.byteLength > MAX_PAYLOAD_BYTES) {
        return rejected(
          functionName,
          'PayloadTooLarge',
          `The payload for Lambda function ${functionName} is ${payload.byteLength.toLocaleString('en-US')} bytes; Lambda accepts at most ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes (6 MB) for a synchronous invoke. Nothing was sent.`,
        )
      }
      if (call.clientContext !== undefined && call.clientContext.length > MAX_CLIENT_CONTEXT_BYTES) {
        return rejected(
          functionName,
          'ClientContextTooLarge',
          `The client context for Lambda function ${functionName} is ${call.clientContext.length.toLocaleString('en-US')} bytes of base64; Lambda accepts at most ${MAX_CLIENT_CONTEXT_BYTES.toLocaleString('en-US')}. Nothing was sent.`,
        )
      }
      const client = call.region === undefined ? (defaultClient ??= makeClient()) : await clientFor(call.region)
      if (client === undefined) {
        return rejected(
          functionName,
          'NoClientForRegion',
          `No Lambda client for region ${String(call.region)}: the injected client serves another region. Pass clientForRegion to makeLambdaInvoker. Nothing was sent.`,
        )
      }
      const input: InvokeCommandInput = {
        FunctionName: functionName,
        InvocationType: call.invocationType ?? 'RequestResponse',
        Payload: payload,
      }
      if (call.qualifier !== undefined) input.Qualifier = call.qualifier
      if (call.tenantId !== undefined) input.TenantId = call.tenantId
      if (call.logType !== undefined) input.LogType = call.logType
      if (call.clientContext !== undefined) input.ClientContext = call.clientContext

      // One signal carries both the caller's abort and our timeout, so the
      // timeout holds whatever handler the client was built with.
      const callSignal = new CallSignal()
      const watch = watchCall(client, input, callSignal)
      const deadline = deadlines.start(callSignal)
      const forward = signal === undefined ? undefined : () => callSignal.abort(signal.reason)
      if (forward !== undefined) signal?.addEventListener('abort', forward, { once: true })
      sending = true
      try {
        return E.right(toResponse(await client.send(new InvokeCommand(input), { abortSignal: callSignal as unknown as AbortSignal })))
      } catch (error) {
        return E.left(
          invokeFailure(unwrapAttemptError(error), {
            functionName,
            entered: watch.entered,
            dispatched: watch.dispatched,
            ...(callSignal.reason === deadlines.reason ? { timedOutAfterMs: timeoutMs } : {}),
          }),
        )
      } finally {
        releaseCall(input)
        deadlines.stop(deadline)
        if (forward !== undefined) signal?.removeEventListener('abort', forward)
      }
    } catch (error) {
      // Only a bug, or a throwing clientForRegion, gets here: `send` has its own catch.
      const why = error instanceof Error ? error.message : String(error)
      return sending
        ? E.left({ _tag: 'Unknown', functionName, code: 'InvokerError', message: `Invoking Lambda function ${functionName} failed inside the invoker after sending: ${why} (the function may have run).` })
        : rejected(functionName, 'InvokerError', `Invoking Lambda function ${functionName} failed before sending: ${why}. Nothing was sent.`)
    }
  }

  return { invoke }
}
