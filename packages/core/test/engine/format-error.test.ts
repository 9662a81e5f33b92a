import { describe, expect, it } from 'vitest'
import { formatEngineError } from '../../src/engine/format-error.js'
import type { EngineError } from '../../src/engine/types.js'
import { makeRequest } from '../../src/testing/fixtures.js'

const request = makeRequest({ functionName: 'seed', qualifier: '$LATEST', payload: '{}', lifecycle: 'update' })
const intent = { action: 'update', lifecycle: 'update', functionName: 'seed', qualifier: '$LATEST', payloadMd5: '0'.repeat(32), startedAt: '2026-01-01T00:00:00.000Z' } as const

describe('formatEngineError', () => {
  const cases: Array<[EngineError, ReadonlyArray<string | RegExp>]> = [
    [{ _tag: 'InvalidInput', key: 'db', problems: [{ path: ['input'], message: 'must be JSON' }] }, ['Invalid input for "db"', 'input: must be JSON']],
    [{ _tag: 'Interrupted', key: 'db', intent }, ['update invocation of seed:$LATEST for "db"', '2026-01-01T00:00:00.000Z', 'never finished recording', 'retry', 'assume-done', 'forget']],
    [{ _tag: 'Interrupted', key: 'db', intent: { ...intent, outcome: 'unknown', message: 'socket hang up' } }, ['outcome is unknown (socket hang up)', 'may have run']],
    [{ _tag: 'InvokeFailed', key: 'db', request, attempts: 3, failure: { _tag: 'NotRun', functionName: 'seed', message: 'Rate exceeded', code: 'TooManyRequestsException' } }, [/^The update invocation of seed:\$LATEST for "db" could not be made after 3 attempts \(TooManyRequestsException\): Rate exceeded\./, 'did not run', 'try again later']],
    [{ _tag: 'InvokeFailed', key: 'db', request, attempts: 1, failure: { _tag: 'Rejected', functionName: 'seed', message: 'Function not found' } }, ['was refused: Function not found', 'fix the cause']],
    [{ _tag: 'InvokeFailed', key: 'db', request, attempts: 1, failure: { _tag: 'Unknown', functionName: 'seed', message: 'timed out' } }, ['got no answer: timed out', 'may have run', 'retry, assume-done or forget']],
    [{ _tag: 'InvokeFailed', key: '', request: { functionName: 'seed', payload: '{}' }, attempts: 1, failure: { _tag: 'Rejected', functionName: 'seed', message: 'denied' } }, [/^The call of seed:\$LATEST was refused: denied/]],
    [{ _tag: 'FunctionError', key: 'db', request, functionName: 'seed', functionError: 'Unhandled', payload: '{"errorMessage":"boom"}' }, ['The function seed failed (Unhandled) in the update invocation of seed:$LATEST for "db": {"errorMessage":"boom"}', 'as it was before this step, so the next apply runs it again']],
    [{ _tag: 'StoreFailed', key: 'db', failure: { _tag: 'Conflict', key: 'db', expected: '1', message: 'version moved' } }, ['changed by another apply', 'nothing was invoked']],
    [{ _tag: 'StoreFailed', key: 'db', failure: { _tag: 'Unavailable', message: 'disk full' } }, ['could not be used for "db": disk full', 'interrupted']],
    [{ _tag: 'StoreFailed', key: 'db', failure: { _tag: 'Corrupt', key: 'db', message: 'not a record', problems: [{ path: ['state', 'id'], message: 'is required' }] } }, ['not readable: not a record', 'state.id: is required']],
    [{ _tag: 'Aborted', key: 'db' }, ['stopped before its next step']],
  ]

  it.each(cases)('renders %o', (error, expected) => {
    const text = formatEngineError(error)
    for (const e of expected) {
      if (typeof e === 'string') expect(text).toContain(e)
      else expect(text).toMatch(e)
    }
  })

  it("takes an adapter's message as a clause: no doubled full stop", () => {
    const text = formatEngineError({ _tag: 'InvokeFailed', key: 'db', request, attempts: 1, failure: { _tag: 'Unknown', functionName: 'seed', message: 'The connection was reset after the request was sent.' } })
    expect(text).toContain('after the request was sent. The function may have run')
    expect(text).not.toContain('..')
  })

  it('covers every tag', () => {
    expect(new Set(cases.map(([e]) => e._tag))).toEqual(new Set(['InvalidInput', 'Interrupted', 'InvokeFailed', 'FunctionError', 'StoreFailed', 'Aborted']))
  })
})
