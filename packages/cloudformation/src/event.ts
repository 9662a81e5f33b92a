import * as E from 'fp-ts/lib/Either.js'
import { problem, type Problem } from '@lambda-invocation/core'

/**
 * The request CloudFormation sends a custom resource provider (its Lambda
 * function's event), after checking. CloudFormation sends every property
 * value in `ResourceProperties` as a string (numbers and booleans included),
 * objects and lists keeping their shape.
 */
export type CustomResourceEvent = CreateEvent | UpdateEvent | DeleteEvent

interface EventFields {
  /** The presigned URL the answer is PUT to. */
  readonly ResponseURL: string
  readonly StackId: string
  readonly RequestId: string
  readonly LogicalResourceId: string
  /** `Custom::LambdaInvocation`, or whatever type the template gave. */
  readonly ResourceType: string
  readonly ResourceProperties: Readonly<Record<string, unknown>>
}

/** A resource being created: no physical id yet. */
export interface CreateEvent extends EventFields {
  readonly RequestType: 'Create'
}

/** A resource whose properties changed; `OldResourceProperties` are those CloudFormation last applied. */
export interface UpdateEvent extends EventFields {
  readonly RequestType: 'Update'
  readonly PhysicalResourceId: string
  readonly OldResourceProperties: Readonly<Record<string, unknown>>
}

/** A resource being deleted, with the properties it has (after a replace: the old ones). */
export interface DeleteEvent extends EventFields {
  readonly RequestType: 'Delete'
  readonly PhysicalResourceId: string
}

/** The fields of an event needed to answer it, taken from whatever arrived (each may be missing when the event is malformed). */
export interface ReplyTo {
  readonly ResponseURL?: string
  readonly StackId?: string
  readonly RequestId?: string
  readonly LogicalResourceId?: string
  readonly RequestType?: string
  readonly PhysicalResourceId?: string
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u)

const stringField = (u: Readonly<Record<string, unknown>>, key: string): string | undefined => {
  try {
    const v = u[key]
    return typeof v === 'string' ? v : undefined
  } catch {
    return undefined
  }
}

/** What can be read of an event to answer it, even a malformed one. Never throws. */
export const replyTo = (u: unknown): ReplyTo => {
  if (!isRecord(u)) return {}
  const fields = ['ResponseURL', 'StackId', 'RequestId', 'LogicalResourceId', 'RequestType', 'PhysicalResourceId'] as const
  const out: Record<string, string> = {}
  for (const f of fields) {
    const v = stringField(u, f)
    if (v !== undefined) out[f] = v
  }
  return out
}

const describe = (u: unknown): string => (u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u === 'string' && u === '' ? 'an empty string' : typeof u)

const UNREADABLE: unique symbol = Symbol('unreadable')

const isHttpUrl = (s: string): boolean => {
  try {
    const url = new URL(s)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * Checks a CloudFormation custom resource request. Fields CloudFormation may
 * add later are let through; a missing or mistyped field it always sends is a
 * problem at its name. CDK's Provider framework answers for its handler, so
 * `onEvent` does not need `ResponseURL` (`responseUrl: 'optional'`). Never throws.
 */
export const decodeEvent = (u: unknown, options: { readonly responseUrl?: 'required' | 'optional' } = {}): E.Either<Problem[], CustomResourceEvent> => {
  if (!isRecord(u)) return E.left([problem([], `the event must be an object (a CloudFormation custom resource request), got ${describe(u)}`)])
  const problems: Problem[] = []
  const read = (key: string): unknown => {
    try {
      return u[key]
    } catch (error) {
      problems.push(problem([key], `could not be read: ${error instanceof Error ? error.message : String(error)}`))
      return UNREADABLE
    }
  }
  const required = (key: string): string => {
    const v = read(key)
    if (v === UNREADABLE) return ''
    if (v === undefined) problems.push(problem([key], 'is missing'))
    else if (typeof v !== 'string' || v === '') problems.push(problem([key], `must be a non-empty string, got ${describe(v)}`))
    return typeof v === 'string' ? v : ''
  }
  const optional = (key: string): string => {
    const v = read(key)
    return typeof v === 'string' ? v : ''
  }
  const properties = (key: string): Readonly<Record<string, unknown>> => {
    const v = read(key)
    if (v === UNREADABLE) return {}
    if (!isRecord(v)) {
      problems.push(problem([key], v === undefined ? 'is missing' : `must be an object, got ${describe(v)}`))
      return {}
    }
    return v
  }

  const type = read('RequestType')
  const resourceType = read('ResourceType')
  const fields: EventFields = {
    ResponseURL: options.responseUrl === 'optional' ? optional('ResponseURL') : required('ResponseURL'),
    StackId: required('StackId'),
    RequestId: required('RequestId'),
    LogicalResourceId: required('LogicalResourceId'),
    ResourceType: typeof resourceType === 'string' ? resourceType : '',
    ResourceProperties: properties('ResourceProperties'),
  }
  if (fields.ResponseURL !== '' && !isHttpUrl(fields.ResponseURL)) problems.push(problem(['ResponseURL'], 'must be an http(s) URL'))

  switch (type) {
    case 'Create': {
      if (problems.length > 0) return E.left(problems)
      return E.right({ RequestType: 'Create', ...fields })
    }
    case 'Update': {
      const PhysicalResourceId = required('PhysicalResourceId')
      const OldResourceProperties = properties('OldResourceProperties')
      if (problems.length > 0) return E.left(problems)
      return E.right({ RequestType: 'Update', ...fields, PhysicalResourceId, OldResourceProperties })
    }
    case 'Delete': {
      const PhysicalResourceId = required('PhysicalResourceId')
      if (problems.length > 0) return E.left(problems)
      return E.right({ RequestType: 'Delete', ...fields, PhysicalResourceId })
    }
    default:
      problems.unshift(problem(['RequestType'], `must be "Create", "Update" or "Delete", got ${typeof type === 'string' ? JSON.stringify(type) : describe(type)}`))
      return E.left(problems)
  }
}
