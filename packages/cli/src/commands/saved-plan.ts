/**
 * Saved plans: `plan --out FILE` saves the changes with what they were
 * planned from; `apply FILE` loads them back and refuses them, before
 * anything runs, when the config, the state, the invoker or any record moved
 * since. (With the file store the lock is held from here to the end of the
 * apply, so nothing moves after this check; over S3 a record that moves
 * later is refused by the engine as `StalePlan`.)
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { PlannedChange } from '@lambda-invocation/core'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type SavedInvoker, type SavedPlan } from '../plan-file/document.js'
import { readPlanFile } from '../plan-file/read.js'
import { recordVersions } from '../plan-file/records.js'
import { whatMoved } from '../plan-file/stale.js'
import { writePlanFile } from '../plan-file/write.js'

const configDigest = (ctx: Context): E.Either<CliError, string> => {
  try {
    return E.right(createHash('sha256').update(readFileSync(ctx.config.file)).digest('hex'))
  } catch (e) {
    const message = `cannot read the config file ${ctx.config.file}: ${e instanceof Error ? e.message : String(e)}`
    return E.left({ _tag: 'ConfigError', messages: [message], problems: [{ path: [], message }] })
  }
}

const invokerOf = (ctx: Context): SavedInvoker => (ctx.args.aws ? { kind: 'aws', ...(ctx.args.region === undefined ? {} : { region: ctx.args.region }) } : { kind: 'local' })

/** Saves `changes` (planned just now) in `file`, with the config's digest and every record's version. */
export const savePlan = async (ctx: Context, changes: ReadonlyArray<PlannedChange>, file: string): Promise<E.Either<CliError, SavedPlan>> => {
  const digest = configDigest(ctx)
  if (E.isLeft(digest)) return digest
  const planned = new Map(changes.map((c) => [c.key, c.version]))
  const listed = await recordVersions(ctx.store, ctx.stateLabel, [])
  if (E.isLeft(listed)) return listed
  // A planned resource's version is the one its change was planned from; the others', as listed.
  const keys = [...new Set([...listed.right.keys(), ...planned.keys()])].sort()
  const records = keys.map((key) => {
    const version = planned.has(key) ? planned.get(key) : listed.right.get(key)
    return version === undefined ? { key } : { key, version }
  })
  const { targets, replace, resolution } = ctx.args
  const plan: SavedPlan = {
    format: PLAN_FORMAT,
    formatVersion: PLAN_FORMAT_VERSION,
    config: { file: ctx.config.file, sha256: digest.right },
    state: ctx.stateLabel,
    invoker: invokerOf(ctx),
    options: { targets, replace, ...(resolution === undefined ? {} : { resolution }) },
    records,
    changes,
  }
  const written = writePlanFile(file, `${JSON.stringify(plan, null, 2)}\n`)
  return E.isLeft(written) ? written : E.right(plan)
}

/** Loads the plan saved in `file` and checks that nothing moved since: the changes to run, or why not. */
export const loadSavedPlan = async (ctx: Context, file: string): Promise<E.Either<CliError, SavedPlan>> => {
  const plan = readPlanFile(file)
  if (E.isLeft(plan)) return plan
  const digest = configDigest(ctx)
  if (E.isLeft(digest)) return digest
  const versions = await recordVersions(ctx.store, ctx.stateLabel, plan.right.records.map((r) => r.key))
  if (E.isLeft(versions)) return versions
  const moved = whatMoved(plan.right, { configFile: ctx.config.file, configSha256: digest.right, state: ctx.stateLabel, invoker: invokerOf(ctx), versions: versions.right })
  return moved.length > 0 ? E.left({ _tag: 'StaleSavedPlan', file, moved }) : plan
}
