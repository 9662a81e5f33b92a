import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { decodeArgs } from '../../src/decode/args.js'
import { decodeRecord } from '../../src/decode/record.js'
import { decodeState } from '../../src/decode/state.js'
import type { Problem } from '../../src/model/problem.js'

const wellFormedLeft = (r: E.Either<ReadonlyArray<Problem>, unknown>): void => {
  if (E.isLeft(r)) {
    expect(r.left.length).toBeGreaterThan(0)
    for (const p of r.left) {
      expect(Array.isArray(p.path)).toBe(true)
      expect(typeof p.message).toBe('string')
    }
  }
}

const stateLike = fc.record(
  {
    schemaVersion: fc.oneof(fc.constant(1), fc.anything()),
    schema_version: fc.oneof(fc.constantFrom(0, 1), fc.anything()),
    attributes: fc.anything(),
    id: fc.oneof(fc.constant('fn,$LATEST,h'), fc.anything()),
    functionName: fc.oneof(fc.constant('fn'), fc.anything()),
    function_name: fc.oneof(fc.constant('fn'), fc.anything()),
    input: fc.oneof(fc.string(), fc.anything()),
    qualifier: fc.anything(),
    triggers: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
    lifecycleScope: fc.anything(),
    terraformKey: fc.anything(),
    result: fc.anything(),
  },
  { requiredKeys: [] },
)

describe('decoders are total', () => {
  it.prop([fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('functionName', 'input', 'qualifier', 'triggers', 'region', 'tenantId', 'terraformKey', 'pulumiKey', 'lifecycleScope', 'x'), fc.anything()))], { numRuns: 200 })(
    'decodeArgs never throws',
    (u) => wellFormedLeft(decodeArgs(u)),
  )

  it.prop([fc.oneof(fc.anything(), stateLike, stateLike.map((attributes) => ({ schema_version: 0, attributes })))], { numRuns: 200 })(
    'decodeState never throws',
    (u) => wellFormedLeft(decodeState(u)),
  )

  it.prop([fc.oneof(fc.anything(), fc.record({ schemaVersion: fc.anything(), state: fc.oneof(stateLike, fc.anything()), deposed: fc.anything(), intent: fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())) }, { requiredKeys: [] }))], { numRuns: 200 })(
    'decodeRecord never throws',
    (u) => wellFormedLeft(decodeRecord(u)),
  )
})
