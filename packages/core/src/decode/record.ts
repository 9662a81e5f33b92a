import * as E from 'fp-ts/lib/Either.js'
import { problem, type PathSegment, type Problem } from '../model/problem.js'
import type { Intent, ResourceRecord } from '../model/record.js'
import { decodeState } from './state.js'
import type { InvocationState, LifecycleAction } from '../model/types.js'
import { describeType, isRecord, showValue } from './describe.js'
import { anyString, oneOf, optionalString, rejectUnknownKeys, requiredString, type Problems } from './fields.js'

const RECORD_KEYS = ['schemaVersion', 'state', 'deposed', 'intent'] as const
const INTENT_KEYS = ['action', 'lifecycle', 'functionName', 'qualifier', 'payloadMd5', 'startedAt', 'outcome', 'message'] as const

const md5Hex = (s: string): E.Either<string, string> =>
  /^[0-9a-f]{32}$/.test(s) ? E.right(s) : E.left(`must be 32 lower-case hex digits (an md5), got ${JSON.stringify(s)}`)

const isoTime = (s: string): E.Either<string, string> =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))
    ? E.right(s)
    : E.left(`must be an ISO 8601 time such as "2026-01-02T03:04:05.000Z", got ${JSON.stringify(s)}`)

const decodeIntent = (problems: Problems, path: ReadonlyArray<PathSegment>, u: unknown): Intent | undefined => {
  if (!isRecord(u)) {
    problems.push(problem(path, `must be an object, got ${describeType(u)}`))
    return undefined
  }
  const before = problems.length
  rejectUnknownKeys(problems, path, u, INTENT_KEYS, 'a field of an intent')
  const at = (k: string): PathSegment[] => [...path, k]
  const action = requiredString(problems, at('action'), u['action'], oneOf(['create', 'update', 'replace', 'delete'] as const))
  const lifecycle = requiredString(problems, at('lifecycle'), u['lifecycle'], oneOf<LifecycleAction>(['create', 'update', 'delete']))
  const functionName = requiredString(problems, at('functionName'), u['functionName'], anyString)
  const qualifier = requiredString(problems, at('qualifier'), u['qualifier'], anyString)
  const payloadMd5 = requiredString(problems, at('payloadMd5'), u['payloadMd5'], md5Hex)
  const startedAt = requiredString(problems, at('startedAt'), u['startedAt'], isoTime)
  const outcome = optionalString(problems, at('outcome'), u['outcome'], oneOf(['unknown'] as const))
  const message = optionalString(problems, at('message'), u['message'], anyString)
  if (
    problems.length > before ||
    action === undefined ||
    lifecycle === undefined ||
    functionName === undefined ||
    qualifier === undefined ||
    payloadMd5 === undefined ||
    startedAt === undefined
  ) {
    return undefined
  }
  return {
    action,
    lifecycle,
    functionName,
    qualifier,
    payloadMd5,
    startedAt,
    ...(outcome === undefined ? {} : { outcome }),
    ...(message === undefined ? {} : { message }),
  }
}

const optionalState = (problems: Problems, key: 'state' | 'deposed', u: unknown): InvocationState | undefined => {
  if (u === undefined || u === null) return undefined
  const decoded = decodeState(u)
  if (E.isLeft(decoded)) {
    problems.push(...decoded.left.map((p) => problem([key, ...p.path], p.message)))
    return undefined
  }
  return decoded.right
}

/**
 * Validates a stored record (`schemaVersion: 1`, optional `state`, `deposed`
 * and `intent`); stores use it on read. `null` fields mean absent. Never throws.
 */
export const decodeRecord = (u: unknown): E.Either<Problem[], ResourceRecord> => {
  if (!isRecord(u)) return E.left([problem([], `a record must be an object, got ${describeType(u)}`)])
  const problems: Problems = []
  rejectUnknownKeys(problems, [], u, RECORD_KEYS, 'a field of a record')
  if (u['schemaVersion'] !== 1) {
    problems.push(problem(['schemaVersion'], `must be 1, got ${showValue(u['schemaVersion'])}`))
  }
  const state = optionalState(problems, 'state', u['state'])
  const deposed = optionalState(problems, 'deposed', u['deposed'])
  const intent = u['intent'] === undefined || u['intent'] === null ? undefined : decodeIntent(problems, ['intent'], u['intent'])
  if (problems.length > 0) return E.left(problems)
  return E.right({
    schemaVersion: 1,
    ...(state === undefined ? {} : { state }),
    ...(deposed === undefined ? {} : { deposed }),
    ...(intent === undefined ? {} : { intent }),
  })
}
