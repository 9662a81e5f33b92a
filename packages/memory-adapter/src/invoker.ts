import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/lib/Either.js'
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
import { waitOut } from './deadline.js'
import type { Fault } from './faults.js'
import { parseFunctionRef, partitionOf } from './function-ref.js'
import { makeContext, type ClientContext, type CognitoIdentity, type Handler, type LambdaContext, type RawHandler } from './lambda-context.js'
import { ManualClock } from './manual-clock.js'
import { answering, runHandler, type Answer, type AnyHandler } from './run-handler.js'

/** Options of `MemoryInvoker`. */
export interface MemoryInvokerOptions {
  /**
   * Gives `getRemainingTimeInMillis`, timeouts and latency faults their time.
   * Default: a `ManualClock`. A clock with a `waitFor` method (as `ManualClock`
   * has) is waited on for timeouts without being moved; any other is slept on.
   */
  readonly clock?: Clock
  /** The region of a function called by a bare name or partial ARN without a call `region`. Default `us-east-1`. */
  readonly region?: string
  /** The account of a function called by a bare name. Default `123456789012`. */
  readonly accountId?: string
  /** The Cognito identity the handlers see in `context.identity`, as when the caller holds Cognito credentials. Default: none. */
  readonly identity?: CognitoIdentity
}

/** Options of `register`. */
export interface RegisterOptions {
  /** The version or alias this handler answers for. Default: the one the name carries (`fn:live`), else `$LATEST`. */
  readonly qualifier?: string
  /** The version that runs (`functionVersion`, `executedVersion`). Default: the qualifier when it is a version, else `$LATEST`. */
  readonly version?: string
  /**
   * The function's timeout, in milliseconds (any positive number up to 2^31 - 1):
   * `getRemainingTimeInMillis` counts down from it, and a handler that has not
   * answered by then is stopped from answering: the call is `Unknown` (Lambda's
   * `Task timed out after N seconds`), as the function may have done its work.
   * Default 3,000 ms, Lambda's default.
   */
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
  readonly result: E.Either<InvokeFailure, InvokeResponse>
}

/** What a function received in one call that ran. */
export interface Received {
  readonly lifecycle?: LifecycleAction
  /** The version or alias that answered (`$LATEST` when the call named none). */
  readonly qualifier: string
  readonly payload: string
  /** The payload parsed as the function saw it (before any change the handler made to it). */
  readonly event: unknown
  readonly requestId: string
}

interface Registered {
  /** Starts the handler on one call; its answer goes to `answers`. */
  readonly start: (payload: string, event: unknown, context: LambdaContext, answers: Parameters<typeof runHandler>[3]) => void
  /** The response payload of a result the handler answered. */
  readonly encode: (result: unknown) => string
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

type Outcome = { readonly ran: boolean; readonly result: E.Either<InvokeFailure, InvokeResponse> }

const ANY = '*'

/** The longest timeout a timer can wait (`setTimeout` fires at once past it). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1

const jsonOf = (value: unknown): string => JSON.stringify(value) ?? 'null'

const encodeRaw = (result: unknown): string => (typeof result === 'string' ? result : jsonOf(result))

/** Lambda's Node.js runtime's error payload: `{ errorType, errorMessage, trace }`. */
const errorPayload = (thrown: unknown): string => {
  if (thrown instanceof Error) {
    const trace = (thrown.stack ?? '').split('\n').filter((line) => line !== '')
    return jsonOf({ errorType: thrown.name, errorMessage: thrown.message, trace })
  }
  return jsonOf({ errorType: typeof thrown, errorMessage: String(thrown), trace: [] })
}

/** The event Lambda's Node.js runtime makes of a payload: its JSON value, `{}` when empty. Throws on bad JSON. */
const parseEvent = (payload: string): unknown => (payload.trim() === '' ? {} : (JSON.parse(payload) as unknown))

const parseClientContext = (clientContext: string): E.Either<string, ClientContext> => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clientContext) || clientContext.length % 4 !== 0) {
    return E.left('Client context must be a valid Base64-encoded JSON object.')
  }
  try {
    // Passed on as decoded, unchecked, as Lambda does: see `ClientContext`.
    return E.right(JSON.parse(Buffer.from(clientContext, 'base64').toString('utf8')) as ClientContext)
  } catch {
    return E.left('Client context must be a valid Base64-encoded JSON object.')
  }
}

/** Lambda's timeout message: the timeout in seconds, with two decimals. */
const timedOutMessage = (timeoutMs: number): string =>
  `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds: the function may have done its work`

/** Why a call ended without its handler's answer. */
type Cut = 'timedOut' | 'aborted'

/**
 * An `Invoker` in memory that runs registered handlers the way Lambda's
 * Node.js runtime does, records every call in order, and plays scripted
 * faults. Deterministic: request ids count up, time comes from its clock.
 */
