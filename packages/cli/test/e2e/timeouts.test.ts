/**
 * Timeouts of local handlers: --timeout, and a resource's own `timeout` in
 * the config overriding it. A handler still running past its timeout is cut
 * off as Lambda cuts a function off: the call's outcome is unknown, so the
 * step is recorded as interrupted; the handler's context counts down from
 * the timeout it was given.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadStateFile } from '../../src/state-file/load.js'
import { configText, folder, removeFolder, requireBuiltBinary, runBin } from './harness.js'

/** Handlers: one that never answers, one that answers after 1.5 s, one that answers with the time it has left. */
const HANDLERS = `import { appendFileSync } from 'node:fs'
const log = (fn) => appendFileSync(new URL('./ran.log', import.meta.url), fn + '\\n')
export const hang = async () => {
  log('hang')
  return new Promise(() => {})
}
export const slow = async () => {
  await new Promise((r) => setTimeout(r, 1500))
  log('slow')
  return 'done'
}
export const remaining = async (event, context) => ({ remaining: context.getRemainingTimeInMillis() })
`

interface Stored {
  readonly record: { readonly state?: { readonly result: string }; readonly intent?: { readonly lifecycle: string; readonly outcome?: string; readonly message?: string } }
}

const recordsOf = (dir: string): Readonly<Record<string, Stored>> => {
  const loaded = loadStateFile(join(dir, 'lambda-invocation.state.json'))
  if (E.isLeft(loaded)) throw new Error(loaded.left.message)
  return (loaded.right.state as unknown as { records: Record<string, Stored> }).records
}

let dirs: string[] = []
const make = (resources: Record<string, Record<string, unknown>>): string => {
  const dir = folder({ 'handlers.mjs': HANDLERS, 'lambda-invocation.json': configText(resources) })
  dirs.push(dir)
  return dir
}
beforeAll(() => requireBuiltBinary())
afterEach(() => {
  for (const d of dirs) removeFolder(d)
  dirs = []
})

describe('--timeout with local handlers', () => {
  it('stops a hanging handler and records its step as interrupted; the next plan offers the --resolve choices', () => {
    const dir = make({ stuck: { functionName: 'hang', input: {} } })
    const started = Date.now()
    const r = runBin(dir, ['apply', '--auto-approve', '--timeout', '1'])
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toContain('got no answer (Sandbox.Timedout): Task timed out after 1.00 seconds')
    expect(r.stderr).toContain('the step is kept as interrupted')
    expect(readFileSync(join(dir, 'ran.log'), 'utf8')).toBe('hang\n')
    const intent = recordsOf(dir)['stuck']!.record.intent
    expect(intent).toMatchObject({ lifecycle: 'create', outcome: 'unknown' })
    const plan = runBin(dir, ['plan', '--timeout', '1'])
    expect(plan.code, plan.stderr).toBe(0)
    expect(plan.stdout).toContain('stuck has an interrupted step: the create invocation of hang:$LATEST')
    expect(plan.stdout).toContain('its outcome is unknown (Task timed out after 1.00 seconds')
    expect(plan.stdout).toContain('lambda-invocation apply --timeout 1 --target stuck --resolve retry')
    expect(plan.stdout).toContain('--resolve assume-done')
    expect(plan.stdout).toContain('--resolve forget')
  })

  it("gives the handler's context the real time left: getRemainingTimeInMillis counts down from --timeout", () => {
    const dir = make({ r: { functionName: 'remaining', input: {} } })
    const r = runBin(dir, ['apply', '--auto-approve', '--timeout', '5'])
    expect(r.code, r.stderr).toBe(0)
    const { remaining } = JSON.parse(recordsOf(dir)['r']!.record.state!.result) as { remaining: number }
    expect(remaining).toBeGreaterThan(4000)
    expect(remaining).toBeLessThanOrEqual(5000)
  })

  it('without --timeout, a local handler has Lambda\'s longest, 15 minutes', () => {
    const dir = make({ r: { functionName: 'remaining', input: {} } })
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    const { remaining } = JSON.parse(recordsOf(dir)['r']!.record.state!.result) as { remaining: number }
    expect(remaining).toBeGreaterThan(15 * 60 * 1000 - 5000)
    expect(remaining).toBeLessThanOrEqual(15 * 60 * 1000)
  })
})

describe("a resource's timeout in the config", () => {
  it('overrides --timeout for that resource only, both ways', () => {
    const dir = make({
      patient: { functionName: 'slow', input: { n: 1 }, timeout: 4 },
      hurried: { functionName: 'slow', input: { n: 2 } },
      counted: { functionName: 'remaining', input: {}, timeout: 2 },
    })
    const r = runBin(dir, ['apply', '--auto-approve', '--timeout', '1', '--concurrency', '3'])
    expect(r.code).toBe(1)
    const records = recordsOf(dir)
    // 1.5 s is within patient's 4 s, past hurried's 1 s (from --timeout).
    expect(records['patient']!.record.state?.result).toBe('"done"')
    expect(records['hurried']!.record.intent).toMatchObject({ outcome: 'unknown' })
    expect(records['hurried']!.record.state).toBeUndefined()
    const { remaining } = JSON.parse(records['counted']!.record.state!.result) as { remaining: number }
    expect(remaining).toBeGreaterThan(1000)
    expect(remaining).toBeLessThanOrEqual(2000)
  })

  it('cuts a hanging handler short without --timeout', () => {
    const dir = make({ stuck: { functionName: 'hang', input: {}, timeout: 1 } })
    const r = runBin(dir, ['apply', '--auto-approve'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Task timed out after 1.00 seconds')
    expect(recordsOf(dir)['stuck']!.record.intent).toMatchObject({ outcome: 'unknown' })
  })

  it('is not an invocation argument: changing it changes no plan', () => {
    const dir = make({ r: { functionName: 'remaining', input: {}, timeout: 3 } })
    expect(runBin(dir, ['apply', '--auto-approve']).code).toBe(0)
    const config = join(dir, 'lambda-invocation.json')
    const changed = readFileSync(config, 'utf8').replace('"timeout": 3', '"timeout": 30')
    expect(changed).toContain('"timeout": 30')
    writeFileSync(config, changed)
    const plan = runBin(dir, ['plan', '--detailed-exitcode'])
    expect(plan.code, plan.stdout).toBe(0)
    expect(plan.stdout).toContain('No changes.')
  })
})
