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
import { parseFunctionRef, partitionOf } from './function-ref.js'
import type { Handler, LambdaContext, RawHandler } from './lambda-context.js'
import { ManualClock } from './manual-clock.js'

/** Options of `MemoryInvoker`. */
export interface MemoryInvokerOptions {
  /** Gives `getRemainingTimeInMillis` and latency faults their time. Default: a `ManualClock`. */
  readonly clock?: Clock
  /** The region of a function called by a bare name or partial ARN without a call `region`. Default `us-east-1`. */
  readonly region?: string
  /** The account of a function called by a bare name. Default `123456789012`. */
  readonly accountId?: string
}

/** Options of `register`. */
export interface RegisterOptions {
  /** The version or alias this handler answers for. Default: the one the name carries (`fn:live`), else `$LATEST`. */
  readonly qualifier?: string
  /** The version that runs (`functionVersion`, `executedVersion`). Default: the qualifier when it is a version, else `$LATEST`. */
  readonly version?: string
  /** The function's timeout, for `getRemainingTimeInMillis`. Default 3,000 ms. */
  readonly timeoutMs?: number
  /** The function's memory, for `memoryLimitInMB`. Default 128. */
  readonly memoryMB?: number
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
  readonly memoryMB: number
}

/** The function a call names, resolved the way Lambda does. */
interface Target {
  /** The bare name, whatever form the call used. */
  readonly name: string
  /** The version or alias the call named, if any. */
  readonly asked?: string
  /** The version or alias that answers: `asked`, else `$LATEST`. */
  readonly qualifier: string
  /** The unqualified ARN, in the region and account of the call's ARN, else of its `region`, else the invoker's. */
  readonly arn: string
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
  /** Log stream names by execution environment (function and version), made on its first call. */
  private readonly streams = new Map<string, string>()
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
    const key = functionName === ANY ? ANY : parseFunctionRef(functionName).name
    const queue = this.faults.get(key) ?? []
    queue.push(...faults)
    this.faults.set(key, queue)
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
    const target = this.target(call)
    const fault = this.nextFault(target.name)
    const outcome = await this.run(call, options, target, requestId, fault)
    this.recorded.push({ seq, requestId, call, functionName: target.name, qualifier: target.qualifier, fault, ...outcome })
    return outcome.result
  }

  private target(call: InvokeCall): Target {
    const ref = parseFunctionRef(call.functionName)
    const asked = ref.qualifier ?? call.qualifier
    const region = ref.region ?? call.region ?? this.region
    const partition = ref.partition ?? partitionOf(region)
    const arn = `arn:${partition}:lambda:${region}:${ref.accountId ?? this.accountId}:function:${ref.name}`
    return { name: ref.name, ...(asked === undefined ? {} : { asked }), qualifier: asked ?? '$LATEST', arn }
  }

  private add(
    functionName: string,
    options: RegisterOptions,
    run: Registered['run'],
  ): this {
    const ref = parseFunctionRef(functionName)
    const qualifier = options.qualifier ?? ref.qualifier ?? '$LATEST'
    const version = options.version ?? (/^\d+$/.test(qualifier) ? qualifier : '$LATEST')
    this.functions.set(`${ref.name}:${qualifier}`, { run, version, timeoutMs: options.timeoutMs ?? 3000, memoryMB: options.memoryMB ?? 128 })
    return this
  }

  private nextFault(name: string): Fault | undefined {
    return this.faults.get(name)?.shift() ?? this.faults.get(ANY)?.shift()
  }

  private async run(
    call: InvokeCall,
    options: InvokeOptions,
    target: Target,
    requestId: string,
    fault: Fault | undefined,
  ): Promise<Outcome> {
    // Lambda names the version it looked for, `$LATEST` included, when a function is missing.
    const notFound = `Function not found: ${target.arn}:${target.qualifier}`
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
        return fail('Rejected', 'ResourceNotFoundException', 404, `${notFound} (simulated)`)
      case 'serviceError':
        return fail('Unknown', 'ServiceException', 500, 'the service failed after the request was sent (simulated); the function may have run')
      default:
        break
    }
    const fn = this.functions.get(`${target.name}:${target.qualifier}`)
    if (fn === undefined) return fail('Rejected', 'ResourceNotFoundException', 404, notFound)
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
    // Lambda passes the client context to synchronous invocations only.
    const context = this.context(target, fn, requestId, type === 'Event' ? undefined : clientContext, call.tenantId)
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
    target: Target,
    fn: Registered,
    requestId: string,
    clientContext: unknown,
    tenantId: string | undefined,
  ): LambdaContext {
    const deadline = this.clock.now().getTime() + fn.timeoutMs
    const clock = this.clock
    return {
      functionName: target.name,
      functionVersion: fn.version,
      // The ARN as called: qualified only when the call named a version or alias, even `$LATEST`.
      invokedFunctionArn: target.asked === undefined ? target.arn : `${target.arn}:${target.asked}`,
      memoryLimitInMB: String(fn.memoryMB),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${target.name}`,
      logStreamName: this.logStream(target.name, fn.version),
      clientContext,
      tenantId,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now().getTime()),
    }
  }

  /** `2026/01/01/[$LATEST]` and 32 hex digits, as Lambda names an environment's stream: one per function version, dated by its first call. */
  private logStream(name: string, version: string): string {
    const key = `${name}:${version}`
    const known = this.streams.get(key)
    if (known !== undefined) return known
    const day = this.clock.now().toISOString().slice(0, 10).replaceAll('-', '/')
    const stream = `${day}/[${version}]${(this.streams.size + 1).toString(16).padStart(32, '0')}`
    this.streams.set(key, stream)
    return stream
  }
}
