import type { InvokeFailure } from '@lambda-invocation/core'

/**
 * Lambda errors that prove the function was not started and that a later
 * attempt may succeed: throttling, a function still pending or initializing,
 * capacity not ready yet.
 */
const NOT_RUN_NAMES: ReadonlySet<string> = new Set([
  'TooManyRequestsException',
  'ResourceConflictException',
  'ResourceNotReadyException',
  'EC2ThrottledException',
  'ENINotReadyException',
  'SnapStartNotReadyException',
  'CodeArtifactUserPendingException',
])

/**
 * Lambda errors that prove the function was not started and will not be as
 * asked: a missing function or permission, a bad request, a broken
 * configuration (KMS, VPC, EFS, code package). Most are 4xx; the 502s among
 * them are configuration faults that a retry does not cure.
 */
const REJECTED_NAMES: ReadonlySet<string> = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'AccessDeniedError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'ValidationException',
  'InvalidParameterValueException',
  'InvalidRequestContentException',
  'UnsupportedMediaTypeException',
  'RequestTooLargeException',
  'SerializedRequestEntityTooLargeException',
  'RecursiveInvocationException',
  'ModeNotSupportedException',
  'NoPublishedVersionException',
  'DurableExecutionAlreadyStartedException',
  'ServiceQuotaExceededException',
  'CodeArtifactUserDeletedException',
  'CodeArtifactUserFailedException',
  'SnapStartException',
  'SnapStartRegenerationFailureException',
  'EC2AccessDeniedException',
  'EC2UnexpectedException',
  'ENILimitReachedException',
  'InvalidRuntimeException',
  'InvalidSecurityGroupIDException',
  'InvalidSubnetIDException',
  'InvalidZipFileException',
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSInvalidStateException',
  'KMSNotFoundException',
  'SubnetIPAddressLimitReachedException',
  'EFSMountConnectivityException',
  'EFSMountFailureException',
  'EFSMountTimeoutException',
  'S3FilesMountConnectivityException',
  'S3FilesMountFailureException',
  'S3FilesMountTimeoutException',
  // Raised by the SDK itself before anything is sent: nothing to sign with.
  'CredentialsProviderError',
])

/**
 * Socket errors that happen while a connection is being made (name lookup,
 * TCP connect). Node's HTTP client writes a request only on an established
 * socket, and a pooled keep-alive socket is already connected (so it cannot
 * fail this way), so these prove that no byte of the request left.
 */
const BEFORE_SENDING_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * The Node HTTP handler's connection timeout: it fires only while the socket
 * is still connecting, so nothing was sent. The handler gives it the same name
 * as a request timeout (`TimeoutError`); only its message tells them apart.
 */
const CONNECTION_TIMEOUT_TEXT = 'did not establish a connection'

/** What the invoker knows about a call that threw, besides the error itself. */
export interface FailureContext {
  readonly functionName: string
  /**
   * Whether the call entered the client's middleware stack. False when a test
   * double replaced `send`; then `dispatched` is false too and proves nothing.
   */
  readonly entered: boolean
  /** Whether the request reached the HTTP handler; when it entered the stack but did not, nothing was sent. */
  readonly dispatched: boolean
  /** Set when the invoker's own timeout aborted the call. */
  readonly timedOutAfterMs?: number
}

interface ErrorFacts {
  readonly name: string
  readonly message: string
  readonly code?: string
  readonly statusCode?: number
  readonly requestId?: string
  readonly retryAfterSeconds?: number
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

const facts = (error: unknown): ErrorFacts => {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error) }
  const e = error as Record<string, unknown>
  const meta = (typeof e['$metadata'] === 'object' && e['$metadata'] !== null ? e['$metadata'] : {}) as Record<string, unknown>
  const status = meta['httpStatusCode']
  const retryAfter = e['retryAfterSeconds']
  const seconds = typeof retryAfter === 'string' ? Number(retryAfter) : retryAfter
  return {
    name: str(e['name']) ?? 'Error',
    message: str(e['message']) ?? '',
    code: socketCode(error),
    statusCode: typeof status === 'number' ? status : undefined,
    requestId: str(meta['requestId']),
    retryAfterSeconds: typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined,
  }
}

/** The socket error code, looking through `cause` and an `AggregateError` (Node tries IPv6 and IPv4 in turn). */
const socketCode = (error: unknown, depth = 0): string | undefined => {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined
  const e = error as Record<string, unknown>
  const own = str(e['code'])
  if (own !== undefined) return own
  const inner = e['errors']
  if (Array.isArray(inner)) {
    // Only "before sending" if every attempt failed before sending.
    const codes = inner.map((x) => socketCode(x, depth + 1))
    const first = codes[0]
    if (first !== undefined && codes.every((c) => c !== undefined && BEFORE_SENDING_CODES.has(c))) return first
    return codes.find((c) => c !== undefined && !BEFORE_SENDING_CODES.has(c)) ?? first
  }
  return socketCode(e['cause'], depth + 1)
}

