/**
 * Plans as text for people, in the manner of `terraform plan`: a header per
 * resource, the attributes that change (marking those that force a
 * replacement), a line diff of the input JSON, the invocations to run.
 */
import { absurd } from 'fp-ts/lib/function.js'
import { ATTRIBUTES, mainPlan, type Attribute, type Holder, type Phase, type Intent, type InvocationState, type InvokeRequest, type PlannedChange, type ResolvedArgs, type Resolution } from '@lambda-invocation/core'
import { prettyJson } from '@lambda-invocation/core/json'
import { attributeText } from './attribute-value.js'
import type { Colours } from './colour.js'
import { collapseUnchanged, diffLines, type DiffLine, type Skipped } from './line-diff.js'

/** What a plan rendering needs besides the plans. */
export interface RenderOptions {
  readonly colours: Colours
  /** Show the exact payloads sent. */
  readonly showPayloads: boolean
  /** The `--resolve` chosen for interrupted steps, when this plan is about to be applied with it. */
  readonly resolution?: Resolution
  /** The plan is a destroy's: an empty one means an empty state, not an empty config. */
  readonly destroying?: boolean
  /** Only `--target`ed resources were planned. */
  readonly targeted?: boolean
  /** Options the suggested commands repeat (`setupFlags`): the same config, state and functions. */
  readonly setupFlags?: ReadonlyArray<string>
  /** Whether another runner may still be running an interrupted step (`heldLive`): then it is a race to wait out, not a step to resolve. */
  readonly heldLive?: (intent: Intent) => boolean
}

type Shown = Exclude<Attribute, 'input'>

// The arguments in the core's table order; the input apart, shown as a diff of its lines.
const SHOWN: ReadonlyArray<Shown> = ATTRIBUTES.flatMap((r) => (r.argument === 'computed' || r.name === 'input' ? [] : [r.name]))

const WIDTH = Math.max(...SHOWN.map((a) => a.length))

type Args = ResolvedArgs | InvocationState

const valueOf = (args: Args, attribute: Shown): string | undefined => attributeText(args[attribute])

/** The lines of an input for display: pretty JSON when it parses (token-preserving), else the raw text. */
const inputLines = (input: string): string[] => (prettyJson(input) ?? input).split('\n')

const label = (attribute: string): string => attribute.padEnd(WIDTH)

const invocationLine = (r: InvokeRequest): string => `${r.functionName}:${r.qualifier} (${r.lifecycle})`

/**
 * The invocations a change sends, in the order they run: each phase's (a
 * deposed state's delete first), less the step an `AssumeDone` resolution
 * takes as done. With --show-payloads, the plan shows exactly these payloads.
 */
export const invokedBy = (change: PlannedChange): InvokeRequest[] => change.phases.flatMap((p) => sentBy(p))

const sentBy = (p: Phase): ReadonlyArray<InvokeRequest> =>
  p.plan.action === 'noop' ? [] : p.assumedResult === undefined ? p.plan.invocations : p.plan.invocations.slice(1)

/** Under the deposed state's line, which names its delete: a delete taken as done, and with --show-payloads the payload sent. */
const deposedLines = (phase: Phase<'deposed'>, o: RenderOptions, pad: string): string[] => {
  const { dim } = o.colours
  const assumed = phase.assumedResult !== undefined ? phase.plan.invocations[0] : undefined
  return [
    ...(assumed === undefined ? [] : [`${pad}${dim(`takes ${invocationLine(assumed)} as done (--resolve assume-done: not invoked)`)}`]),
    ...(o.showPayloads ? sentBy(phase).map((r) => `${pad}${dim(`payload (${r.lifecycle}):`)} ${r.payload}`) : []),
  ]
}

/** The invocations of one phase, and with --show-payloads each exact payload sent. */
const invocationLines = (phase: Phase, o: RenderOptions, pad: string): string[] => {
  const { dim } = o.colours
  const requests = phase.plan.invocations
  if (requests.length === 0) return [`${pad}${dim('invokes nothing: the state is only dropped (CREATE_ONLY scope)')}`]
  const assumed = phase.assumedResult !== undefined ? requests[0] : undefined
  const sent = sentBy(phase)
  const steps = [
    ...(assumed === undefined ? [] : [`takes ${invocationLine(assumed)} as done (--resolve assume-done: not invoked)`]),
    ...(sent.length === 0 ? [] : [`invokes ${sent.map(invocationLine).join(', then ')}`]),
  ]
  const out = [`${pad}${dim(steps.join(', then '))}`]
  if (sent.length === 0) return out
  if (o.showPayloads) for (const r of sent) out.push(`${pad}${dim(`payload (${r.lifecycle}):`)} ${r.payload}`)
  else out.push(`${pad}${dim('(payloads hidden; --show-payloads to see them)')}`)
  return out
}

