/**
 * `plan`: what apply would do, for people or (--json) machines. With
 * --detailed-exitcode: 0 no changes, 2 changes, 1 error.
 */
import * as E from 'fp-ts/lib/Either.js'
import { jsonChange, jsonDocument, jsonEngineError, jsonSummary } from '../render/json-output.js'
import { hasWork, renderPlan } from '../render/plan-text.js'
import { reportFailure, writeEngineErrors } from '../render/report.js'
import { setupFlags } from '../setup/args.js'
import type { Context } from '../setup/context.js'
import { planningEngine } from '../setup/engines.js'
import { liveHolderTest } from '../setup/holder-liveness.js'
import { planAll } from './plan-all.js'
import { selectResources } from './select.js'

/** Runs `plan`; gives the exit code. */
export const runPlan = async (ctx: Context): Promise<number> => {
  const selected = await selectResources(ctx, 'all')
  if (E.isLeft(selected)) return reportFailure(ctx, 'plan', selected.left)
  const { changes, errors } = await planAll(planningEngine(ctx), selected.right, ctx.planOptions)
  const { showPayloads } = ctx.args
  if (ctx.args.json) {
    ctx.io.stdout.write(
      jsonDocument({
        command: 'plan',
        changes: changes.map((c) => jsonChange(c, showPayloads)),
        summary: jsonSummary(changes),
        errors: errors.map(jsonEngineError),
      }),
    )
  } else {
    ctx.io.stdout.write(renderPlan(changes, { colours: ctx.out, showPayloads, targeted: ctx.args.targets.length > 0, setupFlags: setupFlags(ctx.args), heldLive: liveHolderTest(ctx) }, errors.length))
    writeEngineErrors(ctx, errors)
  }
  if (errors.length > 0) return 1
  return ctx.args.detailedExitcode && hasWork(changes) ? 2 : 0
}
