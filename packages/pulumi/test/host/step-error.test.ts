import type { FunctionFailure, InvokeRequest } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { formatStepError } from '../../src/host/step-error.js'

// Requests carry branded names; these are valid ones.
const request = { functionName: 'seed', qualifier: '$LATEST', payload: '{}', lifecycle: 'update' } as InvokeRequest
const failed = (tag: 'NotRun' | 'Rejected' | 'Unknown', attempts = 1) =>
  ({ _tag: 'InvokeFailed', request, attempts, failure: { _tag: tag, functionName: 'seed', code: 'Code', message: 'what the adapter said.' } }) as const

describe('formatStepError', () => {
  it('says whether the function ran, what Pulumi keeps, and what the next run does', () => {
    expect(formatStepError('update', failed('NotRun', 3))).toBe(
      'The update invocation of seed:$LATEST could not be made after 3 attempts (Code): what the adapter said. The function did not run; ' +
        'Pulumi keeps the outputs from before this update, so the next `pulumi up` proposes the same update again.',
    )
    expect(formatStepError('delete', failed('Rejected'))).toBe(
      'The update invocation of seed:$LATEST was refused (Code): what the adapter said. The function did not run; ' +
        'Pulumi keeps the resource, so the next `pulumi up` or `pulumi destroy` tries the delete again: fix the cause first.',
    )
    expect(formatStepError('create', failed('Unknown'))).toBe(
      'The update invocation of seed:$LATEST got no answer (Code): what the adapter said. The function may have run; ' +
        'Pulumi records nothing for a failed create, so the next `pulumi up` creates it again, which invokes it again: check what it did first.',
    )
  })

  it('renders argument problems one per line, and the other failures as sentences', () => {
    expect(formatStepError('update', { _tag: 'InvalidResponse', problems: [{ path: ['responses', 0, 'payload'], message: 'must be a string, got number' }] })).toBe(
      "The invoker's answer is not a response:\nresponses[0].payload: must be a string, got number\n" +
        'The function may have run; Pulumi keeps the outputs from before this update, so the next `pulumi up` proposes the same update again, which invokes it again.',
    )
    expect(formatStepError('create', { _tag: 'InvalidInputs', problems: [{ path: ['input'], message: 'must be JSON' }] })).toBe('Invalid arguments:\ninput: must be JSON')
    expect(formatStepError('update', { _tag: 'UnexpectedPlan', action: 'replace' })).toMatch(/^Pulumi asked for an update, but .* call for a replace; nothing was invoked/)
    expect(formatStepError('create', { _tag: 'InvokerUnavailable', message: 'the module is missing' })).toBe(
      'No invoker: the module is missing. Nothing was invoked; Pulumi records nothing for a failed create, so the next `pulumi up` creates it again.',
    )
  })

  it("quotes the start of a long error report of the function, with its length", () => {
    const payload = `{"errorMessage":"${'x'.repeat(2000)}"}`
    const failure: FunctionFailure = { _tag: 'FunctionError', functionName: 'seed', qualifier: '$LATEST', lifecycle: 'create', functionError: 'Unhandled', payload, request }
    const message = formatStepError('create', { _tag: 'FunctionError', failure })
    expect(message).toBe(
      `Function seed failed (Unhandled) while handling the create: ${payload.slice(0, 500)}… (${payload.length} characters). ` +
        'Pulumi records nothing for a failed create, so the next `pulumi up` creates it again.',
    )
  })
})
