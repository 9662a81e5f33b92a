/**
 * `apply` and `destroy`: plan everything first (any invalid resource, missing
 * handler or unresolved interrupted step stops the command before anything
 * runs), show the plan, then run those very changes with progress: each
 * change is the engine's `PlannedChange`, planned once, and a record that
 * moved meanwhile is refused as stale (nothing invoked for it), not planned
 * again. A stop signal (Ctrl-C, SIGTERM, SIGHUP) stops new invocations; the
 * one in flight finishes and is recorded, and the exit code names the signal.
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { mainPlan, type ApplyItem, type EngineError, type ItemResult } from '@lambda-invocation/core'
import { jsonApplied, jsonChange, jsonCliError, jsonDocument, jsonEngineError, jsonSummary, jsonWarnings } from '../render/json-output.js'
import { appliedText, completionLine, countApplied, pastTense } from '../render/apply-summary.js'
import { hasWork, renderPlan, type RenderOptions } from '../render/plan-text.js'
import { makeProgressLine, systemEvery, withProgressLine, type ProgressLine } from '../render/progress-line.js'
import { reportFailure, writeCliErrors, writeEngineErrors } from '../render/report.js'
import { setupFlags } from '../setup/args.js'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'
import { exitCodeOfSignal } from '../setup/stop-signal.js'
import { callTimeouts } from '../setup/call-timeouts.js'
import { applyingEngine, planningEngine } from '../setup/engines.js'
import { liveHolderTest } from '../setup/holder-liveness.js'
import { makeInvoker } from '../setup/invoker.js'
import { invocationsOf, planAll, type PlannedAll } from './plan-all.js'
import { asRace } from './races.js'
import { replaceOptions } from './replace.js'
import { loadSavedPlan } from './saved-plan.js'
import { stopOnSignal } from './stop-on-signal.js'
import { selectResources } from './select.js'

/** The progress line of `ctx`'s invocations: on stderr when it is a terminal, never with --json. */
export const progressLineOf = (ctx: Context): ProgressLine =>
  makeProgressLine({ write: (t) => ctx.io.stderr.write(t), enabled: ctx.io.stderr.isTTY === true && !ctx.args.json, now: Date.now, every: systemEvery, colours: ctx.err })

/** Runs `apply` (`mode` all) or `destroy` (`mode` state); gives the exit code. */
export const runApply = async (ctx: Context, command: 'apply' | 'destroy'): Promise<number> => {
  const planFile = command === 'apply' ? ctx.args.operands[0] : undefined
  if (planFile !== undefined) {
    // A saved plan: exactly its changes, without asking (it was approved when saved), or nothing if anything moved.
    const saved = await loadSavedPlan(ctx, resolve(ctx.io.cwd, planFile))
    if (E.isLeft(saved)) return reportFailure(ctx, command, saved.left)
    return runPlanned(ctx, command, { changes: saved.right.changes, errors: [] }, { approved: true })
  }
  const selected = await selectResources(ctx, command === 'apply' ? 'all' : 'state')
  if (E.isLeft(selected)) return reportFailure(ctx, command, selected.left)
  const replaced = replaceOptions(ctx)
  if (E.isLeft(replaced)) return reportFailure(ctx, command, replaced.left)
  // The resolution is part of each planned change: it says exactly what runs.
  const resolution = ctx.args.resolution
  const planned = await planAll(planningEngine(ctx), selected.right, { ...ctx.planOptions, ...(resolution === undefined ? {} : { resolution }) }, replaced.right)
  return runPlanned(ctx, command, planned, { approved: ctx.args.autoApprove })
}

/** How a set of planned changes is run. */
export interface RunPlannedOptions {
  /** Run without asking: `--auto-approve`, or a saved plan (approved when it was saved). */
  readonly approved: boolean
}

/**
 * Shows `planned` and runs exactly those changes (after approval, unless
 * `approved`): nothing runs if a resource could not be planned, a handler is
 * missing or an interrupted step has no resolution. Gives the exit code.
 */