const byName = (name: string): InvokeFailure['_tag'] | undefined =>
  NOT_RUN_NAMES.has(name) ? 'NotRun' : REJECTED_NAMES.has(name) ? 'Rejected' : undefined

const byStatus = (status: number): InvokeFailure['_tag'] =>
  status === 429 ? 'NotRun' : status >= 400 && status < 500 && status !== 408 ? 'Rejected' : 'Unknown'

const consequence: Record<InvokeFailure['_tag'], string> = {
  NotRun: 'the function did not run; trying again is safe',
  Rejected: 'the function did not run',
  Unknown: 'the function may have run',
}

/**
 * Maps whatever an SDK `send` threw for an Invoke to a typed failure, by the
 * error's `name`, HTTP status and socket code (never `instanceof`). When the
 * evidence does not prove the function did not run, the answer is `Unknown`.
 */
export const invokeFailure = (error: unknown, context: FailureContext): InvokeFailure => {
  const f = facts(error)
  const { functionName } = context
  const base = {
    functionName,
    ...(f.requestId !== undefined ? { requestId: f.requestId } : {}),
    ...(f.statusCode !== undefined ? { statusCode: f.statusCode } : {}),
  }
  const say = (tag: InvokeFailure['_tag'], what: string): string =>
    `Invoking Lambda function ${functionName} failed: ${what} (${consequence[tag]}).`

  // The SDK failed between entering the stack and the HTTP handler: no region,
  // no endpoint, no credentials, a signing error. Whatever the error says
  // (even an HTTP status, from STS or a credentials endpoint), Lambda was not
  // called, and the same client will fail the same way. An abort is the
  // exception: it is the caller's, and `NotRun` below.
  if (context.entered && !context.dispatched && f.name !== 'AbortError') {
    const text = f.message.replace(/\.+$/, '')
    const detail = f.statusCode === undefined ? text : `${text} [HTTP ${f.statusCode}]`
    const what = f.name === 'Error' ? detail : `${f.name}: ${detail}`
    return {
      _tag: 'Rejected',
      functionName,
      code: f.name === 'Error' ? 'NotSent' : f.name,
      message: `Invoking Lambda function ${functionName} failed in the AWS SDK before the request was sent: ${what}. Nothing was sent, so the function did not run; check the client's region, endpoint and credentials.`,
    }
  }

  // A response came back: Lambda (or something in front of it) answered.
  if (f.statusCode !== undefined && f.statusCode >= 300) {
    const tag = byName(f.name) ?? byStatus(f.statusCode)
    const detail = f.message === '' ? `HTTP ${f.statusCode}` : `${f.message} [HTTP ${f.statusCode}]`
    return {
      _tag: tag,
      ...base,
      code: f.name,
      message: say(tag, `${f.name}: ${detail}`),
      ...(tag === 'NotRun' && f.retryAfterSeconds !== undefined ? { retryAfterMs: f.retryAfterSeconds * 1000 } : {}),
    }
  }

  if (f.name === 'AbortError') {
    // The handler checks the signal before it creates a request; past our
    // dispatch marker the socket may already carry the request, so only an
    // abort before it proves nothing left.
    const tag = context.dispatched ? 'Unknown' : 'NotRun'
    const what =
      context.timedOutAfterMs !== undefined
        ? `no response within the invoker's timeout of ${context.timedOutAfterMs} ms`
        : context.dispatched
          ? 'aborted after the request was sent'
          : 'aborted before the request was sent'
    return { _tag: tag, ...base, code: context.timedOutAfterMs !== undefined ? 'Timeout' : 'Aborted', message: say(tag, what) }
  }

  if (f.code !== undefined && BEFORE_SENDING_CODES.has(f.code)) {
    return { _tag: 'NotRun', ...base, code: f.code, message: say('NotRun', `could not connect to Lambda (${f.code}: ${f.message})`) }
  }
  if (f.name === 'TimeoutError' && f.message.includes(CONNECTION_TIMEOUT_TEXT)) {
    return { _tag: 'NotRun', ...base, code: 'ConnectionTimeout', message: say('NotRun', `could not connect to Lambda in time (${f.message})`) }
  }

  // A modelled Lambda error without HTTP metadata (as a test double may throw).
  const named = byName(f.name)
  if (named !== undefined) {
    return { _tag: named, ...base, code: f.name, message: say(named, `${f.name}: ${f.message}`) }
  }

  // Resets, broken pipes, request timeouts, a response cut short, anything
  // unrecognised: the request may have reached Lambda.
  const code = f.code ?? f.name
  const what = f.message === '' ? code : `${code}: ${f.message}`
  return { _tag: 'Unknown', ...base, code, message: say('Unknown', what) }
}