export class MemoryInvoker implements Invoker {
  private readonly functions = new Map<string, Registered>()
  private readonly faults = new Map<string, Fault[]>()
  private readonly recorded: CallRecord[] = []
  /** Calls started so far: several may run at once, so a call's number is taken when it starts. */
  private started = 0
  /** Log stream names by execution environment (function and version), made on its first call. */
  private readonly streams = new Map<string, string>()
  private readonly clock: Clock
  private readonly region: string
  private readonly accountId: string
  private readonly identity: CognitoIdentity | undefined

  constructor(options: MemoryInvokerOptions = {}) {
    this.clock = options.clock ?? new ManualClock()
    this.region = options.region ?? 'us-east-1'
    this.accountId = options.accountId ?? '123456789012'
    this.identity = options.identity
  }

  /**
   * Registers a handler for a function name (and qualifier), called as Lambda's
   * Node.js runtime calls it: `(event, context, callback)`, typed as the
   * caller likes (`Handler<TEvent, TResult>` of `@types/aws-lambda` fits).
   * Throws a `TypeError` for a handler that is not a function, and a
   * `RangeError` for a `timeoutMs` that is not a positive number up to 2^31 - 1.
   */
  register<TEvent = unknown, TResult = unknown>(functionName: string, handler: Handler<TEvent, TResult>, options: RegisterOptions = {}): this {
    const run = handler as unknown as AnyHandler
    return this.add(functionName, options, (_payload, event, context, answers) => runHandler(run, event, context, answers), jsonOf, handler)
  }

  /** Registers a handler that sees the raw payload and answers raw text (an exact echo: `(p) => p`); throws as `register` does. */
  registerRaw(functionName: string, handler: RawHandler, options: RegisterOptions = {}): this {
    const start: Registered['start'] = (payload, _event, context, answers) =>
      runHandler((_e: unknown, c: LambdaContext) => handler(payload, c), undefined, context, answers)
    return this.add(functionName, options, start, encodeRaw, handler)
  }

  /** Queues faults for the next calls of a function (`'*'`: of any function), one fault per call, in order. */
  script(functionName: string, ...faults: ReadonlyArray<Fault>): this {
    const key = functionName === ANY ? ANY : parseFunctionRef(functionName).name
    const queue = this.faults.get(key) ?? []
    queue.push(...faults)
    this.faults.set(key, queue)
    return this
  }

  /** Every call that has ended so far, in the order they started. */
  get calls(): ReadonlyArray<CallRecord> {
    return this.recorded
  }

  /** The calls of a function that ran, in order, with the lifecycle step each was for. */
  received(functionName: string): ReadonlyArray<Received> {
    const name = parseFunctionRef(functionName).name
    return this.recorded
      .filter((c) => c.ran && c.functionName === name)
      .map((c) => ({
        lifecycle: c.call.lifecycle,
        qualifier: c.qualifier,
        payload: c.call.payload,
        event: parseEvent(c.call.payload),
        requestId: c.requestId,
      }))
  }

  /** The lifecycle actions a function received, in order (calls without a lifecycle are left out). */
  lifecycles(functionName: string): ReadonlyArray<LifecycleAction> {
    return this.received(functionName).flatMap((r) => (r.lifecycle === undefined ? [] : [r.lifecycle]))
  }

  /** Forgets the recorded calls and the faults still queued, and numbers calls from 1 again; registered functions stay. */
  reset(): void {
    this.recorded.length = 0
    this.started = 0
    this.faults.clear()
  }

  async invoke(call: InvokeCall, options: InvokeOptions = {}): Promise<E.Either<InvokeFailure, InvokeResponse>> {
    const seq = ++this.started
    const requestId = `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`
    const target = this.target(call)
    const fault = this.nextFault(target.name)
    const outcome = await this.run(call, options, target, requestId, fault)
    this.record({ seq, requestId, call, functionName: target.name, qualifier: target.qualifier, fault, ...outcome })
    return outcome.result
  }

  /** Keeps `recorded` in the order calls started, though calls running at once may end in another order. */
  private record(entry: CallRecord): void {
    let at = this.recorded.length
    while (at > 0 && (this.recorded[at - 1]?.seq ?? 0) > entry.seq) at--
    this.recorded.splice(at, 0, entry)
  }

  private target(call: InvokeCall): Target {
    const ref = parseFunctionRef(call.functionName)
    const asked = ref.qualifier ?? call.qualifier
    const region = ref.region ?? call.region ?? this.region
    const partition = ref.partition ?? partitionOf(region)
    const arn = `arn:${partition}:lambda:${region}:${ref.accountId ?? this.accountId}:function:${ref.name}`
    return { name: ref.name, ...(asked === undefined ? {} : { asked }), qualifier: asked ?? '$LATEST', arn }
  }

