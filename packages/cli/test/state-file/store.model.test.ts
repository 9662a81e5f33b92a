/**
 * Model-based test of the file store: random sequences of writes (with the
 * current, a stale or no version), deletes, reads, lists and re-opens of the
 * file, checked against a plain map. Re-opening proves what is on disk, not
 * only what one instance remembers.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { ResourceRecord, StateStore, Version } from '@lambda-invocation/core'
import { sampleState } from '@lambda-invocation/core/testing'
import { makeFileStateStore } from '../../src/state-file/store.js'

interface Model {
  readonly records: Map<string, { record: ResourceRecord; version: Version }>
  /** Every version ever handed out, for stale ones. */
  readonly seen: Version[]
}
interface Real {
  store: StateStore
  readonly file: string
  readonly locked: boolean
}

const KEYS = ['a', 'b', 'app/x', '__proto__']
const key = fc.constantFrom(...KEYS)
const record = (n: number): ResourceRecord => ({ schemaVersion: 1, state: sampleState(`fn${n}`) })
type Which = 'current' | 'stale' | 'none'
const which = fc.constantFrom<Which>('current', 'stale', 'none')

const versionFor = (m: Model, k: string, w: Which): Version | undefined =>
  w === 'none' ? undefined : w === 'current' ? (m.records.get(k)?.version ?? m.seen[0]) : m.seen.find((v) => v !== m.records.get(k)?.version)

class Write implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: string, readonly w: Which, readonly n: number) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const expected = versionFor(m, this.k, this.w)
    const got = await r.store.write(this.k, record(this.n), expected)
    const current = m.records.get(this.k)?.version
    if (expected === current) {
      if (!isRight(got)) throw new Error(`write refused: ${JSON.stringify(got.left)}`)
      expect(m.seen).not.toContain(got.right)
      m.records.set(this.k, { record: record(this.n), version: got.right })
      m.seen.push(got.right)
    } else expect(isLeft(got) && got.left._tag).toBe('Conflict')
  }
  toString = (): string => `write(${this.k}, ${this.w}, ${this.n})`
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: string, readonly w: Which) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const expected = versionFor(m, this.k, this.w === 'none' ? 'stale' : this.w)
    if (expected === undefined) return
    const got = await r.store.delete(this.k, expected)
    if (m.records.get(this.k)?.version === expected) {
      expect(isRight(got)).toBe(true)
      m.records.delete(this.k)
    } else expect(isLeft(got) && got.left._tag).toBe('Conflict')
  }
  toString = (): string => `delete(${this.k}, ${this.w})`
}

class Read implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: string) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const got = await r.store.read(this.k)
    expect(isRight(got) && got.right).toEqual(m.records.get(this.k))
  }
  toString = (): string => `read(${this.k})`
}

class List implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const got = await r.store.list()
    expect(isRight(got) && got.right).toEqual([...m.records.keys()].sort())
  }
  toString = (): string => 'list()'
}

class Reopen implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(_m: Model, r: Real): Promise<void> {
    r.store = makeFileStateStore({ file: r.file, externallyLocked: r.locked })
  }
  toString = (): string => 'reopen()'
}

const commands = [
  fc.tuple(key, which, fc.nat(9)).map(([k, w, n]) => new Write(k, w, n)),
  fc.tuple(key, which).map(([k, w]) => new Delete(k, w)),
  key.map((k) => new Read(k)),
  fc.constant(new List()),
  fc.constant(new Reopen()),
]

describe('file state store against a model', () => {
  it.each([false, true])('behaves like a map with compare-and-set (caller holds the lock: %s)', async (locked) => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        const dir = mkdtempSync(join(tmpdir(), 'li-model-'))
        try {
          const file = join(dir, 'state.json')
          const real: Real = { store: makeFileStateStore({ file, externallyLocked: locked }), file, locked }
          await fc.asyncModelRun(() => ({ model: { records: new Map(), seen: [] }, real }), cmds)
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      }),
      { numRuns: 25 },
    )
  })
})
