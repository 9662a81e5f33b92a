import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sampleRecord } from '@lambda-invocation/core/testing'
import { selectResources } from '../../src/commands/select.js'
import { cliErrorText } from '../../src/render/cli-error-text.js'
import { parseCliArgs } from '../../src/setup/args.js'
import { openContext } from '../../src/setup/context.js'
import { makeFileStateStore } from '../../src/state-file/store.js'

let dir: string
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'li-select-'))
  writeFileSync(join(dir, 'lambda-invocation.json'), JSON.stringify({ resources: { b: { functionName: 'f', input: '{}' }, a: { functionName: 'f', input: '{}' } } }))
  const store = makeFileStateStore({ file: join(dir, 'lambda-invocation.state.json') })
  await store.write('gone', sampleRecord(), undefined)
  await store.write('a', sampleRecord(), undefined)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const select = async (argv: string[], from: 'all' | 'state') => {
  const args = await parseCliArgs(argv)
  if (!E.isRight(args)) throw new Error(args.left.message)
  const ctx = await openContext(args.right, { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir }, { configRequired: false, lock: false })
  if (!E.isRight(ctx)) throw new Error(cliErrorText(ctx.left))
  return selectResources(ctx.right, from)
}

describe('selectResources', () => {
  it('takes the config and the state for plan and apply (a key only in the state is destroyed), sorted', async () => {
    const r = await select(['plan'], 'all')
    expect(E.isRight(r) && r.right.map((s) => [s.key, s.desired === undefined])).toEqual([
      ['a', false],
      ['b', false],
      ['gone', true],
    ])
  })

  it('takes only the state for destroy, with no arguments', async () => {
    const r = await select(['destroy'], 'state')
    expect(E.isRight(r) && r.right).toEqual([
      { key: 'a', desired: undefined },
      { key: 'gone', desired: undefined },
    ])
  })

  it('narrows to the targets, and names the known resources for an unknown one', async () => {
    const r = await select(['plan', '--target', 'gone', '--target', 'b'], 'all')
    expect(E.isRight(r) && r.right.map((s) => s.key)).toEqual(['b', 'gone'])
    const destroyB = await select(['destroy', '--target', 'b'], 'state')
    expect(E.isRight(destroyB) && destroyB.right).toEqual([]) // in the config but not created: nothing to destroy
    const bad = await select(['plan', '--target', 'nope'], 'all')
    expect(E.isLeft(bad) && cliErrorText(bad.left)).toContain('unknown resource "nope" given to --target: not in the config')
    expect(E.isLeft(bad) && cliErrorText(bad.left)).toContain('Known resources: a, b, gone.')
    const typo = await select(['plan', '--target', 'Gone'], 'all')
    expect(E.isLeft(typo) && cliErrorText(typo.left)).toContain('unknown resource "Gone" (did you mean "gone"?) given to --target')
  })
})
