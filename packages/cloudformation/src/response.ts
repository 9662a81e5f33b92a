import type { Answer } from './answer.js'
import type { ReplyTo } from './event.js'

/** CloudFormation refuses a custom resource response body over this many bytes. */
export const MAX_RESPONSE_BYTES = 4096

/** The JSON document PUT to the presigned `ResponseURL`. */
export interface ResponseBody {
  readonly Status: 'SUCCESS' | 'FAILED'
  readonly Reason: string
  readonly PhysicalResourceId: string
  readonly StackId: string
  readonly RequestId: string
  readonly LogicalResourceId: string
  readonly NoEcho?: boolean
  readonly Data?: Readonly<Record<string, string>>
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

const envelope = (reply: ReplyTo, answer: Answer, reason: string, data: Answer['Data'] | undefined): ResponseBody => ({
  Status: answer.Status,
  Reason: reason,
  PhysicalResourceId: answer.PhysicalResourceId,
  StackId: reply.StackId ?? '',
  RequestId: reply.RequestId ?? '',
  LogicalResourceId: reply.LogicalResourceId ?? '',
  ...(answer.NoEcho === true ? { NoEcho: true } : {}),
  ...(data === undefined ? {} : { Data: { ...data } }),
})

/** The longest prefix of `reason` (ending in `…`) whose envelope fits; JSON escapes make bytes and characters differ, so search. */
const cutReason = (fits: (reason: string) => boolean, reason: string): string => {
  const chars = Array.from(reason)
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(`${chars.slice(0, mid).join('')}…`)) lo = mid
    else hi = mid - 1
  }
  return `${chars.slice(0, lo).join('')}…`
}

/**
 * The response document for an answer, within CloudFormation's 4,096 bytes.
 * A `Result` that does not fit is left out (with `InvocationId` kept and the
 * reason saying so, so a `Fn::GetAtt` of `Result` fails rather than reads a
 * cut value); then a reason too long is cut. Pure; never throws.
 */
export const responseBody = (reply: ReplyTo, answer: Answer): ResponseBody => {
  const size = (reason: string, data: Answer['Data'] | undefined): number => bytes(JSON.stringify(envelope(reply, answer, reason, data)))
  // CloudFormation requires a reason with FAILED.
  let reason = answer.Reason === '' ? answer.Status : answer.Reason
  let data = answer.Data
  if (size(reason, data) <= MAX_RESPONSE_BYTES) return envelope(reply, answer, reason, data)
  if (data?.Result !== undefined) {
    // First, so that cutting a long reason keeps it.
    reason = `Result left out: it is ${bytes(data.Result).toLocaleString('en-US')} bytes and a CloudFormation response holds ${MAX_RESPONSE_BYTES.toLocaleString('en-US')} in all (Fn::GetAtt of Result fails; InvocationId is given). ${reason}`
    data = { InvocationId: data.InvocationId }
  }
  const fits = (r: string): boolean => size(r, data) <= MAX_RESPONSE_BYTES
  if (fits(reason)) return envelope(reply, answer, reason, data)
  if (fits('…')) return envelope(reply, answer, cutReason(fits, reason), data)
  // Only absurdly long ids get here: keep what CloudFormation needs to match the answer.
  return envelope(reply, answer, '…', undefined)
}