const diffBlock = (before: string | undefined, after: string | undefined, o: RenderOptions, pad: string): string[] => {
  const { dim } = o.colours
  const lines = diffLines(before === undefined ? [] : inputLines(before), after === undefined ? [] : inputLines(after))
  const changed = lines.some((l) => l._tag !== 'Kept')
  const out: string[] = []
  for (const l of collapseUnchanged(lines)) out.push(paint(l, o.colours, pad))
  if (!changed && before !== after) out.push(`${pad}    ${dim('# only whitespace or formatting changed: the input is compared as exact text')}`)
  return out
}

const paint = (l: DiffLine | Skipped, c: Colours, pad: string): string => {
  switch (l._tag) {
    case 'Kept':
      return `${pad}    ${l.text}`
    case 'Removed':
      return c.red(`${pad}  - ${l.text}`)
    case 'Added':
      return c.green(`${pad}  + ${l.text}`)
    case 'Skipped':
      return `${pad}    ${c.dim(`# (${l.count} unchanged line${l.count === 1 ? '' : 's'})`)}`
    default:
      return absurd(l)
  }
}

/** Renders one planned change; an empty array for a noop with nothing in its way. */
export const renderChange = (change: PlannedChange, o: RenderOptions): string[] => {
  const { bold, red, green, yellow, dim } = o.colours
  const { key } = change
  const main = change.phases.length === 2 ? change.phases[1] : change.phases[0]
  const plan = main.plan
  const name = bold(key)
  const out: string[] = []
  const attrs = '      '
  if (change.deposed !== undefined) {
    const first = change.deposed.lifecycleScope === 'CRUD' ? `its delete (${change.deposed.functionName}:${change.deposed.qualifier}) is invoked first` : 'it is dropped first (CREATE_ONLY scope: nothing is invoked)'
    out.push(`  ${dim(`# ${key} has a deposed state (${change.deposed.id}) from an unfinished create-first replace: ${first}`)}`)
    if (change.phases.length === 2) out.push(...deposedLines(change.phases[0], o, '    '))
  }
  switch (plan.action) {
    case 'noop':
      break
    case 'create': {
      out.push(`  ${dim(`# ${key} will be created`)}`, `  ${green('+')} ${name}`)
      for (const a of SHOWN) {
        const v = valueOf(plan.desired, a)
        if (v !== undefined) out.push(`${attrs}${green('+')} ${label(a)} = ${v}`)
      }
      out.push(`${attrs}${green('+')} input:`, ...diffBlock(undefined, plan.desired.input, o, attrs))
      out.push(...invocationLines(main, o, `${attrs}  `))
      break
    }
    case 'update':
    case 'replace': {
      const forced = plan.action === 'replace' ? new Set<Attribute>(plan.forcedBy) : new Set<Attribute>()
      out.push(
        plan.action === 'update'
          ? `  ${dim(`# ${key} will be updated in place`)}`
          : `  ${dim(`# ${key} ${plan.requested === true ? 'will be replaced, as requested with --replace' : 'must be replaced'} (${plan.order === 'create-first' ? 'create first, then delete' : 'delete first, then create'})`)}`,
        plan.action === 'update' ? `  ${yellow('~')} ${name}` : plan.order === 'create-first' ? `${green('+')}/${red('-')} ${name}` : `${red('-')}/${green('+')} ${name}`,
      )
      const note = (a: Attribute): string => (forced.has(a) ? ` ${red('# forces replacement')}` : '')
      for (const a of SHOWN) {
        const before = valueOf(plan.prior, a)
        const after = valueOf(plan.desired, a)
        if (before !== after) out.push(`${attrs}${yellow('~')} ${label(a)} = ${before ?? 'null'} -> ${after ?? 'null'}${note(a)}`)
      }
      if (plan.prior.input !== plan.desired.input) {
        out.push(`${attrs}${yellow('~')} input:${note('input')}`, ...diffBlock(plan.prior.input, plan.desired.input, o, attrs))
      }
      out.push(...invocationLines(main, o, `${attrs}  `))
      break
    }
    case 'delete': {
      // As Terraform says why: a destroy the config asked for by leaving the resource out, not one `destroy` asked for.
      out.push(`  ${dim(`# ${key} will be destroyed${o.destroying === true ? '' : ' (not in the config any more)'}`)}`, `  ${red('-')} ${name}`)
      out.push(`${attrs}${red('-')} ${label('id')} = ${JSON.stringify(plan.prior.id)}`)
      for (const a of ['functionName', 'lifecycleScope'] as const) out.push(`${attrs}${red('-')} ${label(a)} = ${valueOf(plan.prior, a)}`)
      out.push(...invocationLines(main, o, `${attrs}  `))
      break
    }
    default:
      return absurd(plan)
  }
  if (change.interrupted !== undefined) out.push(...renderInterrupted(key, change.interrupted, o))
  return out
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`)

/** What a resolution does, and the `--resolve` word that chose it. */
const resolving = (r: Resolution): { readonly word: string; readonly does: string } => {
  switch (r._tag) {
    case 'Retry':
      return { word: 'retry', does: 'it runs again' }
    case 'AssumeDone':
      return { word: 'assume-done', does: `it is taken as done${r.result === undefined ? ', its result unknown' : ', with the given result'}` }
    case 'Forget':
      return { word: 'forget', does: 'it is dropped, and the resource is planned afresh from the state as it was' }
    default:
      return absurd(r)
  }
}

/**
 * Renders an interrupted step and the ways to resolve it: the command to run
 * is the one that started it (`destroy` for a delete, else `apply`), or, when
 * a resolution is already chosen, what it does.
 */
export const renderInterrupted = (key: string, intent: Intent, o: RenderOptions): string[] => {
  const { yellow, bold, dim } = o.colours
  if (intent.holder !== undefined && o.heldLive?.(intent) === true) return renderHeld(key, intent, intent.holder, o)
  const why =
    intent.outcome === 'unknown'
      ? `its outcome is unknown${intent.message === undefined ? '' : ` (${intent.message.replace(/\.+$/, '')})`}`
      : 'the process stopped before its result was recorded'
  const head = [
    `  ${yellow('!')} ${bold(key)} ${yellow('has an interrupted step')}: the ${intent.lifecycle} invocation of ${intent.functionName}:${intent.qualifier}`,
    `      (for ${article(intent.action)}), started ${intent.startedAt}; ${why}. The function may have run.`,
  ]
  if (o.resolution !== undefined) {
    const { word, does } = resolving(o.resolution)
    return [...head, `      Resolving it with --resolve ${word}: ${does}.`]
  }
  const command = intent.action === 'delete' ? 'destroy' : 'apply'
  const cmd = ['lambda-invocation', command, ...(o.setupFlags ?? []).map(shellWord), '--target', shellWord(key)].join(' ')
  return [
    ...head,
    `      Apply and destroy refuse this resource until you choose how to resolve it:`,
    `        ${cmd} --resolve retry                  ${dim('# run the invocation again')}`,
    `        ${cmd} --resolve assume-done [--result TEXT]  ${dim('# take it as done')}`,
    `        ${cmd} --resolve forget                 ${dim('# drop the step, keep the state as it was')}`,
  ]
}

/** Who a holder is, as the messages name it. */
export const holderText = (h: Holder): string => `runner ${h.id}${h.host === undefined ? '' : ` on ${h.host}`}${h.pid === undefined ? '' : ` (pid ${h.pid})`}`

/**
 * A step another apply may still be running: who started it and when, and
 * what to do (wait, or plan to see its result); no resolution is offered, as
 * running it again now could run it twice.
 */
const renderHeld = (key: string, intent: Intent, holder: Holder, o: RenderOptions): string[] => {
  const { yellow, bold } = o.colours
  return [
    `  ${yellow('!')} ${bold(key)} ${yellow('is being applied by another apply')}: the ${intent.lifecycle} invocation of ${intent.functionName}:${intent.qualifier}`,
    `      (for ${article(intent.action)}) was started at ${intent.startedAt} by ${holderText(holder)}, which may still be running it.`,
    `      Wait for it to finish, or run plan to see its result; resolve it only once you know that apply has stopped.`,
  ]
}

/** Counts of a set of planned changes. */
export interface PlanSummary {
  /** Terraform's counts: a replace is one to add and one to destroy, a deposed state's delete one to destroy. */
  readonly add: number
  readonly change: number
  readonly destroy: number
  readonly create: number
  readonly update: number
  readonly replace: number
  readonly delete: number
  readonly noop: number
  readonly interrupted: number
  readonly invocations: number
}

/** Counts actions, interrupted steps and invocations. */
export const summarize = (changes: ReadonlyArray<PlannedChange>): PlanSummary => {
  const s = { add: 0, change: 0, destroy: 0, create: 0, update: 0, replace: 0, delete: 0, noop: 0, interrupted: 0, invocations: 0 }
  for (const c of changes) {
    const plan = mainPlan(c)
    s[plan.action]++
    if (plan.action === 'create' || plan.action === 'replace') s.add++
    if (plan.action === 'update') s.change++
    if (plan.action === 'delete' || plan.action === 'replace') s.destroy++
    if (c.deposed !== undefined) s.destroy++
    if (c.interrupted !== undefined) s.interrupted++
    s.invocations += invokedBy(c).length
  }
  return s
}

/** Whether a set of changes has anything to do (a change, a deposed state or an interrupted step). */
export const hasWork = (changes: ReadonlyArray<PlannedChange>): boolean =>
  changes.some((c) => mainPlan(c).action !== 'noop' || c.interrupted !== undefined || c.deposed !== undefined)

/** Renders a whole plan: each change, then a summary line; `failed` counts resources that could not be planned. */
export const renderPlan = (changes: ReadonlyArray<PlannedChange>, o: RenderOptions, failed = 0): string => `${targetingWarning(o)}${planBody(changes, o, failed)}`

/** Terraform's warning for `-target`: what was left out may have changes too. */
export const TARGETING_WARNING = 'Resource targeting is in effect: the plan may be incomplete (only the --target resources and nothing else were planned).'

const targetingWarning = (o: RenderOptions): string => (o.targeted === true ? `${o.colours.yellow(o.colours.bold('Warning:'))} ${TARGETING_WARNING}\n\n` : '')

const planBody = (changes: ReadonlyArray<PlannedChange>, o: RenderOptions, failed: number): string => {
  const { bold } = o.colours
  const blocks = changes.map((c) => renderChange(c, o)).filter((b) => b.length > 0)
  const s = summarize(changes)
  const notPlanned = failed === 0 ? '' : ` ${failed} resource${failed === 1 ? '' : 's'} could not be planned (see the errors).`
  if (!hasWork(changes)) {
    if (failed > 0 && changes.length === 0) return `${bold('Nothing planned:')}${notPlanned}\n`
    if (failed > 0) return `${bold('Nothing to do')} for the ${changes.length} resource${changes.length === 1 ? '' : 's'} planned.${notPlanned}\n`
    if (changes.length === 0) {
      const which = o.targeted === true ? ' of those targeted' : ''
      return `${bold('No changes.')} ${o.destroying === true ? `Nothing to destroy: the state holds no resource${which}.` : `Neither the config nor the state holds a resource${which}.`}\n`
    }
    return `${bold('No changes.')} ${changes.length === 1 ? '1 resource matches' : `${changes.length} resources match`} the config.\n`
  }
  const held = o.heldLive === undefined ? 0 : changes.filter((c) => c.interrupted?.holder !== undefined && o.heldLive!(c.interrupted)).length
  return `${blocks.length > 0 ? 'lambda-invocation will perform the following actions:\n\n' : ''}${blocks.map((b) => b.join('\n')).join('\n\n')}\n\n${summaryLine(s, o.colours, held)}${notPlanned}\n`
}

/**
 * `Plan: 1 to add, 0 to change, 0 to destroy. 1 to invoke.`, as Terraform
 * counts, then the interrupted steps to resolve and (`held` of them) the
 * steps another apply is running.
 */
export const summaryLine = (s: PlanSummary, c: Colours, held = 0): string => {
  const toResolve = s.interrupted - held
  return (
    `${c.bold('Plan:')} ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy. ${s.invocations} to invoke.` +
    (toResolve > 0 ? ` ${toResolve} interrupted step${toResolve === 1 ? '' : 's'} to resolve.` : '') +
    (held > 0 ? ` ${held} step${held === 1 ? '' : 's'} another apply is running.` : '')
  )
}

/** `s` as one word for a POSIX shell, quoted only when it must be. */
export const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)
