/**
 * Two applies racing on one S3 state (moto): the one that starts the step
 * records itself as its holder; the one that finds it says who holds it and
 * since when, and offers no resolution (retrying a step another apply may
 * still be running could run it twice).
 */
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { configText, folder, LOGGING_HANDLERS, removeFolder, requireBuiltBinary } from './harness.js'
import { motoBucket, motoRecords, runOnMoto, startOnMoto } from './moto-state.js'

let bucket: string
beforeAll(async () => {
  requireBuiltBinary()
  bucket = await motoBucket('cli-races')
})
let dirs: string[] = []
afterEach(() => {
  for (const d of dirs) removeFolder(d)
  dirs = []
})

const waitFor = async <T>(found: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms
  for (;;) {
    const v = await found()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('two applies on one S3 state', () => {
  it("the loser names the live holder and since when, suggests no retry, and the winner's step runs once", async () => {
    const dir = folder({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ seed: { functionName: 'work', input: { name: 'seed' } } }) })
    dirs.push(dir)
    const state = ['--state-s3', `s3://${bucket}/race/`]
    const winner = startOnMoto(dir, ['apply', '--auto-approve', ...state], { HANDLER_DELAY_MS: '4000' })
    // The winner's intent is in S3 once its invocation has started.
    const intent = await waitFor(async () => [...(await motoRecords(bucket, 'race/')).values()][0]?.intent)
    expect(intent.holder).toMatchObject({ host: hostname(), pid: winner.pid })
    const holder = intent.holder!
    expect(holder.id).toMatch(/^[0-9a-f]{12}$/)

    const loser = await runOnMoto(dir, ['apply', '--auto-approve', ...state])
    expect(loser.code, loser.stderr).toBe(1)
    const who = `runner ${holder.id} on ${hostname()} (pid ${winner.pid})`
    expect(loser.stderr).toContain(`was started at ${intent.startedAt} by another apply (${who}), which may still be running it`)
    expect(loser.stderr).toContain('Wait for it to finish, or run plan to see its result')
    expect(loser.stdout).toContain(`seed is being applied by another apply: the create invocation of work:$LATEST`)
    expect(loser.stdout).toContain('1 step another apply is running')
    expect(`${loser.stdout}${loser.stderr}`).not.toContain('--resolve retry')
    expect(`${loser.stdout}${loser.stderr}`).not.toContain('interrupted step to resolve')

    const planned = await runOnMoto(dir, ['plan', ...state])
    expect(planned.code, planned.stderr).toBe(0)
    expect(planned.stdout).toContain(`was started at ${intent.startedAt} by ${who}, which may still be running it`)
    expect(planned.stdout).not.toContain('--resolve retry')

    expect(await winner.exited, winner.out.stderr).toBe(0)
    expect(readFileSync(join(dir, 'ran.log'), 'utf8').trim().split('\n')).toHaveLength(1)
    const after = await runOnMoto(dir, ['plan', '--detailed-exitcode', ...state])
    expect(after.code, after.stdout).toBe(0)
  })

  it('a step whose holder is known gone (its pid on this host has exited) is offered the resolutions', async () => {
    const dir = folder({ 'handlers.mjs': LOGGING_HANDLERS, 'lambda-invocation.json': configText({ seed: { functionName: 'work', input: { name: 'seed' } } }) })
    dirs.push(dir)
    const state = ['--state-s3', `s3://${bucket}/gone/`]
    const killed = startOnMoto(dir, ['apply', '--auto-approve', ...state], { HANDLER_DELAY_MS: '20000' })
    await waitFor(async () => [...(await motoRecords(bucket, 'gone/')).values()][0]?.intent)
    process.kill(killed.pid, 'SIGKILL')
    await killed.exited
    const plan = await runOnMoto(dir, ['plan', ...state])
    expect(plan.stdout).toContain('seed has an interrupted step')
    expect(plan.stdout).toContain('--resolve retry')
  })
})
