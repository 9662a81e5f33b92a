import * as E from 'fp-ts/lib/Either.js'
import { parseJson } from '../json/parse.js'
import { MAX_CLIENT_CONTEXT_BYTES, MAX_PAYLOAD_BYTES } from '../model/limits.js'
import { exceedsBytes, utf8Length } from '../plan/payload.js'
import type { InvocationType, InvokeCall, LogType } from '../ports/invoker.js'
import { problem, type Problem } from '../model/problem.js'
import { checkFunctionName, checkQualifier, checkRegion, checkTenantId } from './aws.js'
import { describeType, isRecord } from './describe.js'
import { oneOf, optionalString, rejectUnknownKeys, requiredString } from './fields.js'

const CALL_KEYS = ['functionName', 'qualifier', 'payload', 'tenantId', 'region', 'invocationType', 'logType', 'clientContext'] as const

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

/**
 * Validates an imperative invoke (`aws_lambda_invoke`): names, qualifier,
 * JSON payload within Lambda's limit, invocation and log types, and a client
 * context of base64 JSON within 3,583 bytes. Collects every problem.
 */
export const checkCall = (u: unknown): E.Either<Problem[], InvokeCall> => {
  if (!isRecord(u)) return E.left([problem([], `the call must be an object, got ${describeType(u)}`)])
  const problems: Problem[] = []
  rejectUnknownKeys(problems, [], u, CALL_KEYS, 'a field of an invoke')
  const functionName = requiredString(problems, ['functionName'], u['functionName'], checkFunctionName)
  const qualifier = optionalString(problems, ['qualifier'], u['qualifier'], checkQualifier)
  const payload = requiredString(problems, ['payload'], u['payload'], (s) => E.right(s))
  if (payload !== undefined) {
    if (exceedsBytes(payload, MAX_PAYLOAD_BYTES)) {
      problems.push(problem(['payload'], `is ${utf8Length(payload)} bytes; Lambda takes at most ${MAX_PAYLOAD_BYTES}`))
    } else if (payload.trim() !== '') {
      const parsed = parseJson(payload)
      if (E.isLeft(parsed)) problems.push(problem(['payload'], `must be JSON: ${parsed.left}`))
    }
  }
  const tenantId = optionalString(problems, ['tenantId'], u['tenantId'], checkTenantId)
  const region = optionalString(problems, ['region'], u['region'], checkRegion)
  const invocationType = optionalString(problems, ['invocationType'], u['invocationType'], oneOf<InvocationType>(['RequestResponse', 'Event', 'DryRun']))
  const logType = optionalString(problems, ['logType'], u['logType'], oneOf<LogType>(['None', 'Tail']))
  if (logType === 'Tail' && invocationType !== undefined && invocationType !== 'RequestResponse') {
    problems.push(problem(['logType'], `Tail needs invocationType RequestResponse, got ${invocationType}`))
  }
  const clientContext = optionalString(problems, ['clientContext'], u['clientContext'], (s) => {
    const why = clientContextProblem(s)
    return why === undefined ? E.right(s) : E.left(why)
  })
  if (problems.length > 0 || functionName === undefined || payload === undefined) return E.left(problems)
  return E.right({
    functionName,
    payload,
    ...(qualifier === undefined ? {} : { qualifier }),
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(region === undefined ? {} : { region }),
    ...(invocationType === undefined ? {} : { invocationType }),
    ...(logType === undefined ? {} : { logType }),
    ...(clientContext === undefined ? {} : { clientContext }),
  })
}
