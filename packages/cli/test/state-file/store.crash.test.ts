/**
 * Crash test of the store itself: a process writing as fast as it can over a
 * few keys, its journal compacted every few writes, killed with SIGKILL at
 * seeded random moments: anywhere in half of the runs, a few milliseconds
 * into a compaction in the other half (half of all runs holding the lock for
 * the store's life, half taking it per write). After each kill the state file and its
 * backup read as valid states; every acknowledged write is there with its
 * version; the one write in flight is there whole or not at all; nothing else
 * changed; and a new store carries on writing over what was left.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { backupPathFor } from '../../src/state-file/files.js'
import { loadStateFile } from '../../src/state-file/load.js'
import { lockPathFor } from '../../src/state-file/lock.js'
import { makeFileStateStore } from '../../src/state-file/store.js'
import { folder, removeFolder, requireBuiltBinary } from '../e2e/harness.js'

const STORE = fileURLToPath(new URL('../../dist/state-file/store.js', import.meta.url))
const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.mjs', import.meta.url))
const RUNS = 60
const SEED = 0x5eed_5701

/** mulberry32, seeded, so a failing run can be replayed. */
const random = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type LogEntry =
  | { readonly ready: number }
  | { readonly start: 'write' | 'delete'; readonly key: string; readonly n: number; readonly expected: string | null }
  | { readonly done: 'write' | 'delete'; readonly key: string; readonly n: number; readonly version?: string }

/**
 * When a run's kill comes: `anywhere`, `killAfterMs` after the writer is
 * ready; `compaction`, `killAfterMs` after a compaction is seen starting (its
 * temporary file appears), once the first record is written.
 */
type Aim = 'anywhere' | 'compaction'