  private add(functionName: string, options: RegisterOptions, start: Registered['start'], encode: Registered['encode'], handler: unknown): this {
    // A JavaScript caller gets no type check: a handler that is not a function would fail every call much later.
    if (typeof handler !== 'function') {
      throw new TypeError(`MemoryInvoker.register("${functionName}"): the handler must be a function, got ${handler === null ? 'null' : typeof handler}`)
    }
    const ref = parseFunctionRef(functionName)
    const qualifier = options.qualifier ?? ref.qualifier ?? '$LATEST'
    const version = options.version ?? (/^\d+$/.test(qualifier) ? qualifier : '$LATEST')
    const timeoutMs = options.timeoutMs ?? 3000
    if (!(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
      throw new RangeError(`MemoryInvoker.register("${functionName}"): timeoutMs must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS}, got ${String(timeoutMs)}`)
    }
    this.functions.set(`${ref.name}:${qualifier}`, { start, encode, version, timeoutMs, memoryMB: options.memoryMB ?? 128 })
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
      result: E.left({ _tag: tag, functionName: call.functionName, code, statusCode, requestId, message }),
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
        return fault.retryAfterMs === undefined || E.isRight(throttled.result)
          ? throttled
          : { ...throttled, result: E.left({ ...throttled.result.left, retryAfterMs: fault.retryAfterMs }) }
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
    let clientContext: ClientContext | undefined
    if (call.clientContext !== undefined) {
      const parsed = parseClientContext(call.clientContext)
      if (E.isLeft(parsed)) return fail('Rejected', 'InvalidRequestContentException', 400, parsed.left)
      clientContext = parsed.right
    }
    let event: unknown
    try {
      event = parseEvent(call.payload)
    } catch {
      return fail('Rejected', 'InvalidRequestContentException', 400, 'Could not parse request body into json')
    }
    const type = call.invocationType ?? 'RequestResponse'
    if (type === 'DryRun') return { ran: false, result: E.right({ statusCode: 204, payload: '' }) }
    if (fault?.kind === 'functionError') {
      const payload = jsonOf({ errorType: fault.errorType ?? 'Error', errorMessage: fault.errorMessage ?? 'simulated function error', trace: [] })
      return { ran: true, result: E.right(this.respond(call, fn, requestId, { statusCode: 200, payload, functionError: fault.functionError ?? 'Unhandled' })) }
    }
    // Lambda passes the client context to synchronous invocations only.
    const ended = await this.runHandler(target, fn, requestId, event, call.payload, type === 'Event' ? undefined : clientContext, call.tenantId, options.signal)
    if (ended === 'aborted') return fail('Unknown', 'AbortError', 0, 'the call was aborted while the function ran: it may have done its work', true)
    if (fault?.kind === 'timeoutAfterRun') {
      return fail('Unknown', 'TimeoutError', 0, 'no response before the client timeout (simulated); the function ran', true)
    }
    // An Event call was accepted: its caller never learns how the function ended.
    if (type === 'Event') return { ran: true, result: E.right({ statusCode: 202, payload: '' }) }
    if (ended === 'timedOut') return fail('Unknown', 'Sandbox.Timedout', 0, timedOutMessage(fn.timeoutMs), true)
    const answer =
      ended._tag === 'Answered' ? { payload: fn.encode(ended.result) } : { payload: errorPayload(ended.error), functionError: 'Unhandled' }
    return { ran: true, result: E.right(this.respond(call, fn, requestId, { statusCode: 200, ...answer })) }
  }

  /**
   * Runs the handler until it answers, its timeout passes on the invoker's
   * clock, or the call's signal aborts. An answer given at or after the
   * deadline is a timeout too (a handler that moved a manual clock past it, or
   * blocked the real one): it comes too late to be taken.
   */
  private async runHandler(
    target: Target,
    fn: Registered,
    requestId: string,
    event: unknown,
    payload: string,
    clientContext: ClientContext | undefined,
    tenantId: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Answer | Cut> {
    const clock = this.clock
    const deadline = clock.now().getTime() + fn.timeoutMs
    let answeredAt = Number.POSITIVE_INFINITY
    const answers = answering(() => {
      answeredAt = clock.now().getTime()
    })
    const context = makeContext(
      {
        functionName: target.name,
        functionVersion: fn.version,
        // The ARN as called: qualified only when the call named a version or alias, even `$LATEST`.
        invokedFunctionArn: target.asked === undefined ? target.arn : `${target.arn}:${target.asked}`,
        memoryLimitInMB: String(fn.memoryMB),
        awsRequestId: requestId,
        logGroupName: `/aws/lambda/${target.name}`,
        logStreamName: this.logStream(target.name, fn.version),
        identity: this.identity,
        clientContext,
        tenantId,
      },
      () => Math.max(0, deadline - clock.now().getTime()),
      answers,
    )
    const timeout = waitOut(clock, fn.timeoutMs)
    const ends: Array<Promise<Answer | Cut>> = [answers.first, timeout.done.then((): Cut => 'timedOut')]
    let onAbort: (() => void) | undefined
    if (signal !== undefined) ends.push(new Promise<Cut>((resolve) => signal.addEventListener('abort', (onAbort = () => resolve('aborted')), { once: true })))
    fn.start(payload, event, context, answers)
    try {
      const first = await Promise.race(ends)
      if (first === 'aborted') return first
      if (!answers.answered() || answeredAt >= deadline) return 'timedOut'
      return first === 'timedOut' ? await answers.first : first
    } finally {
      // Ends the wait for the deadline (and its real timer) once the call is over.
      timeout.cancel()
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort)
    }
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
