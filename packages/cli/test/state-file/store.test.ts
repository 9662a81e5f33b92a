import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeStateStoreContract, sampleRecord } from '@lambda-invocation/core/testing'
import { backupPathFor, loadStateFile, makeFileStateStore, serializeState, STATE_FORMAT, type StateFile } from '../../src/state-file/store.js'
import fc from 'fast-check'
import { lockPathFor } from '../../src/state-file/lock.js'

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

describe('file state store on disk', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = tempDir()
    file = join(dir, 'state.json')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the file with mode 0600 and keeps the previous version as the backup', async () => {
    const store = makeFileStateStore({ file })
    const v1 = await store.write('a', sampleRecord(), undefined)
    if (!isRight(v1)) throw new Error('write failed')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(existsSync(backupPathFor(file))).toBe(false)
    const first = readFileSync(file, 'utf8')
    expect(isRight(await store.write('b', sampleRecord(), undefined))).toBe(true)
    expect(readFileSync(backupPathFor(file), 'utf8')).toBe(first)
    expect(statSync(backupPathFor(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8')).records).toHaveProperty('b')
  })

  it('leaves no temporary or lock file behind', async () => {
    const store = makeFileStateStore({ file })
    await store.write('a', sampleRecord(), undefined)
    await store.write('b', sampleRecord(), undefined)
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'state.json.backup'])
  })

  it('refuses a corrupt file with its line and column and names the backup, changing nothing', async () => {
    writeFileSync(file, '{\n  "format": "lambda-invocation/state",\n  "serial": 1,,\n}')
    const store = makeFileStateStore({ file })
    const r = await store.write('a', sampleRecord(), undefined)
    expect(isLeft(r) && r.left._tag).toBe('Corrupt')
    const message = isLeft(r) ? r.left.message : ''
    expect(message).toContain('line 3, column 15')
    expect(message).toContain(backupPathFor(file))
    expect(readFileSync(file, 'utf8')).toBe('{\n  "format": "lambda-invocation/state",\n  "serial": 1,,\n}')
    const read = await store.read('a')
    expect(isLeft(read) && read.left._tag).toBe('Corrupt')
  })

  it('a folder given as the state file: says so, with a file to name instead', () => {
    const folder = dirname(file)
    const r = loadStateFile(folder)
    expect(isLeft(r) && r.left.message).toBe(`the state file ${folder} is a folder: name a file (e.g. --state ${join(folder, 'lambda-invocation.state.json')})`)
  })

  it('refuses a file whose record is not a record', () => {
    writeFileSync(file, JSON.stringify({ format: 'lambda-invocation/state', formatVersion: 1, serial: 1, records: { a: { version: '1', record: { schemaVersion: 7 } } } }))
    const r = loadStateFile(file)
    expect(isLeft(r) && r.left.message).toMatch(/record of "a" is not valid: schemaVersion: must be 1, got 7/)
  })

  it('gives up with the holder named while a live process holds the lock', async () => {
    writeFileSync(lockPathFor(file), `${process.pid}\n`)
    const store = makeFileStateStore({ file, lockWaitMs: 50 })
    const r = await store.write('a', sampleRecord(), undefined)
    expect(isLeft(r) && r.left._tag).toBe('Unavailable')
    expect(isLeft(r) && r.left.message).toContain(`locked by process ${process.pid}`)
    expect(existsSync(file)).toBe(false)
  })

  it('versions never repeat across a delete and a re-create', async () => {
    const store = makeFileStateStore({ file })
    const v1 = await store.write('a', sampleRecord(), undefined)
    if (!isRight(v1)) throw new Error('write failed')
    await store.delete('a', v1.right)
    const v2 = await store.write('a', sampleRecord(), undefined)
    expect(isRight(v2) && v2.right).not.toBe(v1.right)
    const stale = await store.write('a', sampleRecord(), v1.right)
    expect(isLeft(stale) && stale.left._tag).toBe('Conflict')
  })
})

describe('makeFileStateStore misuse', () => {
  it('is answered at once, naming the function', () => {
    expect(() => makeFileStateStore({ file: '' })).toThrow(/^makeFileStateStore: file must be a non-empty path, got ""$/)
    expect(() => makeFileStateStore({ file: 'x', lockWaitMs: -1 })).toThrow(/^makeFileStateStore: lockWaitMs must be/)
  })
})

describe('serializeState', () => {
  const stateOf = (keys: string[], serial: number): StateFile => ({
    format: STATE_FORMAT,
    formatVersion: 1,
    serial,
    records: Object.fromEntries(keys.map((k, i) => [k, { version: String(i + 1), record: sampleRecord() }])),
  })

  it('writes what JSON.stringify(state, null, 2) writes, keys sorted, with or without remembered entries', () => {
    fc.assert(
      // (integer-like keys are left out: a JS object would list them first, whatever the order given)
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 }).filter((k) => !/^(0|[1-9]\d*)$/.test(k)), { maxLength: 8 }), fc.nat(), (keys, serial) => {
        const state = stateOf(keys, serial)
        const records: Record<string, unknown> = {}
        for (const k of [...keys].sort()) Object.defineProperty(records, k, { value: state.records[k], enumerable: true })
        const expected = `${JSON.stringify({ ...state, records }, null, 2)}\n`
        const memo = new Map<string, string>()
        expect(serializeState(state, memo)).toBe(expected)
        expect(serializeState(state, memo)).toBe(expected)
        expect(JSON.parse(serializeState(state))).toEqual(JSON.parse(expected))
      }),
      { numRuns: 100 },
    )
  })

  it('keeps a key named __proto__ as a record', async () => {
    const dir = tempDir()
    try {
      const store = makeFileStateStore({ file: join(dir, 'state.json'), externallyLocked: true })
      expect(isRight(await store.write('__proto__', sampleRecord(), undefined))).toBe(true)
      expect(isRight(await store.write('constructor', sampleRecord(), undefined))).toBe(true)
      const fresh = makeFileStateStore({ file: join(dir, 'state.json') })
      const listed = await fresh.list()
      expect(isRight(listed) && listed.right).toEqual(['__proto__', 'constructor'])
      const read = await fresh.read('__proto__')
      expect(isRight(read) && read.right?.record).toEqual(sampleRecord())
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
      if (!isRight(v1)) throw new Error('write failed')
      expect(isRight(await a.read('k'))).toBe(true) // a now has the file cached
      expect(isRight(await b.delete('k', v1.right))).toBe(true)
      const after = await a.read('k')
      expect(isRight(after) && after.right).toBeUndefined()
      const stale = await a.write('k', sampleRecord(), v1.right)
      expect(isLeft(stale) && stale.left._tag).toBe('Conflict')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
