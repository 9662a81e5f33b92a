/**
 * `apply --fleet`: this process as one of several runners applying one
 * config to one state (`--state-s3`). No plan is shown up front, as the other
 * runners change the state meanwhile: the engine plans each resource just
 * before running it (`applyAll` with `claimed: 'skip'`), each runner starting
 * at its own place in the resources, and leaves to another runner a step it
 * holds or did. The end says what this runner did, what the others did or are
 * doing, and what is pending or failed; exit 0 when nothing is.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ApplyAllSummary, ApplyItem, Intent, ItemResult, ItemStatus } from '@lambda-invocation/core'
import { appliedText, pastTense } from '../render/apply-summary.js'
import { byAnotherText, fleetComplete, fleetSummaryText } from '../render/fleet-summary.js'
import { jsonApplied, jsonDocument, jsonEngineError } from '../render/json-output.js'
import { reportFailure, writeEngineErrors } from '../render/report.js'
import { functionTimeouts } from '../setup/call-timeouts.js'
import type { Context } from '../setup/context.js'
import { applyingEngine } from '../setup/engines.js'
import { liveHolderTest } from '../setup/holder-liveness.js'
import { makeInvoker } from '../setup/invoker.js'
import { exitCodeOfSignal } from '../setup/stop-signal.js'
import type { NeededFunction } from '../handlers/local-invoker.js'
import { withProgressLine } from '../render/progress-line.js'
import { progressLineOf } from './apply.js'
import { selectResources } from './select.js'
import { stopOnSignal } from './stop-on-signal.js'

/**
 * An item's status as the fleet counts it, once the run is over: a resource
 * that had no record when this runner started, and that it found with nothing
 * to do, was created by another runner meanwhile. A step the engine left to
 * another runner whose holder now looks gone (see `heldLive`: its pid on this
 * host has exited) is read again: done by that runner if it finished it, else
 * an interrupted step to resolve, so failed.
 */
const settledStatus = async (ctx: Context, r: ItemResult, absentAtStart: ReadonlySet<string>, heldLive: (intent: Intent) => boolean): Promise<ItemStatus> => {
  if (r.status === 'unchanged' && absentAtStart.has(r.key)) return 'done-by-another'
  if (r.status !== 'held-by-another' || E.isRight(r.result) || r.result.left._tag !== 'Interrupted') return r.status
  const left = r.result.left.intent
  if (heldLive(left)) return r.status
  const read = await ctx.store.read(r.key)
  if (E.isLeft(read)) return r.status
  const now = read.right?.record.intent
  if (now === undefined) return 'done-by-another'
  const same = now.startedAt === left.startedAt && now.holder?.id === left.holder?.id
  return same ? 'failed' : heldLive(now) ? 'held-by-another' : 'failed'
}

const summaryOf = (statuses: ReadonlyArray<ItemStatus>): ApplyAllSummary => {
  const n = (s: ItemStatus): number => statuses.filter((x) => x === s).length
  return {
    total: statuses.length,
    applied: n('applied'),
    unchanged: n('unchanged'),
    doneByAnother: n('done-by-another'),
    heldByAnother: n('held-by-another'),
    failed: n('failed'),
    pending: n('pending'),
  }
}

