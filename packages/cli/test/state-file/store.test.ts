import { appendFileSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ResourceRecord } from '@lambda-invocation/core'
import { describeStateStoreContract, sampleRecord, sampleState } from '@lambda-invocation/core/testing'
import { backupPathFor } from '../../src/state-file/files.js'
import { loadStateFile } from '../../src/state-file/load.js'
import { lockPathFor } from '../../src/state-file/lock.js'
import { makeFileStateStore, openFileStateStore } from '../../src/state-file/store.js'

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'li-store-'))

describeStateStoreContract('file state store (lock per write)', () => {
  const dir = tempDir()
  return { store: makeFileStateStore({ file: join(dir, 'state.json') }), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
})

describeStateStoreContract('file state store (lock held by the caller)', () => {
  const dir = tempDir()
  return {
    store: makeFileStateStore({ file: join(dir, 'state.json'), externallyLocked: true }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
})

describeStateStoreContract('file state store (compacted after every few writes)', () => {
  const dir = tempDir()
  return { store: makeFileStateStore({ file: join(dir, 'state.json'), externallyLocked: true, compactionSlack: 0 }), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
})

describeStateStoreContract('file state store (opened at once)', () => {
  const dir = tempDir()
  const opened = openFileStateStore({ file: join(dir, 'state.json') })
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  return { store: opened.right, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
})

const right = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const plain = (n: number): ResourceRecord => ({ schemaVersion: 1, state: sampleState(`fn${n}`) })

/** The file's lines, parsed. */
const linesOf = (file: string): Array<Record<string, unknown>> =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('file state store on disk', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = tempDir()
    file = join(dir, 'state.json')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the file with mode 0600, one line per write, and keeps the file a compaction replaces as the backup', async () => {
    const store = makeFileStateStore({ file, compactionSlack: 0 })
    const v1 = right(await store.write('a', sampleRecord(), undefined))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(existsSync(backupPathFor(file))).toBe(false)
    expect(linesOf(file)).toEqual([
      expect.objectContaining({ format: 'lambda-invocation/state', formatVersion: 2, serial: 1, snapshot: 1 }),
      { serial: 1, key: 'a', record: sampleRecord() },
    ])
    const v2 = right(await store.write('a', plain(2), v1))
    expect(linesOf(file)).toHaveLength(3)
    expect(linesOf(file)[2]).toEqual({ serial: 2, key: 'a', previous: 1, record: plain(2) })
    const before = readFileSync(file, 'utf8')
    // Two superseded lines and one record: over one per record, so this write compacts.
    right(await store.write('a', plain(3), v2))
    expect(readFileSync(backupPathFor(file), 'utf8')).toBe(`${before}{"serial":3,"key":"a","previous":2,"record":${JSON.stringify(plain(3))}}\n`)
    expect(statSync(backupPathFor(file)).mode & 0o777).toBe(0o600)
    expect(linesOf(file)).toEqual([expect.objectContaining({ formatVersion: 2, serial: 3, snapshot: 1 }), { serial: 3, key: 'a', record: plain(3) }])
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(right(loadStateFile(file)).state.records).toEqual({ a: { version: '3', record: plain(3) } })
  })

  it('takes an empty file (0 bytes) as an empty state, and writes the journal over it', async () => {
    writeFileSync(file, '')
    const store = makeFileStateStore({ file })
    expect(right(await store.list())).toEqual([])
    right(await store.write('a', sampleRecord(), undefined))
    expect(linesOf(file)).toEqual([expect.objectContaining({ formatVersion: 2, serial: 1, snapshot: 1 }), { serial: 1, key: 'a', record: sampleRecord() }])
    expect(existsSync(backupPathFor(file))).toBe(false)
  })

  it('leaves no temporary or lock file behind', async () => {
    const store = makeFileStateStore({ file, compactionSlack: 0 })
    let v = right(await store.write('a', sampleRecord(), undefined))
    await store.write('b', sampleRecord(), undefined)
    expect(readdirSync(dir).sort()).toEqual(['state.json'])
    // Three superseded lines for two records: the third update compacts.
    for (let i = 0; i < 3; i++) v = right(await store.write('a', plain(i), v))
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'state.json.backup'])
    // A rewrite killed after keeping the backup and before replacing the file leaves the backup a link to the file itself.
    rmSync(backupPathFor(file))
    linkSync(file, backupPathFor(file))
    writeFileSync(`${file}.tmp-999999999`, 'left by a process killed mid-rewrite')
    for (let i = 0; i < 5; i++) v = right(await store.write('a', plain(i), v))
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'state.json.backup'])
    expect(statSync(backupPathFor(file)).ino).not.toBe(statSync(file).ino)
  })

  it('refuses a corrupt file with its line and column and names the backup, changing nothing', async () => {
    writeFileSync(file, '{\n  "format": "lambda-invocation/state",\n  "serial": 1,,\n}')
    const store = makeFileStateStore({ file })
    const r = await store.write('a', sampleRecord(), undefined)
    expect(E.isLeft(r) && r.left._tag).toBe('Corrupt')
    const message = E.isLeft(r) ? r.left.message : ''
    expect(message).toContain('line 3, column 15')
    expect(message).toContain(backupPathFor(file))
    expect(readFileSync(file, 'utf8')).toBe('{\n  "format": "lambda-invocation/state",\n  "serial": 1,,\n}')
    const read = await store.read('a')
    expect(E.isLeft(read) && read.left._tag).toBe('Corrupt')
    expect(E.isLeft(openFileStateStore({ file })) && 'refused').toBe('refused')
  })

  it('refuses a journal with a line that is not JSON, naming the line and the backup, changing nothing', async () => {
    const store = makeFileStateStore({ file })
    right(await store.write('a', plain(1), undefined))
    appendFileSync(file, '{"serial":2,"key":"b",\n')
    const text = readFileSync(file, 'utf8')
    const r = await makeFileStateStore({ file }).write('c', plain(3), undefined)
    expect(E.isLeft(r) && r.left._tag).toBe('Corrupt')
    expect(E.isLeft(r) && r.left.message).toMatch(/^the state file .* is corrupt: line 3 is not valid JSON \(column 23: /)
    expect(E.isLeft(r) && r.left.message).toContain(`no ${backupPathFor(file)}`)
    expect(readFileSync(file, 'utf8')).toBe(text)
  })

  it('cuts off a write cut short (no newline: never acknowledged) and appends after the last whole line', async () => {
    const v = right(await makeFileStateStore({ file }).write('a', plain(1), undefined))
    const whole = readFileSync(file, 'utf8')
    // (longer than the line written after it: cut off, not merely overwritten)
    appendFileSync(file, `{"serial":2,"key":"a","previous":1,"record":"${'x'.repeat(2000)}`)
    // Readers see the journal without it...
    const reader = makeFileStateStore({ file })
    expect(right(await reader.read('a'))).toEqual({ record: plain(1), version: v })
    // ... and the next write replaces it.
    const store = makeFileStateStore({ file })
    const v2 = right(await store.write('a', plain(2), v))
    expect(readFileSync(file, 'utf8')).toBe(`${whole}{"serial":2,"key":"a","previous":1,"record":${JSON.stringify(plain(2))}}\n`)
    expect(right(await reader.read('a'))).toEqual({ record: plain(2), version: v2 })
  })

  it('a folder given as the state file: says so, with a file to name instead', () => {
    const folder = dirname(file)
    const r = loadStateFile(folder)
    expect(E.isLeft(r) && r.left.message).toBe(`the state file ${folder} is a folder: name a file (e.g. --state ${join(folder, 'lambda-invocation.state.json')})`)
  })

  it('refuses a file whose record is not a record', () => {
    writeFileSync(file, JSON.stringify({ format: 'lambda-invocation/state', formatVersion: 1, serial: 1, records: { a: { version: '1', record: { schemaVersion: 7 } } } }))
    const r = loadStateFile(file)
    expect(E.isLeft(r) && r.left.message).toMatch(/record of "a" is not valid: schemaVersion: must be 1, got 7/)
  })

  it('gives up with the holder named while a live process holds the lock', async () => {
    writeFileSync(lockPathFor(file), `${process.pid}\n`)
    const store = makeFileStateStore({ file, lockWaitMs: 50 })
    const r = await store.write('a', sampleRecord(), undefined)
    expect(E.isLeft(r) && r.left._tag).toBe('Unavailable')
    expect(E.isLeft(r) && r.left.message).toContain(`locked by process ${process.pid}`)
    expect(existsSync(file)).toBe(false)
  })

  it('versions never repeat across a delete and a re-create', async () => {
    const store = makeFileStateStore({ file })
    const v1 = right(await store.write('a', sampleRecord(), undefined))
    await store.delete('a', v1)
    const v2 = await store.write('a', sampleRecord(), undefined)
    expect(E.isRight(v2) && v2.right).not.toBe(v1)
    const stale = await store.write('a', sampleRecord(), v1)
    expect(E.isLeft(stale) && stale.left._tag).toBe('Conflict')
  })

  it('versions never repeat after a compaction drops the lines of deleted keys', async () => {
    const store = makeFileStateStore({ file, compactionSlack: 0, externallyLocked: true })
    const seen = new Set<string>()
    for (let i = 0; i < 6; i++) {
      const v = right(await store.write('k', plain(i), undefined))
      expect(seen.has(v)).toBe(false)
      seen.add(v)
      right(await store.delete('k', v))
    }
    expect(existsSync(backupPathFor(file))).toBe(true)
    const reopened = makeFileStateStore({ file })
    expect(seen.has(right(await reopened.write('k', plain(9), undefined)))).toBe(false)
  })

  it('writes that arrive together are each answered, in order, with their own version or a conflict', async () => {
    const store = makeFileStateStore({ file, externallyLocked: true })
    right(await store.write('seed', plain(0), undefined))
    const results = await Promise.all([
      store.write('a', plain(1), undefined),
      store.write('b', plain(2), undefined),
      store.write('a', plain(3), undefined),
      store.write('c', plain(4), undefined),
    ])
    const versions = results.map((r) => (E.isRight(r) ? r.right : r.left._tag))
    expect(versions).toEqual(['2', '3', 'Conflict', '4'])
    expect(linesOf(file).map((l) => l['serial'])).toEqual([1, 1, 2, 3, 4])
    const fresh = makeFileStateStore({ file })
    expect(right(await fresh.read('a'))).toEqual({ record: plain(1), version: '2' })
    expect(right(await fresh.list())).toEqual(['a', 'b', 'c', 'seed'])
  })

  it('a second store sees the first one compact, and carries on from there', async () => {
    const a = makeFileStateStore({ file, compactionSlack: 0 })
    const b = makeFileStateStore({ file })
    let v = right(await a.write('k', plain(0), undefined))
    right(await b.write('other', plain(9), undefined))
    expect(right(await b.read('k'))?.version).toBe(v)
    for (let i = 1; i <= 4; i++) v = right(await a.write('k', plain(i), v))
    expect(existsSync(backupPathFor(file))).toBe(true)
    expect(right(await b.read('k'))).toEqual({ record: plain(4), version: v })
    const v2 = right(await b.write('k', plain(5), v))
    expect(right(await a.read('k'))).toEqual({ record: plain(5), version: v2 })
    expect(right(await a.list())).toEqual(['k', 'other'])
  })
})

