import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { checkHandlers, handlerName, loadHandlers } from '../../src/handlers/load.js'

const dir = mkdtempSync(join(tmpdir(), 'li-handlers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const moduleFile = (name: string, text: string): string => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

describe('loadHandlers', () => {
  it('takes named function exports and the functions of a default export object', async () => {
    const file = moduleFile('h1.mjs', 'export const a = () => 1\nexport const notAFunction = 3\nexport default { b: () => 2, "my-fn": () => 3 }\n')
    const r = await loadHandlers(file)
    if (!E.isRight(r)) throw new Error(r.left.message)
    expect([...r.right.handlers.keys()].sort()).toEqual(['a', 'b', 'my-fn'])
  })

  it('says where it looked when the module is missing, and why a module does not load', async () => {
    const missing = await loadHandlers(join(dir, 'nope.mjs'))
    expect(E.isLeft(missing) && missing.left.message).toContain(`no handlers module at ${join(dir, 'nope.mjs')}`)
    const broken = await loadHandlers(moduleFile('h2.mjs', 'export const a = (\n'))
    expect(E.isLeft(broken) && broken.left.message).toMatch(/cannot load the handlers module .*h2\.mjs( \(line \d+\))?: /)
  })

  it('a folder given as the module: name the file in it', async () => {
    const r = await loadHandlers(dir)
    expect(E.isLeft(r) && r.left.message).toBe(`the handlers module ${dir} is a folder: name the module file in it (e.g. ${join(dir, 'handlers.mjs')})`)
  })

  it('says why a module that throws on import does not load', async () => {
    // (The line of a syntax error is tested on the built binary: under vitest, vite parses the module first.)
    const throws = await loadHandlers(moduleFile('throws.mjs', "throw new Error('no DATABASE_URL')\n"))
    expect(E.isLeft(throws) && throws.left.message).toBe(`cannot load the handlers module ${join(dir, 'throws.mjs')}: no DATABASE_URL`)
  })
})

describe('checkHandlers', () => {
  it('accepts names, ARNs and name:qualifier forms of exported functions', async () => {
    const r = await loadHandlers(moduleFile('h3.mjs', 'export const fn = () => 1\n'))
    if (!E.isRight(r)) throw new Error('load failed')
    const ok = checkHandlers(r.right, [
      { key: 'a', functionName: 'fn' },
      { key: 'b', functionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn:prod' },
      { key: 'c', functionName: 'fn:7' },
    ])
    expect(E.isRight(ok)).toBe(true)
    expect(handlerName('arn:aws:lambda:us-east-1:123456789012:function:fn')).toBe('fn')
  })

  it('names each missing function, its resource, and what the module exports', async () => {
    const r = await loadHandlers(moduleFile('h4.mjs', 'export const fn = () => 1\nexport const other = () => 2\n'))
    if (!E.isRight(r)) throw new Error('load failed')
    const missing = checkHandlers(r.right, [
      { key: 'a', functionName: 'fn' },
      { key: 'b', functionName: 'gone' },
    ])
    expect(E.isLeft(missing) && missing.left.message).toBe(
      `resource "b": no handler for function "gone" in ${join(dir, 'h4.mjs')}\n(it exports: fn, other.) Add it, or use --aws to invoke the real function:\n  export const gone = async (event) => ...`,
    )
  })

  it('lists every missing one once, with the default export form for a name that is no identifier', async () => {
    const r = await loadHandlers(moduleFile('h5.mjs', 'export default {}\n'))
    if (!E.isRight(r)) throw new Error('load failed')
    const missing = checkHandlers(r.right, [
      { key: 'a', functionName: 'missing-fn' },
      { key: 'a', functionName: 'missing-fn:live' },
      { key: 'b', functionName: 'delete' },
      { key: 'c', functionName: 'plain' },
    ])
    expect(E.isLeft(missing) && missing.left.message).toBe(
      [
        `resource "a": no handler for function "missing-fn" in ${join(dir, 'h5.mjs')}`,
        `resource "b": no handler for function "delete" in ${join(dir, 'h5.mjs')}`,
        `resource "c": no handler for function "plain" in ${join(dir, 'h5.mjs')}`,
        '(it exports: no functions.) Add them, or use --aws to invoke the real functions:',
        '  export default { "missing-fn": async (event) => ... }',
        '  export default { "delete": async (event) => ... }',
        '  export const plain = async (event) => ...',
      ].join('\n'),
    )
  })
})