/** Runs `apply --fleet`; gives the exit code. */
export const runFleetApply = async (ctx: Context): Promise<number> => {
  const { json, showPayloads } = ctx.args
  const selected = await selectResources(ctx, 'all')
  if (E.isLeft(selected)) return reportFailure(ctx, 'apply', selected.left)
  const listed = await ctx.store.list()
  if (E.isLeft(listed)) return reportFailure(ctx, 'apply', { _tag: 'StoreFailed', key: '', message: `cannot list the state (${ctx.stateLabel}): ${listed.left.message}` })
  const inState = new Set(listed.right)
  const heldLive = liveHolderTest(ctx)
  const absentAtStart = new Set(selected.right.filter((s) => !inState.has(s.key)).map((s) => s.key))

  // The functions to check handlers for: each configured resource's, and the stored state's of one to destroy.
  const needed: NeededFunction[] = []
  for (const { key } of selected.right) {
    const args = ctx.config.resources.get(key)
    if (args !== undefined) {
      needed.push({ key, functionName: args.functionName, qualifier: args.qualifier, region: args.region })
      continue
    }
    const read = await ctx.store.read(key)
    const state = E.isRight(read) ? read.right?.record.state : undefined
    if (state !== undefined) needed.push({ key, functionName: state.functionName, qualifier: state.qualifier, region: state.region })
  }
  const invoker = await makeInvoker(ctx, needed, functionTimeouts(ctx.config.resources, ctx.config.timeoutsMs, ctx.args.timeoutMs))
  if (E.isLeft(invoker)) return reportFailure(ctx, 'apply', invoker.left)

  if (ctx.args.state._tag === 'File')
    ctx.io.stderr.write(
      `${ctx.err.yellow('Note:')} --fleet with a state file: its lock lets one runner at a time, so other runners are refused while this one runs. To spread one config over many machines, keep the state in S3 (--state-s3).\n`,
    )
  const total = selected.right.length
  const resolution = ctx.args.resolution
  if (!json) ctx.io.stdout.write(`Fleet apply of ${total} resource${total === 1 ? '' : 's'} as runner ${ctx.runner.id}: each is planned as it runs; what another runner holds or did is left to it.\n`)

  const items: ApplyItem[] = selected.right.map(({ key, desired }) => (resolution === undefined ? { key, desired } : { key, desired, options: { resolution } }))
  const stopper = stopOnSignal(ctx)
  const progressLine = progressLineOf(ctx)
  let report: Awaited<ReturnType<ReturnType<typeof applyingEngine>['applyAll']>>
  try {
    report = await applyingEngine(ctx, withProgressLine(invoker.right, progressLine)).applyAll(items, {
      concurrency: ctx.args.concurrency,
      signal: stopper.signal,
      claimed: 'skip',
      onProgress: (p) => {
        progressLine.clear()
        const status = p.status === 'unchanged' && absentAtStart.has(p.key) ? 'done-by-another' : p.status
        const what =
          status === 'done-by-another' || status === 'held-by-another'
            ? byAnotherText(status)
            : E.isRight(p.result)
              ? appliedText(p.result.right)
              : ctx.out.red(p.result.left._tag === 'Aborted' ? 'not started (interrupted)' : 'failed')
        if (json) ctx.io.stderr.write(`[${p.done}/${total}] ${p.key}: ${status}\n`)
        else ctx.io.stdout.write(`${ctx.out.dim(`[${p.done}/${total}]`)} ${ctx.out.bold(p.key)}: ${what}\n`)
      },
    })
  } finally {
    stopper.unregister()
  }
  if (E.isLeft(report)) {
    writeEngineErrors(ctx, [report.left])
    return 1
  }
  const results = report.right.results
  const statuses = await Promise.all(results.map((r) => settledStatus(ctx, r, absentAtStart, heldLive)))
  const summary = summaryOf(statuses)
  const applied = results.flatMap((r, i) => (statuses[i] === 'applied' && E.isRight(r.result) ? [r.result.right] : []))
  // (A step left to a holder known gone is told as interrupted, with the resolutions.)
  const failed = results.flatMap((r, i) => {
    if (statuses[i] !== 'failed' || E.isRight(r.result)) return []
    const e = r.result.left
    return [e._tag === 'Interrupted' ? { _tag: 'Interrupted' as const, key: e.key, intent: e.intent } : e]
  })
  if (json) {
    ctx.io.stdout.write(
      jsonDocument({
        command: 'apply',
        fleet: { runner: ctx.runner, summary, results: results.map((r, i) => ({ key: r.key, status: statuses[i] })) },
        applied: applied.map((a) => jsonApplied(a, showPayloads)),
        errors: failed.map(jsonEngineError),
        cancelled: stopper.signal.aborted,
      }),
    )
  } else {
    writeEngineErrors(ctx, failed)
    const counts = new Map<string, number>()
    for (const a of applied) counts.set(pastTense(a), (counts.get(pastTense(a)) ?? 0) + 1)
    const done = [...counts].map(([what, n]) => `${n} ${what}`).join(', ')
    ctx.io.stdout.write(`\n${fleetSummaryText('Apply', summary, done, ctx.out)}\n`)
  }
  const stoppedBy = stopper.stoppedBy()
  if (stoppedBy !== undefined) return exitCodeOfSignal(stoppedBy)
  return fleetComplete(summary) ? 0 : 1
}
