import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { writePlanFile } from '../../src/plan-file/write.js'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('writePlanFile', () => {
  it('writes the text with mode 0600, replacing a readable file, and leaves no temporary file', () => {
    dir = mkdtempSync(join(tmpdir(), 'li-plan-'))
    const file = join(dir, 'tf.plan')
    writeFileSync(file, 'old')
    chmodSync(file, 0o644)
    expect(writePlanFile(file, '{"x":1}\n')).toEqual(E.right(undefined))
    expect(readFileSync(file, 'utf8')).toBe('{"x":1}\n')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['tf.plan'])
  })

  it('answers PlanFileUnwritable, saying why, and leaves nothing behind', () => {
    dir = mkdtempSync(join(tmpdir(), 'li-plan-'))
    expect(writePlanFile(join(dir, 'missing', 'tf.plan'), '{}')).toEqual(E.left({ _tag: 'PlanFileUnwritable', file: join(dir, 'missing', 'tf.plan'), why: 'its folder does not exist' }))
    expect(readdirSync(dir)).toEqual([])
  })
})
