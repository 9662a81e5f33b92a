/**
 * `show`: the stored state of each resource (results only with
 * --show-payloads), and any deposed state or interrupted step.
 */
import * as E from 'fp-ts/lib/Either.js'
import { ATTRIBUTES, type EngineError, type InvocationState, type ResourceRecord } from '@lambda-invocation/core'
import { attributeText } from '../render/attribute-value.js'
import type { Colours } from '../render/colour.js'
import { jsonDocument, jsonEngineError, jsonRecord } from '../render/json-output.js'
import { renderInterrupted } from '../render/plan-text.js'
import { reportFailure, writeEngineErrors } from '../render/report.js'
import { setupFlags } from '../setup/args.js'
import type { Context } from '../setup/context.js'
import { planningEngine } from '../setup/engines.js'
import { selectResources } from './select.js'

type Field = Exclude<keyof InvocationState, 'schemaVersion' | 'result'>

// The core's table order, the input (often long) last; the result is a payload, shown only with --show-payloads.
const FIELDS: ReadonlyArray<Field> = [...ATTRIBUTES.flatMap((r) => (r.name === 'input' || r.name === 'result' ? [] : [r.name])), 'input']

/** A stored state, one attribute a line (the result only with --show-payloads). */
export const stateLines = (s: InvocationState, o: { readonly colours: Colours; readonly showPayloads: boolean }, pad: string): string[] => {
  const width = Math.max(...FIELDS.map((f) => f.length), 'result'.length)
  const lines: string[] = []
  for (const f of FIELDS) {
    // Printed as plan prints it; an empty map is the same as none (triggers).
    const v = attributeText(s[f])
    if (v !== undefined) lines.push(`${pad}${f.padEnd(width)} = ${v}`)
  }
  lines.push(`${pad}${'result'.padEnd(width)} = ${o.showPayloads ? JSON.stringify(s.result) : o.colours.dim('(hidden; --show-payloads to see it)')}`)
  return lines
}

const recordLines = (key: string, r: ResourceRecord, ctx: Context): string[] => {
  const lines = [`${ctx.out.bold(key)}:`]
  const o = { colours: ctx.out, showPayloads: ctx.args.showPayloads }
  if (r.state !== undefined) lines.push(...stateLines(r.state, o, '  '))
  else lines.push(`  ${ctx.out.dim('(no current state)')}`)
  if (r.deposed !== undefined) lines.push(`  ${ctx.out.yellow('deposed (still to be deleted):')}`, ...stateLines(r.deposed, o, '    '))
  if (r.intent !== undefined) lines.push(...renderInterrupted(key, r.intent, { colours: ctx.out, showPayloads: ctx.args.showPayloads, setupFlags: setupFlags(ctx.args) }))
  return lines
}

/** Runs `show`; gives the exit code. */
export const runShow = async (ctx: Context): Promise<number> => {
  const selected = await selectResources(ctx, 'state')
  if (E.isLeft(selected)) return reportFailure(ctx, 'show', selected.left)
  const engine = planningEngine(ctx)
  const records: Array<{ key: string; record: ResourceRecord }> = []
  const errors: EngineError[] = []
  for (const { key } of selected.right) {
    const r = await engine.show(key)
    if (E.isLeft(r)) errors.push(r.left)
    else if (r.right !== undefined) records.push({ key, record: r.right })
  }
  if (ctx.args.json) {
    ctx.io.stdout.write(
      jsonDocument({
        command: 'show',
        state: ctx.stateLabel,
        resources: records.map(({ key, record }) => jsonRecord(key, record, ctx.args.showPayloads)),
        errors: errors.map(jsonEngineError),
      }),
    )
  } else {
    if (records.length === 0 && errors.length === 0) ctx.io.stdout.write(`No resources in the state (${ctx.stateLabel}).\n`)
    else ctx.io.stdout.write(records.map(({ key, record }) => recordLines(key, record, ctx).join('\n')).join('\n\n') + (records.length > 0 ? '\n' : ''))
    writeEngineErrors(ctx, errors)
  }
  return errors.length > 0 ? 1 : 0
}
