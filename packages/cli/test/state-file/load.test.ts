import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sampleState } from '@lambda-invocation/core/testing'
import { backupPathFor } from '../../src/state-file/files.js'
import { headerLine, putLine } from '../../src/state-file/journal.js'
import { loadStateFile } from '../../src/state-file/load.js'

const record = JSON.stringify({ schemaVersion: 1, state: sampleState('f') })

describe('loadStateFile', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'li-load-'))
    file = join(dir, 'state.json')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const message = (): string => {
    const r = loadStateFile(file)
    return E.isLeft(r) ? r.left.message : 'read'
  }

  it('gives no records for a file that does not exist', () => {
    expect(loadStateFile(file)).toEqual(E.right({ state: { format: 'lambda-invocation/state', formatVersion: 2, serial: 0, records: {} } }))
  })

  it('gives no records for an empty file (0 bytes), as for none', () => {
    writeFileSync(file, '')
    expect(loadStateFile(file)).toEqual(E.right({ state: { format: 'lambda-invocation/state', formatVersion: 2, serial: 0, records: {} } }))
  })

  it('still refuses a file of only whitespace', () => {
    writeFileSync(file, '\n')
    expect(message()).toContain('is corrupt')
  })

  it('reads a journal: the compacted records and the writes after them, sorted by key', () => {
    writeFileSync(file, headerLine('g', 4, 2) + putLine(4, 'b', undefined, record) + putLine(2, 'a', undefined, record) + putLine(5, 'a', '2', record))
    const r = loadStateFile(file)
    expect(E.isRight(r) && r.right.state).toEqual({
      format: 'lambda-invocation/state',
      formatVersion: 2,
      serial: 5,
      records: { a: { version: '5', record: JSON.parse(record) }, b: { version: '4', record: JSON.parse(record) } },
    })
  })

  it('refuses a state written by a newer version, saying so', () => {
    writeFileSync(file, '{"format":"lambda-invocation/state","formatVersion":3}\n{}\n')
    expect(message()).toMatch(/is corrupt: "formatVersion" 3 is not one this version reads \(1 or 2\); a newer lambda-invocation may have written it\./)
  })

  it('refuses a journal that ends inside its compacted records, or holds a record this version cannot use', () => {
    writeFileSync(file, headerLine('g', 4, 2) + putLine(4, 'b', undefined, record))
    expect(message()).toContain('is corrupt: it ends after 1 of its 2 compacted records.')
    writeFileSync(file, headerLine('g', 0, 0) + putLine(1, 'a', undefined, '{"schemaVersion":7}'))
    expect(message()).toMatch(/is corrupt: the record of "a" is not valid: schemaVersion: must be 1, got 7/)
  })

  it('names the backup of a corrupt journal as the state before its last compaction', () => {
    writeFileSync(backupPathFor(file), headerLine('g', 0, 0))
    writeFileSync(file, `${headerLine('g', 0, 0)}not json\n`)
    expect(message()).toBe(
      `the state file ${file} is corrupt: line 2 is not valid JSON (column 2: unexpected character "o"). ` +
        `Nothing was changed. The state as it was before the journal was last compacted is kept in ${backupPathFor(file)}: check it, and copy it over ${file} to go back to it ` +
        `(the writes since then are the lines of ${file} after its compacted records).`,
    )
  })
})
