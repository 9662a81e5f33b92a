import { Buffer } from 'node:buffer'
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import {
  MAX_PAYLOAD_BYTES,
  type Clock,
  type InvokeCall,
  type InvokeFailure,
  type InvokeOptions,
  type Invoker,
  type InvokeResponse,
  type LifecycleAction,
} from '@lambda-invocation/core'
import type { Fault } from './faults.js'
import { parseFunctionRef } from './function-ref.js'
import type { Handler, LambdaContext, RawHandler } from './lambda-context.js'
import { ManualClock } from './manual-clock.js'

/** Options of `MemoryInvoker`. */
export interface MemoryInvokerOptions {
  /** Gives `getRemainingTimeInMillis` and latency faults their time. Default: a `ManualClock`. */
  readonly clock?: Clock
  /** Default `us-east-1`. */
  readonly region?: string
  /** Default `123456789012`. */
  readonly accountId?: string
}

/** Options of `register`. */
export interface RegisterOptions {
  /** The version or alias this handler answers for. Default `$LATEST`. */
  readonly qualifier?: string
  /** The version that runs (`functionVersion`, `executedVersion`). Default: the qualifier when it is a version, else `$LATEST`. */
  readonly version?: string
  /** The function's timeout, for `getRemainingTimeInMillis`. Default 3,000 ms. */
  readonly timeoutMs?: number
}

/** One call the invoker received, and what it answered. */
export interface CallRecord {
  /** 1 for the first call. */
  readonly seq: number
  readonly requestId: string
  readonly call: InvokeCall
  /** The bare function name, whatever form the call used. */
  readonly functionName: string
  readonly qualifier: string
  /** Whether the function ran (its handler, or a scripted function error or timeout after running). */
  readonly ran: boolean
  readonly fault?: Fault
  readonly result: Either<InvokeFailure, InvokeResponse>
}

/** What a function received in one call that ran. */
export interface Received {
  readonly lifecycle?: LifecycleAction
  readonly payload: string
  /** The payload parsed as the function saw it (before any change the handler made to it). */
  readonly event: unknown
  readonly requestId: string
}

interface Registered {
  readonly run: (payload: string, event: unknown, context: LambdaContext) => Promise<string>
  readonly version: string
  readonly timeoutMs: number
}

type Outcome = { readonly ran: boolean; readonly result: Either<InvokeFailure, InvokeResponse> }

const ANY = '*'

const jsonOf = (value: unknown): string => JSON.stringify(value) ?? 'null'

const errorPayload = (thrown: unknown): string => {
  if (thrown instanceof Error) {
    const trace = (thrown.stack ?? '').split('\n').filter((line) => line !== '')
    return jsonOf({ errorType: thrown.name, errorMessage: thrown.message, trace })
  }
  return jsonOf({ errorType: typeof thrown, errorMessage: String(thrown), trace: [] })
}

/** The event Lambda's Node.js runtime makes of a payload: its JSON value, `{}` when empty. Throws on bad JSON. */
const parseEvent = (payload: string): unknown => (payload.trim() === '' ? {} : (JSON.parse(payload) as unknown))

const parseClientContext = (clientContext: string): Either<string, unknown> => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clientContext) || clientContext.length % 4 !== 0) {
    return left('Client context must be a valid Base64-encoded JSON object.')
  }
  try {
    return right(JSON.parse(Buffer.from(clientContext, 'base64').toString('utf8')) as unknown)
  } catch {
    return left('Client context must be a valid Base64-encoded JSON object.')
  }
}

/**
 * An `Invoker` in memory that runs registered handlers the way Lambda's
 * Node.js runtime does, records every call in order, and plays scripted
 * faults. Deterministic: request ids count up, time comes from its clock.
 */
export class MemoryInvoker implements Invoker {
  private readonly functions = new Map<string, Registered>()
  private readonly faults = new Map<string, Fault[]>()
  private readonly recorded: CallRecord[] = []
  private readonly clock: Clock
  private readonly region: string
  private readonly accountId: string