export const runPlanned = async (ctx: Context, command: 'apply' | 'destroy', planned: PlannedAll, options: RunPlannedOptions): Promise<number> => {
  const { json, showPayloads } = ctx.args
  const { changes } = planned
  // The resolution shown is the one the changes carry (given now, or saved in a plan file).
  const resolution = changes.find((c) => c.resolution !== undefined)?.resolution
  const heldLive = liveHolderTest(ctx)
  const renderOptions: RenderOptions = {
    colours: ctx.out,
    destroying: command === 'destroy',
    targeted: ctx.args.targets.length > 0,
    setupFlags: setupFlags(ctx.args),
    showPayloads,
    heldLive,
  }
  /** Stops before anything runs: `errors` of resources not planned, `racing` steps other applies hold, `failures` of the command. */
  const stop = (errors: ReadonlyArray<EngineError>, failures: ReadonlyArray<CliError> = [], racing: ReadonlyArray<EngineError> = []): number => {
    if (json)
      ctx.io.stdout.write(
        jsonDocument({
          command,
          ...jsonWarnings(ctx.args.targets),
          changes: changes.map((c) => jsonChange(c, showPayloads)),
          summary: jsonSummary(changes),
          applied: [],
          errors: [...errors.map(jsonEngineError), ...racing.map(jsonEngineError), ...failures.map(jsonCliError)],
        }),
      )
    else {
      ctx.io.stdout.write(renderPlan(changes, renderOptions, errors.length))
      writeEngineErrors(ctx, [...errors, ...racing])
      writeCliErrors(ctx, failures)
      ctx.io.stderr.write(`Nothing was ${command === 'apply' ? 'applied' : 'destroyed'}.\n`)
    }
    return 1
  }
  if (planned.errors.length > 0) return stop(planned.errors)

  const blocked = changes.filter((c) => c.interrupted !== undefined && c.resolution === undefined)
  if (blocked.length > 0) {
    // A step another apply may still be running is a race to wait out: no resolution is offered for it.
    const racing: EngineError[] = blocked.flatMap((c) => (c.interrupted !== undefined && heldLive(c.interrupted) ? [{ _tag: 'Interrupted' as const, key: c.key, intent: c.interrupted, live: true }] : []))
    const toResolve = blocked.filter((c) => !racing.some((r) => r.key === c.key)).map((c) => c.key)
    return stop([], toResolve.length > 0 ? [{ _tag: 'Interrupted', keys: toResolve }] : [], racing)
  }

  const work = changes.filter((c) => mainPlan(c).action !== 'noop' || c.interrupted !== undefined || c.deposed !== undefined)
  if (!hasWork(changes)) {
    if (json) ctx.io.stdout.write(jsonDocument({ command, ...jsonWarnings(ctx.args.targets), changes: changes.map((c) => jsonChange(c, showPayloads)), summary: jsonSummary(changes), applied: [], errors: [] }))
    else ctx.io.stdout.write(renderPlan(changes, renderOptions))
    return 0
  }
  const ask = ctx.io.ask
  if (!options.approved && (json || ask === undefined)) return stop([], [{ _tag: 'ApprovalRequired', command, why: json ? 'json' : 'no-terminal' }])
  const invoker = await makeInvoker(ctx, invocationsOf(work), callTimeouts(work, ctx.config.timeoutsMs, ctx.args.timeoutMs))
  if (E.isLeft(invoker)) return stop([], [invoker.left])
  if (!json) ctx.io.stdout.write(`${renderPlan(changes, { ...renderOptions, ...(resolution !== undefined ? { resolution } : {}) })}\n`)
  if (!options.approved && ask !== undefined) {
    // Terraform's rule: exactly "yes" approves; anything else, an empty line or Ctrl-C included, cancels.
    const answer = await ask(`${ctx.out.bold('Do you want to perform these actions?')} Only 'yes' will be accepted to approve.\n  Enter a value: `)
    if (answer !== 'yes') {
      ctx.io.stderr.write(`\n${command === 'apply' ? 'Apply' : 'Destroy'} cancelled. Nothing was invoked.\n`)
      return 1
    }
    ctx.io.stdout.write('\n')
  }

  const stopper = stopOnSignal(ctx)
  const progressLine = progressLineOf(ctx)
  // The very changes shown: the engine runs each as planned, or answers StalePlan when its record moved.
  const items: ApplyItem[] = work.map((change) => ({ change }))
  const total = items.length
  let report: Awaited<ReturnType<ReturnType<typeof applyingEngine>['applyAll']>>
  try {
    report = await applyingEngine(ctx, withProgressLine(invoker.right, progressLine)).applyAll(items, {
      concurrency: ctx.args.concurrency,
      signal: stopper.signal,
      onProgress: (p) => {
        progressLine.clear()
        const line =
          E.isRight(p.result)
            ? `${ctx.out.bold(p.key)}: ${appliedText(p.result.right)}`
            : `${ctx.out.bold(p.key)}: ${ctx.out.red(p.result.left._tag === 'Aborted' ? 'not started (interrupted)' : p.result.left._tag === 'StalePlan' ? 'not run: changed since the plan' : 'failed')}`
        if (json) ctx.io.stderr.write(`[${p.done}/${total}] ${p.key}: ${E.isRight(p.result) ? pastTense(p.result.right) : p.result.left._tag}\n`)
        else ctx.io.stdout.write(`${ctx.out.dim(`[${p.done}/${total}]`)} ${line}\n`)
      },
    })
  } finally {
    stopper.unregister()
  }
  // (The items are the engine's own plans: a refusal of them would be a bug, shown as it is.)
  if (E.isLeft(report)) return stop([report.left])
  const results: ReadonlyArray<ItemResult> = report.right.results

  const applied = results.flatMap((r) => (E.isRight(r.result) ? [r.result.right] : []))
  // A change another apply got to first, and whose step it may still be running, is told as that race.
  const errors = await Promise.all(results.flatMap((r) => (E.isLeft(r.result) ? [asRace(ctx.store, r.result.left, heldLive)] : [])))
  const failed = errors.filter((e) => e._tag !== 'Aborted')
  if (json) {
    ctx.io.stdout.write(
      jsonDocument({
        command,
        ...jsonWarnings(ctx.args.targets),
        changes: changes.map((c) => jsonChange(c, showPayloads)),
        summary: jsonSummary(changes),
        applied: applied.map((a) => jsonApplied(a, showPayloads)),
        errors: errors.map(jsonEngineError),
        cancelled: stopper.signal.aborted,
      }),
    )
  } else {
    if (showPayloads)
      for (const a of applied)
        for (const { request, response } of a.invocations)
          ctx.io.stdout.write(`${ctx.out.bold(a.key)} ${ctx.out.dim(`${request.lifecycle} response:`)} ${response.payload}\n`)
    writeEngineErrors(ctx, failed)
    const notDone = { failed: failed.length, notStarted: errors.length - failed.length, cancelled: stopper.signal.aborted }
    ctx.io.stdout.write(`\n${completionLine(command, countApplied(applied, changes), notDone, ctx.out)}\n`)
  }
  const stoppedBy = stopper.stoppedBy()
  if (stoppedBy !== undefined) return exitCodeOfSignal(stoppedBy)
  return failed.length > 0 ? 1 : 0
}
