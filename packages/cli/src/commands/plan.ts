/**
 * `plan`: what apply would do, for people or (--json) machines. With
 * --detailed-exitcode: 0 no changes, 2 changes, 1 error.
 */
import { formatEngineError } from '@lambda-invocation/core'
import { isLeft } from 'fp-ts/lib/Either.js'
import { setupFlags } from '../args.js'
import { planningEngine, type Context } from '../context.js'
import { jsonChange, jsonDocument, jsonEngineError, jsonSummary } from '../render/json-output.js'
import { hasWork, renderPlan } from '../render/plan-text.js'
import { planAll } from './plan-all.js'
import { selectResources } from './select.js'
import { reportFailure, writeEngineErrors } from './report.js'

/** Runs `plan`; gives the exit code. */
export const runPlan = async (ctx: Context): Promise<number> => {
  const selected = await selectResources(ctx, 'all')
  if (isLeft(selected)) return reportFailure(ctx, 'plan', selected.left)
  const { changes, errors } = await planAll(planningEngine(ctx), selected.right, ctx.planOptions)
  const { showPayloads } = ctx.args
  if (ctx.args.json) {
    ctx.io.stdout.write(
      jsonDocument({
        command: 'plan',
        changes: changes.map((c) => jsonChange(c, showPayloads)),
        summary: jsonSummary(changes),
        errors: errors.map((e) => jsonEngineError(e, formatEngineError(e))),
      }),
    )
  } else {
    ctx.io.stdout.write(renderPlan(changes, { colours: ctx.out, showPayloads, targeted: ctx.args.targets.length > 0, setupFlags: setupFlags(ctx.args) }, errors.length))
    writeEngineErrors(ctx, errors)
  }
  if (errors.length > 0) return 1
  return ctx.args.detailedExitcode && hasWork(changes) ? 2 : 0
}