/** Starts the writer and kills it as `aim` says; resolves once it has exited, with its pid. */
const writeAndKill = async (dir: string, mode: 'held' | 'per-write', seed: number, aim: Aim, killAfterMs: number): Promise<number> => {
  const log = join(dir, 'log')
  const child = spawn(process.execPath, [WRITER, STORE, join(dir, 'state.json'), log, mode], { env: { ...process.env, CRASH_SEED: String(seed) }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  let exited = false
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  void exit.then(() => (exited = true))
  while (!exited && !existsSync(log)) await new Promise((r) => setTimeout(r, 1))
  if (aim === 'compaction') {
    const tmp = join(dir, `state.json.tmp-${child.pid}`)
    while (!exited && !readFileSync(log, 'utf8').includes('"done":"write","key":"big"')) await new Promise((r) => setTimeout(r, 1))
    while (!exited && !existsSync(tmp)) await new Promise((r) => setImmediate(r))
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  const code = await exit
  clearTimeout(timer)
  if (code !== null) throw new Error(`the writer stopped by itself (exit ${code}): ${stderr}`)
  return child.pid!
}

describe('the file state store killed with SIGKILL at random moments', () => {
  beforeAll(() => requireBuiltBinary())

  it(`keeps every acknowledged write and the one in flight whole or not at all, compactions included (${RUNS} runs, seed ${SEED})`, async () => {
    const next = random(SEED)
    let midCompaction = 0
    let inFlight = 0
    let writes = 0
    for (let pair = 0; pair < RUNS; pair += 2) {
      const runs = [pair, pair + 1].map((run) => ({
        run,
        dir: folder({}),
        mode: run % 2 === 0 ? ('held' as const) : ('per-write' as const),
        seed: Math.floor(next() * 2 ** 31),
        aim: (run % 4 < 2 ? 'anywhere' : 'compaction') as Aim,
        killAt: run % 4 < 2 ? 20 + Math.round(next() * 250) : Math.round(next() * 4),
      }))
      const pids = await Promise.all(runs.map((r) => writeAndKill(r.dir, r.mode, r.seed, r.aim, r.killAt)))
      for (const [i, r] of runs.entries()) {
        try {
          const where = `run ${r.run} (${r.mode}; writer seed ${r.seed}, killed ${r.killAt} ms after ${r.aim === 'anywhere' ? 'it started' : 'a compaction started'})`
          const result = await check(where, r.dir, pids[i]!)
          if (result.midCompaction) midCompaction++
          if (result.inFlight) inFlight++
          writes += result.acknowledged
        } finally {
          removeFolder(r.dir)
        }
      }
    }
    // The kills must land mid-compaction often enough for the checks above to mean something.
    expect(midCompaction).toBeGreaterThanOrEqual(RUNS / 5)
    console.info(`store crash test: ${RUNS} runs, ${writes} acknowledged writes, ${midCompaction} killed mid-compaction, ${inFlight} with a write in flight`)
  }, 180_000)
})

/** The checks after one kill. */
const check = async (where: string, dir: string, pid: number): Promise<{ midCompaction: boolean; inFlight: boolean; acknowledged: number }> => {
  const file = join(dir, 'state.json')
  const left = readdirSync(dir)
  // A temporary file left by the writer, or the backup already linked to the file it is to replace: it was killed while rewriting the journal.
  const sameInode = (a: string, b: string): boolean => existsSync(a) && existsSync(b) && statSync(a).ino === statSync(b).ino
  const midCompaction = left.some((n) => n === `state.json.tmp-${pid}` || n === `state.json.backup.tmp-${pid}`) || sameInode(join(dir, 'state.json'), join(dir, 'state.json.backup'))

  // 1. The file and its backup read as valid states.
  const loaded = loadStateFile(file)
  if (E.isLeft(loaded)) throw new Error(`${where}: ${loaded.left.message}`)
  if (existsSync(backupPathFor(file))) expect(E.isRight(loadStateFile(backupPathFor(file))), where).toBe(true)
  const records = loaded.right.state.records

  // 2. Replay the log: what was acknowledged, and the one call in flight.
  const log = readFileSync(join(dir, 'log'), 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l) as LogEntry)
  const expected = new Map<string, { n: number; version: string } | undefined>()
  let pending: Extract<LogEntry, { start: string }> | undefined
  let acknowledged = 0
  for (const e of log) {
    if ('start' in e) pending = e
    else if ('done' in e) {
      acknowledged++
      expected.set(e.key, e.done === 'write' ? { n: e.n, version: e.version! } : undefined)
      pending = undefined
    }
  }
  const stored = (key: string): { n: number; version: string } | undefined => {
    const entry = Object.hasOwn(records, key) ? records[key] : undefined
    return entry === undefined ? undefined : { n: Number(entry.record.state?.result), version: entry.version }
  }
  for (const key of new Set([...expected.keys(), ...Object.keys(records), ...(pending ? [pending.key] : [])])) {
    const got = stored(key)
    if (pending?.key === key) {
      // In flight: not there yet, or there whole (with a version above the last one).
      const applied = pending.start === 'write' ? got?.n === pending.n : got === undefined
      if (!applied) expect(got, `${where}: ${key} (in flight: ${JSON.stringify(pending)})`).toEqual(expected.get(key))
      else if (got !== undefined) expect(Number(got.version), where).toBeGreaterThan(Number(expected.get(key)?.version ?? 0))
    } else expect(got, `${where}: ${key}`).toEqual(expected.get(key))
  }

  // 3. A new store carries on: the lock left by a writer taking it per write is stale, and removed as a user would.
  const lock = lockPathFor(file)
  if (existsSync(lock)) {
    // (empty when the kill came between creating the lock file and writing the pid in it)
    const holder = readFileSync(lock, 'utf8')
    expect([`${pid}\n`, ''], where).toContain(holder)
    const refused = await makeFileStateStore({ file, lockWaitMs: 0 }).write('z', { schemaVersion: 1 }, undefined)
    expect(E.isLeft(refused) && refused.left.message, where).toContain(holder === '' ? 'an unreadable process id' : `process ${pid}, which is no longer running`)
    rmSync(lock)
  }
  const store = makeFileStateStore({ file, compactionSlack: 0 })
  for (const key of ['a', 'b', 'c']) {
    const current = await store.read(key)
    if (E.isLeft(current)) throw new Error(`${where}: ${current.left.message}`)
    for (let i = 0; i < 3; i++) {
      const version = (await store.read(key)) as E.Right<{ version: string } | undefined>
      const w = await store.write(key, { schemaVersion: 1 }, version.right?.version)
      expect(E.isRight(w), `${where}: writing after the crash`).toBe(true)
    }
  }
  expect(E.isRight(loadStateFile(file)), where).toBe(true)
  // Its compaction removed what the killed writer left behind.
  expect(readdirSync(dir).filter((n) => n.includes('.tmp-')), where).toEqual([])
  return { midCompaction, inFlight: pending !== undefined, acknowledged }
}
