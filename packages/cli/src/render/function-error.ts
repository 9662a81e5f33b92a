/**
 * A function error as people read it: what failed and where, then the
 * handler's `errorType: errorMessage` and its stack trace one frame a line,
 * rather than the error payload as one line of JSON.
 */
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { EngineError } from '@lambda-invocation/core'
import type { Colours } from './colour.js'

type FunctionError = Extract<EngineError, { readonly _tag: 'FunctionError' }>

/** A Node.js-style error payload (Lambda's runtime, and the local handlers): `{ errorType, errorMessage, trace }`. */
export interface ErrorPayload {
  readonly errorType: string
  readonly errorMessage: string
  readonly trace: ReadonlyArray<string>
}

/** The payload read as a Node.js-style error, or `undefined` when it is not one (then it is shown as it is). */
export const errorPayload = (payload: string): ErrorPayload | undefined => {
  let p: unknown
  try {
    p = JSON.parse(payload)
  } catch {
    return undefined
  }
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined
  const { errorType, errorMessage, trace } = p as Record<string, unknown>
  if (typeof errorMessage !== 'string') return undefined
  return {
    errorType: typeof errorType === 'string' ? errorType : 'Error',
    errorMessage,
    trace: Array.isArray(trace) ? trace.filter((l): l is string => typeof l === 'string') : [],
  }
}

const callText = (e: FunctionError): string => {
  const fn = `${e.request.functionName}:${e.request.qualifier ?? '$LATEST'}`
  const call = e.request.lifecycle === undefined ? `the call of ${fn}` : `the ${e.request.lifecycle} invocation of ${fn}`
  return `${call}${e.key === '' ? '' : ` for "${e.key}"`}`
}

/**
 * The stack frames of a trace: a Node.js stack starts with the error's own
 * `Type: message` lines, already shown above it, so those are left out.
 */
const frames = (p: ErrorPayload, ours: (frame: string) => boolean): string[] => {
  const lines = p.trace.flatMap((l) => l.split('\n')).filter((l) => l.trim() !== '')
  const head = `${p.errorType}: ${p.errorMessage}`.split('\n').length
  const repeats = lines.slice(0, head).join('\n') === `${p.errorType}: ${p.errorMessage}`
  const all = (repeats ? lines.slice(head) : lines).map((l) => l.trim())
  // The frames below the handler's are the local runner's (this command and Node.js): noise to whoever wrote the handler.
  let end = all.length
  while (end > 0 && ours(all[end - 1]!)) end--
  if (end === 0 || end === all.length) return all
  const cut = all.length - end
  return [...all.slice(0, end), `... (${cut} frame${cut === 1 ? '' : 's'} of lambda-invocation and Node.js)`]
}

// The folder of this package (src/render or dist/bin-chunks, two levels down): frames in it are the local runner's.
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Whether a stack frame is the command's own or Node.js's, not a handler's. */
export const runnerFrame = (frame: string): boolean =>
  frame.includes(PACKAGE_ROOT) || frame.includes(pathToFileURL(PACKAGE_ROOT).href) || /\(node:|^at node:|\(<anonymous>\)$|^at new Promise/.test(frame)

/**
 * The text of a function error: a first line saying what failed (the
 * function, the call, the resource, Lambda's `FunctionError`), the handler's
 * error and its trace indented below it (with `showPayloads`, the payload
 * as it came too), and what the state is now. A payload that is no
 * Node.js-style error is shown as it is.
 */
export const functionErrorText = (e: FunctionError, c: Colours, showPayloads = false): string => {
  const head = `The function ${e.functionName} failed (${e.functionError}) in ${callText(e)}:`
  const tail = 'The state is as it was before this step, so the next apply runs it again.'
  const p = errorPayload(e.payload)
  if (p === undefined) return `${head} ${e.payload}\n${tail}`
  const message = p.errorMessage.split('\n').join('\n  ')
  const raw = showPayloads ? [`  ${c.dim('payload:')} ${e.payload}`] : []
  return [`${head}`, `  ${c.bold(`${p.errorType}: ${message}`)}`, ...frames(p, runnerFrame).map((f) => `      ${c.dim(f)}`), ...raw, tail].join('\n')
}