describe('makeFileStateStore misuse', () => {
  it('is answered at once, naming the function', () => {
    expect(() => makeFileStateStore({ file: '' })).toThrow(/^makeFileStateStore: file must be a non-empty path, got ""$/)
    expect(() => makeFileStateStore({ file: 'x', lockWaitMs: -1 })).toThrow(/^makeFileStateStore: lockWaitMs must be/)
    expect(() => makeFileStateStore({ file: 'x', compactionSlack: 1.5 })).toThrow(/^makeFileStateStore: compactionSlack must be a whole number/)
    expect(() => openFileStateStore({ file: '' })).toThrow(/^openFileStateStore: file must be a non-empty path/)
  })
})

describe('keys and other writers', () => {
  it('keeps a key named __proto__ as a record', async () => {
    const dir = tempDir()
    try {
      const store = makeFileStateStore({ file: join(dir, 'state.json'), externallyLocked: true })
      expect(E.isRight(await store.write('__proto__', sampleRecord(), undefined))).toBe(true)
      expect(E.isRight(await store.write('constructor', sampleRecord(), undefined))).toBe(true)
      const fresh = makeFileStateStore({ file: join(dir, 'state.json') })
      const listed = await fresh.list()
      expect(E.isRight(listed) && listed.right).toEqual(['__proto__', 'constructor'])
      const read = await fresh.read('__proto__')
      expect(E.isRight(read) && read.right?.record).toEqual(sampleRecord())
      expect(Object.keys(right(loadStateFile(join(dir, 'state.json'))).state.records)).toEqual(['__proto__', 'constructor'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('sees a change made by another writer even with a cached copy', async () => {
    const dir = tempDir()
    try {
      const file = join(dir, 'state.json')
      const a = makeFileStateStore({ file })
      const b = makeFileStateStore({ file })
      const v1 = await a.write('k', sampleRecord(), undefined)
      if (!E.isRight(v1)) throw new Error('write failed')
      expect(E.isRight(await a.read('k'))).toBe(true) // a now has the file cached
      expect(E.isRight(await b.delete('k', v1.right))).toBe(true)
      const after = await a.read('k')
      expect(E.isRight(after) && after.right).toBeUndefined()
      const stale = await a.write('k', sampleRecord(), v1.right)
      expect(E.isLeft(stale) && stale.left._tag).toBe('Conflict')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('sees the state file removed and created again by another writer', async () => {
    const dir = tempDir()
    try {
      const file = join(dir, 'state.json')
      const a = makeFileStateStore({ file })
      right(await a.write('k', plain(1), undefined))
      rmSync(file)
      expect(right(await a.read('k'))).toBeUndefined()
      right(await makeFileStateStore({ file }).write('j', plain(2), undefined))
      expect(right(await a.list())).toEqual(['j'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a store whose caller holds the lock', () => {
  it('still sees, before writing, a write made by something that ignored the lock, instead of writing over it', async () => {
    const dir = tempDir()
    try {
      const file = join(dir, 'state.json')
      const held = makeFileStateStore({ file, externallyLocked: true })
      const v = right(await held.write('a', plain(1), undefined))
      right(await makeFileStateStore({ file }).write('b', plain(2), undefined))
      const stale = await held.write('b', plain(3), undefined)
      expect(E.isLeft(stale) && stale.left._tag).toBe('Conflict')
      right(await held.write('a', plain(4), v))
      expect(right(loadStateFile(file)).state.records).toEqual({ a: { version: '3', record: plain(4) }, b: { version: '2', record: plain(2) } })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
