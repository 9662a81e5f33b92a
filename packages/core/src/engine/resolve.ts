/**
 * An interrupted step's resolution, decided when planning, so that the
 * planned change says exactly what will run: `Forget` runs the phases as
 * planned (the intent is dropped); `Retry` runs them too, and `AssumeDone`
 * takes the interrupted step as done; both only when the step still to run
 * is the interrupted one (same function, qualifier, lifecycle and payload).
 */
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import type { Phase, PlannedChange, Resolution } from '../model/change.js'
import { problem } from '../model/problem.js'
import type { Intent } from '../model/record.js'
import { isSameStep } from './record-ops.js'
import type { EngineError } from './types.js'

const describeStep = (s: { lifecycle: string; functionName: string; qualifier: string }): string =>
  `${s.lifecycle} of ${s.functionName}:${s.qualifier}`

/** The words a person types for a resolution (the CLI's `--resolve`). */
export const resolutionWord = (r: Resolution): string => {
  switch (r._tag) {
    case 'Retry':
      return 'retry'
    case 'AssumeDone':
      return 'assume-done'
    case 'Forget':
      return 'forget'
    default:
      return absurd(r)
  }
}

/**
 * The phases as `resolution` leaves them. The pending phase (the one whose
 * first step is the next to run: the deposed delete, else the main plan)
 * must start with the interrupted step for `Retry` and `AssumeDone`.
 */
export const resolvePhases = (
  key: string,
  intent: Intent,
  phases: PlannedChange['phases'],
  resolution: Resolution,
): E.Either<EngineError, PlannedChange['phases']> => {
  if (resolution._tag === 'Forget') return E.right(phases)
  const pending = phases[0] as Phase
  const next = pending.plan.invocations[0]
  if (next === undefined || !isSameStep(intent, next)) {
    const proposed =
      next === undefined
        ? `the plan now proposes no invocation (${pending.plan.action})`
        : `the plan now proposes the ${describeStep(next)}${describeStep(next) === describeStep(intent) ? ' with another payload' : ''}`
    return E.left({
      _tag: 'InvalidInput',
      key,
      problems: [
        problem(
          ['resolution'],
          `${resolutionWord(resolution)} applies to the interrupted ${describeStep(intent)}, but ${proposed}: the arguments or the state changed since; choose forget to drop the interrupted step`,
        ),
      ],
    })
  }
  if (resolution._tag === 'Retry') return E.right(phases)
  const assumed = { ...pending, assumedResult: resolution.result ?? '' }
  return E.right(phases.length === 2 ? [assumed as Phase<'deposed'>, phases[1]] : [assumed as Phase<'main'>])
}