  constructor(options: MemoryInvokerOptions = {}) {
    this.clock = options.clock ?? new ManualClock()
    this.region = options.region ?? 'us-east-1'
    this.accountId = options.accountId ?? '123456789012'
  }

  /** Registers a handler for a function name (and qualifier); it gets the parsed event and a Lambda-like context. */
  register(functionName: string, handler: Handler, options: RegisterOptions = {}): this {
    return this.add(functionName, options, async (_payload, event, context) => jsonOf(await handler(event, context)))
  }

  /** Registers a handler that sees the raw payload and answers raw text (an exact echo: `(p) => p`). */
  registerRaw(functionName: string, handler: RawHandler, options: RegisterOptions = {}): this {
    return this.add(functionName, options, async (payload, _event, context) => handler(payload, context))
  }

  /** Queues faults for the next calls of a function (`'*'`: of any function), one fault per call, in order. */
  script(functionName: string, ...faults: ReadonlyArray<Fault>): this {
    const queue = this.faults.get(functionName) ?? []
    queue.push(...faults)
    this.faults.set(functionName, queue)
    return this
  }

  /** Every call so far, in order. */
  get calls(): ReadonlyArray<CallRecord> {
    return this.recorded
  }

  /** The calls of a function that ran, in order, with the lifecycle step each was for. */
  received(functionName: string): ReadonlyArray<Received> {
    const name = parseFunctionRef(functionName).name
    return this.recorded
      .filter((c) => c.ran && c.functionName === name)
      .map((c) => ({ lifecycle: c.call.lifecycle, payload: c.call.payload, event: parseEvent(c.call.payload), requestId: c.requestId }))
  }

  /** The lifecycle actions a function received, in order (calls without a lifecycle are left out). */
  lifecycles(functionName: string): ReadonlyArray<LifecycleAction> {
    return this.received(functionName).flatMap((r) => (r.lifecycle === undefined ? [] : [r.lifecycle]))
  }

  /** Forgets the recorded calls and the faults still queued; registered functions stay. */
  reset(): void {
    this.recorded.length = 0
    this.faults.clear()
  }

  async invoke(call: InvokeCall, options: InvokeOptions = {}): Promise<Either<InvokeFailure, InvokeResponse>> {
    const seq = this.recorded.length + 1
    const requestId = `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`
    const ref = parseFunctionRef(call.functionName)
    const qualifier = ref.qualifier ?? call.qualifier ?? '$LATEST'
    const fault = this.nextFault(ref.name)
    const outcome = await this.run(call, options, ref.name, qualifier, requestId, fault)
    this.recorded.push({ seq, requestId, call, functionName: ref.name, qualifier, fault, ...outcome })
    return outcome.result
  }

  private add(
    functionName: string,
    options: RegisterOptions,
    run: Registered['run'],
  ): this {
    const qualifier = options.qualifier ?? '$LATEST'
    const version = options.version ?? (/^\d+$/.test(qualifier) ? qualifier : '$LATEST')
    this.functions.set(`${parseFunctionRef(functionName).name}:${qualifier}`, { run, version, timeoutMs: options.timeoutMs ?? 3000 })
    return this
  }

  private nextFault(name: string): Fault | undefined {
    return this.faults.get(name)?.shift() ?? this.faults.get(ANY)?.shift()
  }

