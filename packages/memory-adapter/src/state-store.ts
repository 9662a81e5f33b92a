import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { ResourceRecord, StateStore, StoreFailure, Version, Versioned } from '@lambda-invocation/core'

// Records are kept as JSON text: a copy in and out for free, and one string per key instead of an object graph.
interface Entry {
  readonly json: string
  readonly version: Version
}

/** The failure a crashed `MemoryStateStore` answers with. */
const crashed = (key: string): StoreFailure => ({
  _tag: 'Unavailable',
  key,
  message: 'the memory store is crashed (simulated): no write or delete succeeds until restore()',
})

/**
 * A `StateStore` in memory: versions from a counter, compare-and-set on every
 * write and delete, copies in and out so callers cannot alter what is stored,
 * and a simulated crash after the Nth write.
 */
export class MemoryStateStore implements StateStore {
  private readonly entries = new Map<string, Entry>()
  private counter = 0
  private writesLeft: number | undefined
  private down = false
  /** Successful writes and deletes so far. */
  writes = 0

  read(key: string): Promise<Either<StoreFailure, Versioned | undefined>> {
    const entry = this.entries.get(key)
    return Promise.resolve(right(entry === undefined ? undefined : { record: JSON.parse(entry.json) as ResourceRecord, version: entry.version }))
  }

  write(key: string, record: ResourceRecord, expected: Version | undefined): Promise<Either<StoreFailure, Version>> {
    const gate = this.gate(key)
    if (gate !== undefined) return Promise.resolve(left(gate))
    const current = this.entries.get(key)
    if (current?.version !== expected) return Promise.resolve(left(this.conflict(key, expected, current)))
    const version = String(++this.counter)
    this.entries.set(key, { json: JSON.stringify(record), version })
    this.writes++
    return Promise.resolve(right(version))
  }

  delete(key: string, expected: Version): Promise<Either<StoreFailure, void>> {
    const gate = this.gate(key)
    if (gate !== undefined) return Promise.resolve(left(gate))
    const current = this.entries.get(key)
    if (current === undefined || current.version !== expected) {
      return Promise.resolve(left(this.conflict(key, expected, current)))
    }
    this.entries.delete(key)
    this.writes++
    return Promise.resolve(right(undefined))
  }

  list(): Promise<Either<StoreFailure, ReadonlyArray<string>>> {
    return Promise.resolve(right([...this.entries.keys()].sort()))
  }

  /** A copy of every record, by key, for assertions. */
  snapshot(): Record<string, ResourceRecord> {
    const out: Record<string, ResourceRecord> = {}
    for (const [key, entry] of this.entries) out[key] = JSON.parse(entry.json) as ResourceRecord
    return out
  }

  /**
   * Simulates a crash: after `n` more successful writes or deletes, every
   * write and delete fails with `Unavailable` until `restore()`. `n = 0` crashes now.
   */
  crashAfterWrites(n: number): void {
    this.writesLeft = this.writes + Math.max(0, n)
    this.down = false
  }

  /** Ends a simulated crash: writes succeed again; what was stored before the crash is kept. */
  restore(): void {
    this.writesLeft = undefined
    this.down = false
  }

  /** Whether the simulated crash has happened. */
  get crashed(): boolean {
    return this.down
  }

  private gate(key: string): StoreFailure | undefined {
    if (this.writesLeft !== undefined && this.writes >= this.writesLeft) this.down = true
    return this.down ? crashed(key) : undefined
  }

  private conflict(key: string, expected: Version | undefined, current: Entry | undefined): StoreFailure {
    const found = current === undefined ? 'no record' : `version ${current.version}`
    const wanted = expected === undefined ? 'no record' : `version ${expected}`
    return { _tag: 'Conflict', key, expected, message: `expected ${wanted} for "${key}" but found ${found}: another writer changed it` }
  }
}
