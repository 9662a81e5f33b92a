import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sampleRecord } from '@lambda-invocation/core/testing'
import { replaceOptions } from '../../src/commands/replace.js'
import { cliErrorText } from '../../src/render/cli-error-text.js'
import { parseCliArgs } from '../../src/setup/args.js'
import { openContext } from '../../src/setup/context.js'
import { makeFileStateStore } from '../../src/state-file/store.js'

let dir: string
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'li-replace-'))
  writeFileSync(join(dir, 'lambda-invocation.json'), JSON.stringify({ resources: { 'seed-users': { functionName: 'f', input: '{}' }, warm: { functionName: 'f', input: '{}' } } }))
  await makeFileStateStore({ file: join(dir, 'lambda-invocation.state.json') }).write('gone', sampleRecord(), undefined)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const replace = async (argv: string[]) => {
  const args = await parseCliArgs(argv)
  if (!E.isRight(args)) throw new Error(args.left.message)
  const ctx = await openContext(args.right, { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir }, { configRequired: true, lock: false })
  if (!E.isRight(ctx)) throw new Error(cliErrorText(ctx.left))
  return replaceOptions(ctx.right)
}
const message = (r: Awaited<ReturnType<typeof replace>>): string => (E.isLeft(r) ? cliErrorText(r.left) : 'accepted')

describe('replaceOptions', () => {
  it('gives the names to replace, each a resource of the config', async () => {
    expect(await replace(['plan', '--replace', 'warm', '--replace', 'seed-users'])).toEqual(E.right(new Set(['warm', 'seed-users'])))
    expect(await replace(['plan'])).toEqual(E.right(new Set()))
  })

  it('refuses a name not in the config as a usage error, with the nearest name or the known ones', async () => {
    const typo = await replace(['apply', '--replace', 'seed-user'])
    expect(E.isLeft(typo) && typo.left._tag).toBe('UsageError')
    expect(message(typo)).toBe(`--replace "seed-user" is not a resource of the config (${join(dir, 'lambda-invocation.json')}); did you mean "seed-users"?\nRun 'lambda-invocation --help' for usage.`)
    expect(message(await replace(['plan', '--replace', 'zzzzzz']))).toContain('. Its resources: seed-users, warm.')
    // In the state only: it can be destroyed, not replaced.
    expect(message(await replace(['plan', '--replace', 'gone']))).toContain('--replace "gone" is not a resource of the config')
  })

  it('refuses a name outside the --target resources', async () => {
    expect(message(await replace(['plan', '--target', 'warm', '--replace', 'seed-users']))).toContain('--replace "seed-users" is not among the --target resources')
    expect(await replace(['plan', '--target', 'warm', '--replace', 'warm'])).toEqual(E.right(new Set(['warm'])))
  })
})
