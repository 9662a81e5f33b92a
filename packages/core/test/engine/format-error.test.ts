import { describe, expect, it } from 'vitest'
import { formatEngineError } from '../../src/engine/format-error.js'
import type { EngineError } from '../../src/engine/types.js'
import { makeRequest } from '../../src/testing/fixtures.js'

const request = makeRequest({ functionName: 'seed', qualifier: '$LATEST', payload: '{}', lifecycle: 'update' })
const intent = { action: 'update', lifecycle: 'update', functionName: 'seed', qualifier: '$LATEST', payloadMd5: '0'.repeat(32), startedAt: '2026-01-01T00:00:00.000Z' } as const
const holder = { id: 'runner-7', host: 'ci-3', pid: 4242 }
const create = makeRequest({ functionName: 'seed', payload: '{"n":1}', lifecycle: 'create' })
const del = makeRequest({ functionName: 'old', payload: '{"n":0}', lifecycle: 'delete' })
const ran = (...requests: ReadonlyArray<typeof create>) => requests.map((request) => ({ request, response: { statusCode: 200, payload: '"ok"' } }))

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
    [{ _tag: 'Interrupted', key: 'db', intent: { ...intent, holder }, live: true }, ['started at 2026-01-01T00:00:00.000Z by another apply (runner runner-7 on ci-3 (pid 4242)), which may still be running it', 'Wait for it to finish, or run plan to see its result', 'only once you know that apply has stopped']],
    [{ _tag: 'Interrupted', key: 'db', intent: { ...intent, holder }, live: false }, ['started at 2026-01-01T00:00:00.000Z by runner runner-7 on ci-3 (pid 4242) and it never finished recording', '(part of an update)', 'retry (invoke it again)']],
    [{ _tag: 'StalePlan', key: 'db', expected: '3', found: '5' }, ['The planned change for "db" is stale', 'planned from version 3 of the record, and the store now holds version 5', 'Nothing was invoked; plan again']],
    [{ _tag: 'StalePlan', key: 'db', expected: undefined, found: '1' }, ['planned from no record, and the store now holds version 1 of the record']],
    [{ _tag: 'StoreFailed', key: 'db', failure: { _tag: 'Conflict', key: 'db', expected: '2', message: 'version moved' }, ran: ran(del, create), unstored: true }, [/^The create invocation of seed:\$LATEST for "db" ran, but its result could not be stored: the state was changed by another apply meanwhile \(version moved\)\./, 'Before it, this apply ran the delete invocation of old:$LATEST, which is stored', 'run plan to see it', 'may propose it again']],
    [{ _tag: 'StoreFailed', key: 'db', failure: { _tag: 'Unavailable', message: 'disk full' }, ran: ran(create), unstored: true }, ['ran, but its result could not be stored: the state store could not be used (disk full)', 'stays recorded as interrupted', 'assume-done']],
    [{ _tag: 'StoreFailed', key: 'db', failure: { _tag: 'Conflict', key: 'db', expected: '2', message: 'version moved' }, ran: ran(del) }, ['changed by another apply', 'nothing was invoked by the step that lost', 'Before that, this apply ran the delete invocation of old:$LATEST, and its result is stored']],
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
    expect(new Set(cases.map(([e]) => e._tag))).toEqual(new Set(['InvalidInput', 'Interrupted', 'StalePlan', 'InvokeFailed', 'FunctionError', 'StoreFailed', 'Aborted']))
  })
})
