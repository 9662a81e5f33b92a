import { md5Hex } from '../plan/id.js'
import type { Intent } from '../model/record.js'
import type { InvokeRequest } from '../model/types.js'

/** The intent recorded before running `request` as a step of a plan with action `action`. */
export const intentFor = (action: Intent['action'], request: InvokeRequest, startedAt: Date): Intent => ({
  action,
  lifecycle: request.lifecycle,
  functionName: request.functionName,
  qualifier: request.qualifier,
  payloadMd5: md5Hex(request.payload),
  startedAt: startedAt.toISOString(),
})

/** Whether `request` is the very step `intent` recorded: same function, qualifier, lifecycle action and payload bytes. */
export const isSameStep = (intent: Intent, request: InvokeRequest): boolean =>
  intent.lifecycle === request.lifecycle &&
  intent.functionName === request.functionName &&
  intent.qualifier === request.qualifier &&
  intent.payloadMd5 === md5Hex(request.payload)
