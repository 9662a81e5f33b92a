/**
 * `plan`: what apply would do, for people or (--json) machines. With
 * --detailed-exitcode: 0 no changes, 2 changes, 1 error. With --out FILE,
 * the plan is also saved for `apply FILE`.
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { jsonChange, jsonCliError, jsonDocument, jsonEngineError, jsonSummary, jsonWarnings } from '../render/json-output.js'
import { hasWork, renderPlan, shellWord } from '../render/plan-text.js'
import { reportFailure, writeCliErrors, writeEngineErrors } from '../render/report.js'
import { setupFlags } from '../setup/args.js'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'
import { planningEngine } from '../setup/engines.js'
import { liveHolderTest } from '../setup/holder-liveness.js'
import { checkLocalHandlers } from '../setup/invoker.js'
import { invocationsOf, planAll } from './plan-all.js'
import { replaceOptions } from './replace.js'
import { savePlan } from './saved-plan.js'
import { selectResources } from './select.js'

/** Runs `plan`; gives the exit code. */
export const runPlan = async (ctx: Context): Promise<number> => {
  const selected = await selectResources(ctx, 'all')
  if (E.isLeft(selected)) return reportFailure(ctx, 'plan', selected.left)
  const replaced = replaceOptions(ctx)
  if (E.isLeft(replaced)) return reportFailure(ctx, 'plan', replaced.left)
  // (--resolve goes with plan only under --out: the choice is saved in the plan.)
  const { resolution, out } = ctx.args
  const { changes, errors } = await planAll(planningEngine(ctx), selected.right, { ...ctx.planOptions, ...(resolution === undefined ? {} : { resolution }) }, replaced.right)
  // What apply would refuse before running anything is said now too: each function without a local handler.
  const handlers = await checkLocalHandlers(ctx, invocationsOf(changes.filter((c) => hasWork([c]))))
  const failures: CliError[] = E.isLeft(handlers) ? [handlers.left] : []
  const { showPayloads } = ctx.args
  const planFile = out === undefined ? undefined : resolve(ctx.io.cwd, out)
  // A plan with errors is not saved: applying it could not run what was asked.
  const saved = planFile === undefined || errors.length > 0 || failures.length > 0 ? undefined : await savePlan(ctx, changes, planFile)
  if (saved !== undefined && E.isLeft(saved)) failures.push(saved.left)
  if (ctx.args.json) {
    ctx.io.stdout.write(
      jsonDocument({
        command: 'plan',
        ...jsonWarnings(ctx.args.targets),
        changes: changes.map((c) => jsonChange(c, showPayloads)),
        summary: jsonSummary(changes),
        errors: [...errors.map(jsonEngineError), ...failures.map(jsonCliError)],
        ...(saved !== undefined && E.isRight(saved) ? { planFile } : {}),
      }),
    )
  } else {
    ctx.io.stdout.write(
      renderPlan(changes, { colours: ctx.out, showPayloads, targeted: ctx.args.targets.length > 0, setupFlags: setupFlags(ctx.args), heldLive: liveHolderTest(ctx), ...(resolution === undefined ? {} : { resolution }) }, errors.length),
    )
    writeEngineErrors(ctx, errors)
    writeCliErrors(ctx, failures)
    if (planFile !== undefined && (errors.length > 0 || failures.length > 0) && !(saved !== undefined && E.isLeft(saved))) ctx.io.stderr.write(`No plan was saved in ${planFile}.\n`)
    if (saved !== undefined && E.isRight(saved))
      ctx.io.stdout.write(
        // (The path as given, as Terraform prints it: the command runs from here, with the same flags.)
        `\nSaved the plan to: ${out} (mode 0600: it holds the payloads)\n\nTo perform exactly these actions, run:\n  ${['lambda-invocation', 'apply', ...setupFlags(ctx.args), out!].map(shellWord).join(' ')}\n`,
      )
  }
  if (errors.length > 0 || failures.length > 0) return 1
  return ctx.args.detailedExitcode && hasWork(changes) ? 2 : 0
}
