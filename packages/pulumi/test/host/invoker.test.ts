import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { invokerFor } from '../../src/host/invoker.js'

const dir = mkdtempSync(join(tmpdir(), 'li-pulumi-invoker-'))
let n = 0
/** A module file of its own (module loading caches by path). */
const moduleFile = (ext: string, text: string): string => {
  const path = join(dir, `m${n++}${ext}`)
  writeFileSync(path, text)
  return path
}

const echo = 'invoke: async (call) => ({ _tag: "Right", right: { statusCode: 200, payload: call.payload } })'

const invokeWith = async (module: string, exportName = 'invoker'): Promise<unknown> => {
  const got = await invokerFor({ kind: 'module', module, exportName })
  if (E.isLeft(got)) return got.left
  return got.right.invoke({ functionName: 'f', payload: 'p' })
}

describe('invokerFor a module', () => {
  it('takes an exported Invoker, from ES and CommonJS modules', async () => {
    expect(await invokeWith(moduleFile('.mjs', `export const invoker = { ${echo} }`))).toEqual(E.right({ statusCode: 200, payload: 'p' }))
    expect(await invokeWith(moduleFile('.cjs', `module.exports = { mine: { ${echo} } }`), 'mine')).toEqual(E.right({ statusCode: 200, payload: 'p' }))
  })

  it('calls an exported factory (async too) once per process and shares the invoker', async () => {
    const path = moduleFile('.mjs', `let made = 0\nexport const invoker = async () => ({ made: ++made, ${echo} })`)
    const a = await invokerFor({ kind: 'module', module: path, exportName: 'invoker' })
    const b = await invokerFor({ kind: 'module', module: path, exportName: 'invoker' })
    expect(E.isRight(a) && E.isRight(b) && a.right === b.right && (a.right as unknown as { made: number }).made).toBe(1)
  })

  it('says why there is no invoker: a missing module, a factory that throws, an export of the wrong kind', async () => {
    expect(await invokeWith(join(dir, 'nowhere.mjs'))).toEqual({
      _tag: 'InvokerUnavailable',
      message: expect.stringMatching(/^the invoker module ".*nowhere\.mjs" could not be loaded from /),
    })
    expect(await invokeWith(moduleFile('.mjs', 'export const invoker = () => { throw new Error("no credentials") }'))).toEqual({
      _tag: 'InvokerUnavailable',
      message: expect.stringMatching(/factory "invoker" of .* threw: no credentials/),
    })
    expect(await invokeWith(moduleFile('.mjs', 'export const invoker = 42'))).toEqual({
      _tag: 'InvokerUnavailable',
      message: expect.stringMatching(/is not an Invoker \(an object with an invoke method\) or a function returning one/),
    })
  })

  it('does not keep a failure: a module that appears later is loaded', async () => {
    const path = join(dir, 'later.mjs')
    expect(E.isLeft(await invokerFor({ kind: 'module', module: path, exportName: 'invoker' }))).toBe(true)
    writeFileSync(path, `export const invoker = { ${echo} }`)
    expect(E.isRight(await invokerFor({ kind: 'module', module: path, exportName: 'invoker' }))).toBe(true)
  })
})

describe('invokerFor aws', () => {
  it("builds the AWS adapter's invoker without calling AWS", async () => {
    const got = await invokerFor({ kind: 'aws', timeoutMs: 1000 })
    expect(E.isRight(got) && typeof got.right.invoke).toBe('function')
  })
})
