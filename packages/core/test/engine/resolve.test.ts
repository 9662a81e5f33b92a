import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { intentFor } from '../../src/engine/record-ops.js'
import { resolutionWord, resolvePhases } from '../../src/engine/resolve.js'
import type { PlannedChange } from '../../src/model/change.js'
import { md5Hex } from '../../src/plan/id.js'
import { plan } from '../../src/plan/plan.js'
import { sampleState } from '../../src/testing/fixtures.js'

const prior = sampleState('echo', '{"n":1}')
const planned = plan(prior, { functionName: 'echo', input: '{"n":2}', lifecycleScope: 'CRUD', triggers: { build: '1' } })
if (E.isLeft(planned)) throw new Error('no plan')
const phases: PlannedChange['phases'] = [{ phase: 'main', plan: planned.right }]
const step = planned.right.invocations[0]
if (step === undefined) throw new Error('no step')
const same = intentFor('update', step, new Date(0), md5Hex(step.payload))
const other = { ...same, payloadMd5: md5Hex('{"n":9}') }

describe('resolvePhases', () => {
  it('Forget runs the phases as planned, whatever the interrupted step was', () => {
    expect(resolvePhases('k', other, phases, { _tag: 'Forget' })).toEqual(E.right(phases))
  })

  it('Retry runs them when the next step is the interrupted one; AssumeDone takes that step as done', () => {
    expect(resolvePhases('k', same, phases, { _tag: 'Retry' })).toEqual(E.right(phases))
    expect(resolvePhases('k', same, phases, { _tag: 'AssumeDone', result: '"r"' })).toEqual(E.right([{ ...phases[0], assumedResult: '"r"' }]))
    expect(resolvePhases('k', same, phases, { _tag: 'AssumeDone' })).toEqual(E.right([{ ...phases[0], assumedResult: '' }]))
  })

  it('refuses Retry and AssumeDone when the next step is another one, at the resolution', () => {
    for (const r of [{ _tag: 'Retry' }, { _tag: 'AssumeDone' }] as const) {
      const refused = resolvePhases('k', other, phases, r)
      expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'InvalidInput', key: 'k', problems: [{ path: ['resolution'] }] })
      expect(E.isLeft(refused) && refused.left._tag === 'InvalidInput' && refused.left.problems[0]?.message).toContain(`${resolutionWord(r)} applies to the interrupted update of echo:$LATEST, but the plan now proposes the update of echo:$LATEST with another payload`)
    }
  })

  it('names each resolution with the word a person types', () => {
    expect([{ _tag: 'Retry' } as const, { _tag: 'AssumeDone' } as const, { _tag: 'Forget' } as const].map(resolutionWord)).toEqual(['retry', 'assume-done', 'forget'])
  })
})
