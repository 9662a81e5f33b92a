import type { ResourceRecord } from '../model/record.js'
import type { InvocationState } from '../model/types.js'

/** A valid CRUD state for `functionName`, for contract suites and tests; `input` defaults to `{"n":1}`. */
export const sampleState = (functionName = 'echo', input = '{"n":1}'): InvocationState => ({
  schemaVersion: 1,
  id: `${functionName},$LATEST,00000000000000000000000000000000`,
  functionName,
  input,
  qualifier: '$LATEST',
  triggers: { build: '1' },
  lifecycleScope: 'CRUD',
  terraformKey: 'tf',
  result: '{"ok":true}',
})

/** A record using every field (state, deposed, intent), for round-trip checks. */
export const sampleRecord = (): ResourceRecord => ({
  schemaVersion: 1,
  state: sampleState('echo', '{"n":2,"nested":{"a":[1,2,"ü"]}}'),
  deposed: sampleState('old', '{"n":1}'),
  intent: {
    action: 'replace',
    lifecycle: 'delete',
    functionName: 'old',
    qualifier: '$LATEST',
    payloadMd5: '0123456789abcdef0123456789abcdef',
    startedAt: '2026-01-02T03:04:05.000Z',
    outcome: 'unknown',
    message: 'socket hang up after the request was sent',
  },
})
