import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { StateStore } from '@lambda-invocation/core'
import { sampleRecord } from '@lambda-invocation/core/testing'
import { MemoryStateStore } from '@lambda-invocation/memory-adapter'
import { runStateMv } from '../../src/commands/state-mv.js'
import { makeColours } from '../../src/render/colour.js'
import { parseCliArgs } from '../../src/setup/args.js'
import type { Context } from '../../src/setup/context.js'

const contextFor = async (store: StateStore): Promise<{ ctx: Context; out: () => string; err: () => string }> => {
  let out = ''
  let err = ''
  const args = await parseCliArgs(['state', 'mv', 'a', 'b'])
  if (E.isLeft(args)) throw new Error(args.left.message)
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: '/' }
  const ctx = { io, args: args.right, out: makeColours(false), err: makeColours(false), store, stateLabel: 'memory' } as unknown as Context
  return { ctx, out: () => out, err: () => err }
}

const seeded = async (): Promise<MemoryStateStore> => {
  const store = new MemoryStateStore()
  const w = await store.write('a', sampleRecord(), undefined)
  if (E.isLeft(w)) throw new Error(w.left.message)
  return store
}

describe('state mv', () => {
  it('moves the record whole (state, deposed state, intent) and leaves no old name', async () => {
    const store = await seeded()
    const { ctx, out } = await contextFor(store)
    expect(await runStateMv(ctx, 'a', 'b')).toBe(0)
    expect(out()).toBe('Moved a to b. Nothing was invoked.\n')
    expect(store.snapshot()).toEqual({ b: sampleRecord() })
  })

  it('takes its copy back when the old record changed before it was deleted (another writer): the state as that writer left it', async () => {
    const store = await seeded()
    // Another apply writes `a` between this command's read and its delete.
    const racing: StateStore = {
      read: (k) => store.read(k),
      list: () => store.list(),
      write: async (k, r, v) => {
        const written = await store.write(k, r, v)
        if (k === 'b') {
          const current = await store.read('a')
          if (E.isRight(current) && current.right !== undefined) await store.write('a', { schemaVersion: 1, state: sampleRecord().state! }, current.right.version)
        }
        return written
      },
      delete: (k, v) => store.delete(k, v),
    }
    const { ctx, err } = await contextFor(racing)
    expect(await runStateMv(ctx, 'a', 'b')).toBe(1)
    expect(err()).toContain('Error:')
    expect(store.snapshot()).toEqual({ a: { schemaVersion: 1, state: sampleRecord().state } })
  })
})
