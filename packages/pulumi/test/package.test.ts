/**
 * The built package as a project gets it: loaded by name with `require` (a
 * CommonJS Pulumi program, and Pulumi's provider host, which requires the host
 * entry) and with `import` (an ES module program), in a fresh Node process.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltPackage } from './support/built.js'
import { projectEnv, projectFolder } from './support/provider-host.js'

let dir: string
beforeAll(() => {
  requireBuiltPackage()
  dir = projectFolder()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The sorted export names node prints for `code`, run in the project folder. */
const exportsVia = (code: string, type: 'commonjs' | 'module'): string[] => {
  const r = spawnSync(process.execPath, ['--input-type', type, '-e', code], { cwd: dir, env: projectEnv(), encoding: 'utf8', timeout: 60_000 })
  if (r.status !== 0) throw new Error(`node exited with ${r.status}:\n${r.stderr}`)
  return JSON.parse(r.stdout) as string[]
}

const ROOT = ['DEFAULT_RETRY', 'HOST_MODULE', 'Invocation', 'makeProvider']
const HOST = ['check', 'create', 'delete', 'diff', 'read', 'update']

describe('the built package', () => {
  it('loads with require', () => {
    expect(exportsVia("console.log(JSON.stringify(Object.keys(require('@lambda-invocation/pulumi')).sort()))", 'commonjs')).toEqual(ROOT)
    expect(exportsVia("console.log(JSON.stringify(Object.keys(require('@lambda-invocation/pulumi/host')).sort()))", 'commonjs')).toEqual(HOST)
  })

  it('loads with import', () => {
    expect(exportsVia("const m = await import('@lambda-invocation/pulumi'); console.log(JSON.stringify(Object.keys(m).sort()))", 'module')).toEqual(ROOT)
    expect(exportsVia("const m = await import('@lambda-invocation/pulumi/host'); console.log(JSON.stringify(Object.keys(m).sort()))", 'module')).toEqual(HOST)
  })

  it('exports a class whose instances are Pulumi dynamic resources', () => {
    const code =
      "const pulumi = require('@pulumi/pulumi'); const { Invocation } = require('@lambda-invocation/pulumi');" +
      'console.log(JSON.stringify([Object.getPrototypeOf(Invocation) === pulumi.dynamic.Resource]))'
    expect(exportsVia(code, 'commonjs')).toEqual([true])
  })
})
