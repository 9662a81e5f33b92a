/**
 * Model-based test of the file store: random sequences of writes (with the
 * current, a stale or no version), deletes, reads, lists, batches of writes
 * arriving together, re-opens of the file, writes cut short by a crash and
 * writes by a second store on the same file, checked against a plain map.
 * Re-opening proves what is on disk, not only what one instance remembers;
 * a small compaction slack makes the journal compact every few writes.
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { ResourceRecord, StateStore, Version } from '@lambda-invocation/core'
import { sampleState } from '@lambda-invocation/core/testing'
import { loadStateFile } from '../../src/state-file/load.js'
import { makeFileStateStore, type FileStateStoreOptions } from '../../src/state-file/store.js'

interface Model {
  readonly records: Map<string, { record: ResourceRecord; version: Version }>
  /** Every version ever handed out, for stale ones. */
  readonly seen: Version[]
}
interface Real {
  store: StateStore
  readonly options: FileStateStoreOptions
}

const KEYS = ['a', 'b', 'app/x', '__proto__']
const key = fc.constantFrom(...KEYS)
const record = (n: number): ResourceRecord => ({ schemaVersion: 1, state: sampleState(`fn${n}`) })
type Which = 'current' | 'stale' | 'none'
const which = fc.constantFrom<Which>('current', 'stale', 'none')

const versionFor = (m: Model, k: string, w: Which): Version | undefined =>
  w === 'none' ? undefined : w === 'current' ? (m.records.get(k)?.version ?? m.seen[0]) : m.seen.find((v) => v !== m.records.get(k)?.version)

/** Checks one write's answer against the model, and records it there. */
const expectWrite = (m: Model, k: string, n: number, expected: Version | undefined, got: E.Either<{ readonly _tag: string }, Version>): void => {
  const current = m.records.get(k)?.version
  if (expected === current) {
    if (!E.isRight(got)) throw new Error(`write refused: ${JSON.stringify(got.left)}`)
    expect(m.seen).not.toContain(got.right)
    m.records.set(k, { record: record(n), version: got.right })
    m.seen.push(got.right)
  } else expect(E.isLeft(got) && got.left._tag).toBe('Conflict')
}

class Write implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: string, readonly w: Which, readonly n: number) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const expected = versionFor(m, this.k, this.w)
    expectWrite(m, this.k, this.n, expected, await r.store.write(this.k, record(this.n), expected))
  }
  toString = (): string => `write(${this.k}, ${this.w}, ${this.n})`
}

/** Writes to distinct keys started together: they share a batch, and each is answered as if alone. */
class WriteTogether implements fc.AsyncCommand<Model, Real> {
  constructor(readonly writes: ReadonlyArray<readonly [string, Which, number]>) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const expected = this.writes.map(([k, w]) => versionFor(m, k, w))
    const got = await Promise.all(this.writes.map(([k, , n], i) => r.store.write(k, record(n), expected[i])))
    this.writes.forEach(([k, , n], i) => expectWrite(m, k, n, expected[i], got[i]!))
  }
  toString = (): string => `together(${this.writes.map(([k, w, n]) => `${k}:${w}:${n}`).join(', ')})`
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: string, readonly w: Which) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const expected = versionFor(m, this.k, this.w === 'none' ? 'stale' : this.w)
    if (expected === undefined) return
    const got = await r.store.delete(this.k, expected)
    if (m.records.get(this.k)?.version === expected) {
      expect(E.isRight(got)).toBe(true)
      m.records.delete(this.k)
    } else expect(E.isLeft(got) && got.left._tag).toBe('Conflict')
  }
  toString = (): string => `delete(${this.k}, ${this.w})`
}

class Read implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: string) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const got = await r.store.read(this.k)
    expect(E.isRight(got) && got.right).toEqual(m.records.get(this.k))
  }
  toString = (): string => `read(${this.k})`
}

class List implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    const got = await r.store.list()
    expect(E.isRight(got) && got.right).toEqual([...m.records.keys()].sort())
  }
  toString = (): string => 'list()'
}

class Reopen implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    r.store = makeFileStateStore(r.options)
    // What is on disk, read as a fresh process would.
    const loaded = loadStateFile(r.options.file)
    if (E.isLeft(loaded)) throw new Error(loaded.left.message)
    expect(new Map(Object.entries(loaded.right.state.records))).toEqual(m.records)
  }
  toString = (): string => 'reopen()'
}

/** A crash in the middle of appending a line: bytes with no newline, never acknowledged, so nothing changed. */
class CutShort implements fc.AsyncCommand<Model, Real> {
  constructor(readonly garbage: string) {}
  check = (): boolean => true
  async run(_m: Model, r: Real): Promise<void> {
    if (!existsSync(r.options.file)) return
    appendFileSync(r.options.file, this.garbage)
    // The process that was cut short is gone: its store with it.
    r.store = makeFileStateStore(r.options)
  }
  toString = (): string => `cutShort(${JSON.stringify(this.garbage)})`
}

/** A write by another store on the same file (taking the lock itself), seen by the first on its next look. */
class OtherWriter implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: string, readonly n: number) {}
  check = (): boolean => true
  async run(m: Model, r: Real): Promise<void> {
    if (r.options.externallyLocked === true) return
    const other = makeFileStateStore({ file: r.options.file, compactionSlack: 1 })
    const current = await other.read(this.k)
    if (E.isLeft(current)) throw new Error(current.left.message)
    expectWrite(m, this.k, this.n, m.records.get(this.k)?.version, await other.write(this.k, record(this.n), current.right?.version))
  }
  toString = (): string => `other(${this.k}, ${this.n})`
}

const commands = [
  fc.tuple(key, which, fc.nat(9)).map(([k, w, n]) => new Write(k, w, n)),
  fc
    .uniqueArray(fc.tuple(key, which, fc.nat(9)), { minLength: 2, maxLength: 4, selector: ([k]) => k })
    .map((writes) => new WriteTogether(writes)),
  fc.tuple(key, which).map(([k, w]) => new Delete(k, w)),
  key.map((k) => new Read(k)),
  fc.constant(new List()),
  fc.constant(new Reopen()),
  // (one longer than any line written after it, so it must be cut off, not merely overwritten)
  fc.constantFrom('{"serial":9', '{"serial":99999,"key":"a","record":{}}', '\u00e9', '{', `{"serial":99999,"key":"a","record":"${'x'.repeat(4000)}`).map((g) => new CutShort(g)),
  fc.tuple(key, fc.nat(9)).map(([k, n]) => new OtherWriter(k, n)),
]

describe('file state store against a model', () => {
  it.each([
    [false, 64],
    [true, 64],
    [false, 0],
    [true, 1],
  ])('behaves like a map with compare-and-set (caller holds the lock: %s, compaction slack %i)', async (locked, slack) => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const dir = mkdtempSync(join(tmpdir(), 'li-model-'))
        try {
          const options: FileStateStoreOptions = { file: join(dir, 'state.json'), externallyLocked: locked, compactionSlack: slack }
          const real: Real = { store: makeFileStateStore(options), options }
          await fc.asyncModelRun(() => ({ model: { records: new Map(), seen: [] }, real }), cmds)
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      }),
      { numRuns: 25 },
    )
  })
})
