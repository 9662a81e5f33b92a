/**
 * What moved since a plan was saved: the config (its bytes), the state it was
 * made for, the invoker, and each record (moved, added, removed). An empty
 * list: the plan still holds, and runs as it is.
 */
import type { SavedInvoker, SavedPlan } from './document.js'

/** What a saved plan is compared with: this run's config digest, state, invoker and record versions. */
export interface Now {
  readonly configFile: string
  readonly configSha256: string
  readonly state: string
  readonly invoker: SavedInvoker
  /** Every record's version now (the state's and the plan's keys; `undefined`: no record). */
  readonly versions: ReadonlyMap<string, string | undefined>
}

const invokerText = (i: SavedInvoker): string => (i.kind === 'local' ? 'local handlers' : `--aws${i.region === undefined ? '' : ` --region ${i.region}`}`)

/** Each thing that moved, in a phrase; empty when nothing did. */
export const whatMoved = (plan: SavedPlan, now: Now): ReadonlyArray<string> => {
  const moved: string[] = []
  if (plan.config.file !== now.configFile) moved.push(`it was made from the config ${plan.config.file}, not ${now.configFile}`)
  else if (plan.config.sha256 !== now.configSha256) moved.push(`the config ${now.configFile} changed`)
  if (plan.state !== now.state) moved.push(`it was made for the state ${plan.state}, not ${now.state}`)
  if (invokerText(plan.invoker) !== invokerText(now.invoker)) moved.push(`it was made to invoke with ${invokerText(plan.invoker)}, not ${invokerText(now.invoker)}`)
  if (plan.state !== now.state) return moved
  const then = new Map(plan.records.map((r) => [r.key, r.version]))
  for (const key of [...new Set([...then.keys(), ...now.versions.keys()])].sort()) {
    const before = then.get(key)
    const after = now.versions.get(key)
    if (before === after) continue
    if (before === undefined) moved.push(`"${key}" now has a record in the state (none when planned)`)
    else if (after === undefined) moved.push(`the record of "${key}" was removed from the state`)
    else moved.push(`the record of "${key}" moved (version ${before} when planned, now ${after})`)
  }
  return moved
}
