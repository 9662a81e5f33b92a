import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { parseJson } from '../json/parse.js'
import type { FunctionName, Qualifier, Region, TenantId } from '../model/brand.js'
import { exceedsBytes, MAX_CLIENT_CONTEXT_BYTES, MAX_PAYLOAD_BYTES, utf8Length } from '../model/limits.js'
import type { Problem } from '../model/problem.js'
import type { InvocationType, InvokeCall, LogType } from '../ports/invoker.js'
import { FunctionNameCodec, QualifierCodec, RegionCodec, TenantIdCodec } from './aws.js'
import { checked, decodeFields, oneOf, readable, type StrictSpec } from './codec.js'
import { isRecord } from './describe.js'
import { reportProblems } from './reporter.js'

/** An imperative invoke that passed its checks: names and formats branded. */
export interface CheckedCall extends InvokeCall {
  readonly functionName: FunctionName
  readonly qualifier?: Qualifier
  readonly tenantId?: TenantId
  readonly region?: Region
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Why a client context is not what Lambda takes (base64 of a JSON object, at most 3,583 bytes), or undefined. */
const clientContextProblem = (s: string): string | undefined => {
  if (s.length > MAX_CLIENT_CONTEXT_BYTES) return `is ${s.length} bytes of base64; Lambda takes at most ${MAX_CLIENT_CONTEXT_BYTES}`
  if (!BASE64.test(s)) return 'must be base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4 characters)'
  let text: string
  try {
    const binary = atob(s)
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return 'must be base64 of UTF-8 text'
  }
  const parsed = parseJson(text)
  if (E.isLeft(parsed) || !isRecord(parsed.right.value)) return 'must be base64 of a JSON object, e.g. {"custom":{"key":"value"}}'
  return undefined
}

const ClientContext = checked('ClientContext', (s) => {
  const why = clientContextProblem(s)
  return why === undefined ? E.right(s) : E.left(why)
})

/** A payload within Lambda's limit that is JSON, or empty. */
const Payload = checked('Payload', (s) => {
  if (exceedsBytes(s, MAX_PAYLOAD_BYTES)) return E.left(`is ${utf8Length(s)} bytes; Lambda takes at most ${MAX_PAYLOAD_BYTES}`)
  if (s.trim() === '') return E.right(s)
  const parsed = parseJson(s)
  return E.isLeft(parsed) ? E.left(`must be JSON: ${parsed.left}`) : E.right(s)
})

const CALL: StrictSpec = {
  name: 'InvokeCall',
  noun: 'the call',
  member: 'a field of an invoke',
  fields: [
    { key: 'functionName', name: 'functionName', codec: FunctionNameCodec, presence: 'required' },
    { key: 'qualifier', name: 'qualifier', codec: QualifierCodec, presence: 'optional' },
    { key: 'payload', name: 'payload', codec: Payload, presence: 'required' },
    { key: 'tenantId', name: 'tenantId', codec: TenantIdCodec, presence: 'optional' },
    { key: 'region', name: 'region', codec: RegionCodec, presence: 'optional' },
    { key: 'invocationType', name: 'invocationType', codec: oneOf<InvocationType>('InvocationType', ['RequestResponse', 'Event', 'DryRun']), presence: 'optional' },
    { key: 'logType', name: 'logType', codec: oneOf<LogType>('LogType', ['None', 'Tail']), presence: 'optional' },
    { key: 'clientContext', name: 'clientContext', codec: ClientContext, presence: 'optional' },
  ],
}

const validateCall = (u: unknown, c: t.Context): t.Validation<CheckedCall> => {
  const decoded = decodeFields(CALL, u, c)
  const fields = decoded.fields as Partial<CheckedCall>
  const { logType, invocationType } = fields
  const all = [...decoded.errors]
  if (logType === 'Tail' && invocationType !== undefined && invocationType !== 'RequestResponse') {
    all.push({ value: logType, context: t.appendContext(c, 'logType', t.string, logType), message: `Tail needs invocationType RequestResponse, got ${invocationType}` })
  }
  // No problem: every field decoded, the required ones among them.
  return all.length > 0 ? t.failures(all) : t.success(fields as CheckedCall)
}

/** An imperative invoke (`aws_lambda_invoke`), from any value: formats, a JSON payload within Lambda's limit, types, a base64 JSON client context. */
export const InvokeCallCodec: t.Type<CheckedCall, InvokeCall, unknown> = readable(
  new t.Type<CheckedCall, InvokeCall, unknown>('InvokeCall', (u): u is CheckedCall => E.isRight(validateCall(u, [])), validateCall, (a) => a),
)

/** Validates an imperative invoke; collects every problem. Never throws. */
export const checkCall = (u: unknown): E.Either<Problem[], CheckedCall> => E.mapLeft(reportProblems)(InvokeCallCodec.decode(u))
