/**
 * Each publishable package is declared the one way this project packages
 * (docs/architecture.md, "Packaging"), so that a new package or a new subpath
 * that copies it loads from CommonJS and ESM alike. Reads the manifests only:
 * fast, and it needs no build.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { dataFileOf, publishablePackages, SOURCE_CONDITION } from './support/workspace.js'

const packages = publishablePackages()

describe.each(packages.map((p) => [p.manifest.name, p] as const))('%s', (_, p) => {
  const m = p.manifest

  it('is an ES module package for the Nodes that require() it, under the MIT license, shipping its build, sources, README and LICENSE', () => {
    expect(m.type).toBe('module')
    // The Nodes whose require() loads an ES module without a flag.
    expect(m.engines?.node).toBe('^20.19.0 || >=22.12.0')
    expect(m.license).toBe('MIT')
    // Beside them, the folders of the data files it exports (the CLI's JSON Schema).
    const dataFolders = p.dataFiles.map(([, file]) => file.replace(/^\.\//, '').split('/')[0]!)
    expect([...(m.files ?? [])].sort()).toEqual([...new Set(['LICENSE', 'README.md', 'dist', 'src', ...dataFolders])].sort())
    expect(existsSync(join(p.dir, 'LICENSE'))).toBe(true)
  })

  it('has an entry point, and each names its sources, then its types, then its code (no import-only condition)', () => {
    const exportsMap = m.exports ?? {}
    expect(Object.keys(exportsMap)).toContain('.')
    // For tools that predate `exports` (TypeScript's node10 resolution among them).
    expect([m.main, m.types]).toEqual(['./dist/index.js', './dist/index.d.ts'])
    for (const [key, value] of Object.entries(exportsMap)) {
      // A data file (`./schema.json`) is exported as it is, and must be there.
      const data = dataFileOf(value)
      if (data !== undefined) {
        expect(existsSync(join(p.dir, data)), `${key}: ${data}`).toBe(true)
        continue
      }
      const stem = key === '.' ? 'index' : `${key.replace(/^\.\//, '')}/index`
      // The order matters: the first listed condition a resolver knows wins, so the source condition comes first (only the workspace knows it) and `default` last.
      expect(value, key).toStrictEqual({ [SOURCE_CONDITION]: `./src/${stem}.ts`, types: `./dist/${stem}.d.ts`, default: `./dist/${stem}.js` })
      expect(Object.keys(value as object), key).toEqual([SOURCE_CONDITION, 'types', 'default'])
      expect(existsSync(join(p.dir, 'src', `${stem}.ts`)), `${key}: src/${stem}.ts`).toBe(true)
    }
  })

  it('has fp-ts as a peer, never its own copy (the Either values it returns are read with the user’s fp-ts)', () => {
    expect(Object.keys(m.dependencies ?? {})).not.toContain('fp-ts')
    expect(m.peerDependencies?.['fp-ts']).toMatch(/^\^2\./)
  })

  it('type-checks against the sources of the packages it uses, and builds against their declarations', () => {
    const read = (file: string): { compilerOptions?: { customConditions?: string[] } } => {
      const parsed = ts.parseConfigFileTextToJson(file, readFileSync(join(p.dir, file), 'utf8'))
      if (parsed.error !== undefined) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`)
      return parsed.config as { compilerOptions?: { customConditions?: string[] } }
    }
    expect(read('tsconfig.json').compilerOptions?.customConditions).toEqual([SOURCE_CONDITION])
    expect(read('tsconfig.build.json').compilerOptions?.customConditions).toBeUndefined()
  })
})
