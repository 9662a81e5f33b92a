import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { StateStore } from '@lambda-invocation/core'
import { sampleRecord } from '@lambda-invocation/core/testing'
import { MemoryStateStore } from '@lambda-invocation/memory-adapter'
import { runStateRm } from '../../src/commands/state-rm.js'
import { makeColours } from '../../src/render/colour.js'
import { parseCliArgs } from '../../src/setup/args.js'
import type { Context } from '../../src/setup/context.js'

const contextFor = async (store: StateStore, argv: string[]): Promise<{ ctx: Context; out: () => string; err: () => string }> => {
  let out = ''
  let err = ''
  const args = await parseCliArgs(argv)
  if (E.isLeft(args)) throw new Error(args.left.message)
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: '/' }
  const ctx = { io, args: args.right, out: makeColours(false), err: makeColours(false), store, stateLabel: 'memory' } as unknown as Context
  return { ctx, out: () => out, err: () => err }
}

describe('state rm', () => {
  it('forgets a record, saying what was forgotten with it (a deposed state, an interrupted step)', async () => {
    const store = new MemoryStateStore()
    await store.write('a', sampleRecord(), undefined)
    const { ctx, out } = await contextFor(store, ['state', 'rm', 'a'])
    expect(await runStateRm(ctx, ['a'])).toBe(0)
    expect(out()).toContain('Removed a from the state [id=')
    expect(out()).toContain('its deposed state, still to be deleted, is forgotten too; it had an interrupted delete: that invocation may have run')
    expect(store.snapshot()).toEqual({})
  })

  it('leaves a record another writer changed after it was read (compare-and-set), and says so', async () => {
    const store = new MemoryStateStore()
    await store.write('a', sampleRecord(), undefined)
    const racing: StateStore = {
      read: async (k) => {
        const r = await store.read(k)
        // Another apply writes `a` just after this command read it.
        if (E.isRight(r) && r.right !== undefined) await store.write(k, { schemaVersion: 1, state: sampleRecord().state! }, r.right.version)
        return r
      },
      list: () => store.list(),
      write: (k, r, v) => store.write(k, r, v),
      delete: (k, v) => store.delete(k, v),
    }
    const { ctx, err } = await contextFor(racing, ['state', 'rm', 'a', '--json'])
    let json = ''
    ;(ctx.io.stdout as { write: (s: string) => void }).write = (s: string) => (json += s)
    expect(await runStateRm(ctx, ['a'])).toBe(1)
    expect(err()).toBe('')
    expect((JSON.parse(json) as { errors: Array<{ error: string; key: string }> }).errors).toMatchObject([{ error: 'StoreFailed', key: 'a' }])
    expect(store.snapshot()).toEqual({ a: { schemaVersion: 1, state: sampleRecord().state } })
  })
})
