/**
 * Today's single-document state file (format 1): read as it is, by the store
 * and the commands, and rewritten as a journal by the first write, with the
 * format-1 file kept as the backup.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleRecord, sampleState } from '@lambda-invocation/core/testing'
import { backupPathFor } from '../../src/state-file/files.js'
import { STATE_FORMAT, type StateFile } from '../../src/state-file/state.js'
import { loadStateFile } from '../../src/state-file/load.js'
import { stateFromV1 } from '../../src/state-file/migration.js'
import { makeFileStateStore } from '../../src/state-file/store.js'
import { configText, folder, removeFolder, runMain } from '../e2e/harness.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/v1.state.json', import.meta.url))
const HANDLERS = fileURLToPath(new URL('./fixtures/v1.handlers.mjs', import.meta.url))
const V1_TEXT = readFileSync(FIXTURE, 'utf8')

const right = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const config = configText({
  'seed-users': { functionName: 'seeder', lifecycleScope: 'CRUD', input: { table: 'users', rows: 4 } },
  notify: { functionName: 'notify', input: '{"channel":"#ops"}', triggers: { release: '1' } },
  'seed-orders': { functionName: 'seeder', lifecycleScope: 'CRUD', input: { table: 'orders' } },
})

let dirs: string[] = []
afterEach(() => {
  for (const d of dirs) removeFolder(d)
  dirs = []
})

/** A folder holding the fixture as its state, with its config and handlers. */
const project = (): { dir: string; file: string } => {
  const dir = folder({ 'lambda-invocation.json': config })
  dirs.push(dir)
  copyFileSync(HANDLERS, join(dir, 'handlers.mjs'))
  const file = join(dir, 'lambda-invocation.state.json')
  copyFileSync(FIXTURE, file)
  return { dir, file }
}

describe('a format-1 state file', () => {
  it('is read as it is, versions and all, and reading changes nothing', async () => {
    const { file } = project()
    const loaded = right(loadStateFile(file)).state
    expect(loaded.formatVersion).toBe(1)
    expect(loaded.serial).toBe(11)
    expect(Object.entries(loaded.records).map(([k, e]) => [k, e.version])).toEqual([
      ['notify', '2'],
      ['seed-orders', '11'],
      ['seed-users', '8'],
    ])
    const store = makeFileStateStore({ file })
    expect(right(await store.list())).toEqual(['notify', 'seed-orders', 'seed-users'])
    expect(right(await store.read('seed-users'))).toEqual({ version: '8', record: loaded.records['seed-users']!.record })
    expect(right(await store.read('seed-orders'))?.record.intent?.lifecycle).toBe('create')
    expect(readFileSync(file, 'utf8')).toBe(V1_TEXT)
  })

  it('is rewritten as a journal by the first write, keeping every version, the format-1 file as the backup', async () => {
    const { file } = project()
    const before = right(loadStateFile(file)).state
    // A version read before the migration is still the one to write over.
    const v = right(await makeFileStateStore({ file }).write('notify', sampleRecord(), '2'))
    expect(v).toBe('12')
    expect(readFileSync(backupPathFor(file), 'utf8')).toBe(V1_TEXT)
    expect(right(loadStateFile(backupPathFor(file))).state).toEqual(before)
    const text = readFileSync(file, 'utf8')
    expect(JSON.parse(text.slice(0, text.indexOf('\n')))).toEqual(expect.objectContaining({ format: STATE_FORMAT, formatVersion: 2, serial: 12, snapshot: 3 }))
    const after = right(loadStateFile(file)).state
    expect(after.formatVersion).toBe(2)
    expect(after.records).toEqual({ ...before.records, notify: { version: '12', record: sampleRecord() } })
    const store = makeFileStateStore({ file })
    expect(right(await store.write('seed-users', sampleRecord(), '8'))).toBe('13')
    expect(readFileSync(backupPathFor(file), 'utf8')).toBe(V1_TEXT)
  })

  it('plan and show read it as they did, and say the same after the first apply migrated it', async () => {
    const { dir, file } = project()
    const plan = await runMain(dir, ['plan', '--json'])
    const show = await runMain(dir, ['show', '--show-payloads'])
    expect(plan.code).toBe(0)
    expect(show.code).toBe(0)
    expect(show.stdout).toContain('seed-users:')
    expect(JSON.parse(plan.stdout).changes.find((c: { key: string }) => c.key === 'seed-orders').interrupted).not.toBeNull()
    expect(readFileSync(file, 'utf8')).toBe(V1_TEXT)
    // An apply with nothing to do writes nothing (seed-orders' interrupted step would stop it, so it is left out).
    const applied = await runMain(dir, ['apply', '--auto-approve', '--target', 'notify'])
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('No changes')
    expect(readFileSync(file, 'utf8')).toBe(V1_TEXT)
    const destroyed = await runMain(dir, ['destroy', '--auto-approve', '--target', 'notify'])
    expect(destroyed.code, destroyed.stderr).toBe(0)
    expect(readFileSync(backupPathFor(file), 'utf8')).toBe(V1_TEXT)
    const showAfter = await runMain(dir, ['show', '--show-payloads'])
    const recordsOf = (text: string): string[] => text.split('\n\n').filter((r) => !r.startsWith('notify:'))
    expect(recordsOf(showAfter.stdout)).toEqual(recordsOf(show.stdout))
    const planAfter = JSON.parse((await runMain(dir, ['plan', '--json'])).stdout)
    expect(planAfter.changes.filter((c: { key: string }) => c.key !== 'notify')).toEqual(JSON.parse(plan.stdout).changes.filter((c: { key: string }) => c.key !== 'notify'))
  })
})

describe('stateFromV1', () => {
  const doc = (serial: number, versions: Record<string, string>): StateFile => ({
    format: STATE_FORMAT,
    formatVersion: 1,
    serial,
    records: Object.fromEntries(Object.entries(versions).map(([k, version]) => [k, { version, record: { schemaVersion: 1, state: sampleState(k) } }])),
  })

  it('keeps serial versions, and continues from the highest of them and the serial', () => {
    const s = stateFromV1(doc(3, { a: '7', b: '2' }))
    expect([...s.records].map(([k, e]) => [k, e.version])).toEqual([
      ['a', '7'],
      ['b', '2'],
    ])
    expect(s.serial).toBe(7)
    expect(s.lines).toBe(2)
  })

  it('gives a version that is not a serial (a hand-edited file) the next free serials, by key, the same every time', () => {
    const d = doc(5, { z: 'abc', a: '007', m: '4' })
    const s = stateFromV1(d)
    expect([...s.records].map(([k, e]) => [k, e.version])).toEqual([
      ['a', '6'],
      ['m', '4'],
      ['z', '7'],
    ])
    expect(s.serial).toBe(7)
    expect([...stateFromV1(d).records]).toEqual([...s.records])
  })
})
