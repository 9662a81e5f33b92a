/**
 * The file store shared by processes (lock per write): several processes
 * writing at once, each its own keys and one key they all race to create,
 * lose no write and let exactly one create win.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadStateFile } from '../../src/state-file/load.js'
import { folder, removeFolder, requireBuiltBinary } from '../e2e/harness.js'

const STORE = fileURLToPath(new URL('../../dist/state-file/store.js', import.meta.url))

const writer = (file: string, name: string, count: number): Promise<{ code: number | null; out: string }> =>
  new Promise((resolve) => {
    const script = `
      import { makeFileStateStore } from ${JSON.stringify(STORE)}
      const store = makeFileStateStore({ file: ${JSON.stringify(file)}, lockWaitMs: 20000 })
      const state = (fn) => ({ schemaVersion: 1, id: fn + ',$LATEST,' + '0'.repeat(32), functionName: fn, input: '{}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CREATE_ONLY', terraformKey: 'tf', result: '' })
      const race = await store.write('race', { schemaVersion: 1, state: state(${JSON.stringify(name)}) }, undefined)
      let failures = 0
      for (let i = 0; i < ${count}; i++) {
        const key = ${JSON.stringify(name)} + '-' + i
        const w = await store.write(key, { schemaVersion: 1, state: state(key) }, undefined)
        if (w._tag !== 'Right') { failures++; console.error(JSON.stringify(w.left)) ; continue }
        const u = await store.write(key, { schemaVersion: 1, state: { ...state(key), result: 'updated' } }, w.right)
        if (u._tag !== 'Right') { failures++; console.error(JSON.stringify(u.left)) }
      }
      console.log(JSON.stringify({ won: race._tag === 'Right', lost: race._tag === 'Left' ? race.left._tag : null, failures }))
    `
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('exit', (code) => resolve({ code, out }))
  })

describe('the file state store across processes', () => {
  beforeAll(() => requireBuiltBinary())

  it('loses no write and lets one racing create win', async () => {
    const dir = folder({})
    try {
      const file = join(dir, 'state.json')
      const names = ['p0', 'p1', 'p2']
      const results = await Promise.all(names.map((n) => writer(file, n, 10)))
      const reports = results.map((r) => {
        expect(r.code).toBe(0)
        return JSON.parse(r.out) as { won: boolean; lost: string | null; failures: number }
      })
      expect(reports.filter((r) => r.won)).toHaveLength(1)
      expect(reports.filter((r) => !r.won).map((r) => r.lost)).toEqual(['Conflict', 'Conflict'])
      expect(reports.map((r) => r.failures)).toEqual([0, 0, 0])
      const loaded = loadStateFile(file)
      if (!E.isRight(loaded)) throw new Error(loaded.left.message)
      const records = loaded.right.state.records
      expect(Object.keys(records)).toHaveLength(31)
      for (const n of names)
        for (let i = 0; i < 10; i++) expect(records[`${n}-${i}`]?.record.state?.result, `${n}-${i}`).toBe('updated')
      expect(loaded.right.state.serial).toBe(61) // 1 winning create + 3 × 10 × (create + update)
    } finally {
      removeFolder(dir)
    }
  })
})