  private async run(
    call: InvokeCall,
    options: InvokeOptions,
    name: string,
    qualifier: string,
    requestId: string,
    fault: Fault | undefined,
  ): Promise<Outcome> {
    const fail = (tag: InvokeFailure['_tag'], code: string, statusCode: number, message: string, ran = false): Outcome => ({
      ran,
      result: left({ _tag: tag, functionName: call.functionName, code, statusCode, requestId, message }),
    })
    if (options.signal?.aborted === true) return fail('NotRun', 'AbortError', 0, 'the call was aborted before it was sent')
    const size = Buffer.byteLength(call.payload, 'utf8')
    if (size > MAX_PAYLOAD_BYTES) {
      return fail('Rejected', 'RequestEntityTooLargeException', 413, `the payload is ${size} bytes; Lambda accepts at most ${MAX_PAYLOAD_BYTES}`)
    }
    if (fault?.kind === 'latency') await this.clock.sleep(fault.ms)
    switch (fault?.kind) {
      case 'throttle': {
        const throttled = fail('NotRun', 'TooManyRequestsException', 429, 'Rate exceeded (simulated throttle)')
        return fault.retryAfterMs === undefined || throttled.result._tag === 'Right'
          ? throttled
          : { ...throttled, result: left({ ...throttled.result.left, retryAfterMs: fault.retryAfterMs }) }
      }
      case 'notFound':
        return fail('Rejected', 'ResourceNotFoundException', 404, `Function not found: ${this.arn(name, qualifier)} (simulated)`)
      case 'serviceError':
        return fail('Unknown', 'ServiceException', 500, 'the service failed after the request was sent (simulated); the function may have run')
      default:
        break
    }
    const fn = this.functions.get(`${name}:${qualifier}`)
    if (fn === undefined) return fail('Rejected', 'ResourceNotFoundException', 404, `Function not found: ${this.arn(name, qualifier)}`)
    let clientContext: unknown
    if (call.clientContext !== undefined) {
      const parsed = parseClientContext(call.clientContext)
      if (parsed._tag === 'Left') return fail('Rejected', 'InvalidRequestContentException', 400, parsed.left)
      clientContext = parsed.right
    }
    let event: unknown
    try {
      event = parseEvent(call.payload)
    } catch {
      return fail('Rejected', 'InvalidRequestContentException', 400, 'Could not parse request body into json')
    }
    const type = call.invocationType ?? 'RequestResponse'
    if (type === 'DryRun') return { ran: false, result: right({ statusCode: 204, payload: '' }) }
    if (fault?.kind === 'functionError') {
      const payload = jsonOf({ errorType: fault.errorType ?? 'Error', errorMessage: fault.errorMessage ?? 'simulated function error', trace: [] })
      return { ran: true, result: right(this.respond(call, fn, requestId, { statusCode: 200, payload, functionError: fault.functionError ?? 'Unhandled' })) }
    }
    const context = this.context(name, qualifier, fn, requestId, clientContext, call.tenantId)
    let answer: { payload: string; functionError?: string }
    try {
      answer = { payload: await fn.run(call.payload, event, context) }
    } catch (thrown) {
      answer = { payload: errorPayload(thrown), functionError: 'Unhandled' }
    }
    if (fault?.kind === 'timeoutAfterRun') {
      return fail('Unknown', 'TimeoutError', 0, 'no response before the client timeout (simulated); the function ran', true)
    }
    if (type === 'Event') return { ran: true, result: right({ statusCode: 202, payload: '' }) }
    return { ran: true, result: right(this.respond(call, fn, requestId, { statusCode: 200, ...answer })) }
  }

  private respond(
    call: InvokeCall,
    fn: Registered,
    requestId: string,
    base: { statusCode: number; payload: string; functionError?: string },
  ): InvokeResponse {
    const response: InvokeResponse = { ...base, executedVersion: fn.version }
    if (call.logType !== 'Tail') return response
    const log = `START RequestId: ${requestId} Version: ${fn.version}\nEND RequestId: ${requestId}\nREPORT RequestId: ${requestId}\n`
    return { ...response, logResult: Buffer.from(log, 'utf8').toString('base64') }
  }

  private context(
    name: string,
    qualifier: string,
    fn: Registered,
    requestId: string,
    clientContext: unknown,
    tenantId: string | undefined,
  ): LambdaContext {
    const deadline = this.clock.now().getTime() + fn.timeoutMs
    const clock = this.clock
    return {
      functionName: name,
      functionVersion: fn.version,
      invokedFunctionArn: this.arn(name, qualifier),
      memoryLimitInMB: '128',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: `2026/01/01/[${fn.version}]memory`,
      clientContext,
      tenantId,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now().getTime()),
    }
  }

  private arn(name: string, qualifier: string): string {
    const base = `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`
    return qualifier === '$LATEST' ? base : `${base}:${qualifier}`
  }
}
