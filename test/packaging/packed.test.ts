/**
 * The packages as a user gets them: packed with `pnpm pack`, installed together
 * from the tarballs in a fresh folder (one install shared by every check), then
 * loaded in child processes from CommonJS (`require`), from an ES module
 * (`import`), and from strict TypeScript projects of both kinds under
 * `module: nodenext`. Needs `pnpm build` first, as the README orders it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installConsumer, type Consumer } from './support/consumer.js'
import { run, type Ran } from './support/run.js'
import { writeTypeScriptProject, type ProjectKind } from './support/typescript-project.js'
import { publishablePackages, requireBuilt, ROOT } from './support/workspace.js'

const packages = publishablePackages()
const entries = packages.flatMap((p) => p.entries)
const dataFiles = packages.flatMap((p) => p.dataFiles.map(([specifier, file]) => [specifier, join(p.dir, file)] as const))
const packageNamed = new Map(packages.map((p) => [p.manifest.name, p]))

let consumer: Consumer
beforeAll(async () => {
  requireBuilt(packages)
  consumer = await installConsumer(packages)
}, 600_000)
afterAll(() => consumer?.remove())

const installedDir = (name: string): string => join(consumer.dir, 'node_modules', ...name.split('/'))
const node = (args: ReadonlyArray<string>, cwd = consumer.dir): Promise<Ran> => run(process.execPath, args, cwd)
const cjs = (script: string): Promise<Ran> => node(['-e', script])
const esm = (script: string): Promise<Ran> => node(['--input-type=module', '-e', script])

/** Every file under `dir`, as absolute paths. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]))

/** The names each entry exports, as an ES module import sees them (the reference the other ways of loading are held to). */
let esmNamesOnce: Promise<ReadonlyMap<string, string>> | undefined
const esmNames = (): Promise<ReadonlyMap<string, string>> =>
  (esmNamesOnce ??= (async () => {
    const r = await esm(
      `${entries.map((e, i) => `import * as m${i} from ${JSON.stringify(e)}`).join('\n')}\n` +
        `for (const [s, m] of [${entries.map((e, i) => `[${JSON.stringify(e)}, m${i}]`).join(', ')}]) console.log(s + ' ' + Object.keys(m).sort().join(','))`,
    )
    if (r.code !== 0) throw new Error(`importing every entry failed:\n${r.stderr}`)
    return new Map(r.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)] as const))
  })())

describe('installed from the tarballs', () => {
  it('takes every package of ours from its local tarball, and installs each, and fp-ts, once', () => {
    const lock = JSON.parse(readFileSync(join(consumer.dir, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>
    }
    const installed = Object.entries(lock.packages).filter(([path]) => path !== '')
    const ours = installed.filter(([path]) => /(^|\/)node_modules\/@lambda-invocation\//.test(path))
    expect(ours.map(([path]) => path).sort()).toEqual(packages.map((p) => `node_modules/${p.manifest.name}`).sort())
    for (const [path, entry] of ours) {
      const p = packageNamed.get(path.replace(/^node_modules\//, ''))
      expect(entry.resolved, path).toBe(`file:tarballs/${p?.tarballName}`)
    }
    expect(installed.filter(([path]) => /(^|\/)node_modules\/fp-ts$/.test(path)).map(([path]) => path)).toEqual(['node_modules/fp-ts'])
  })

  it.each(packages.map((p) => p.manifest.name))('%s ships the repository LICENSE', (name) => {
    expect(readFileSync(join(installedDir(name), 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'))
  })

  it.each(packages.map((p) => p.manifest.name))('%s: each source map names only files the package ships, or carries them', (name) => {
    const dir = installedDir(name)
    const dangling = filesUnder(dir)
      .filter((f) => f.endsWith('.map'))
      .flatMap((map) => {
        const m = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[]; sourceRoot?: string; sourcesContent?: ReadonlyArray<string | null> }
        // A source is shipped as a file of the package, or inside the map itself (a bundle's sources from other packages).
        return m.sources
          .filter((_, i) => typeof m.sourcesContent?.[i] !== 'string')
          .map((s) => resolve(dirname(map), m.sourceRoot ?? '', s))
          .filter((s) => !s.startsWith(dir + sep) || !existsSync(s))
          .map((s) => `${relative(dir, map)} → ${relative(dir, s)}`)
      })
    expect(dangling).toEqual([])
  })
})

describe.concurrent('loading each entry point', () => {
  it.for(entries)('require(%s) from CommonJS, with nothing on stderr', async (entry, { expect }) => {
    const r = await cjs(`const m = require(${JSON.stringify(entry)}); console.log(Object.keys(m).filter((k) => k !== '__esModule').sort().join(','))`)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).not.toBe('')
    expect(r.stdout.trim()).toBe((await esmNames()).get(entry))
  })

  it.for(entries)('import %s from an ES module, the same module require() gives in that process', async (entry, { expect }) => {
    const r = await esm(
      `import * as m from ${JSON.stringify(entry)}\n` +
        `import { createRequire } from 'node:module'\n` +
        `const required = createRequire(import.meta.url)(${JSON.stringify(entry)})\n` +
        `const names = Object.keys(m)\n` +
        `console.log(JSON.stringify({ names: names.length, same: names.every((k) => required[k] === m[k]) }))`,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    // The same objects (classes, functions) both ways: one copy, so instanceof and tags agree across CommonJS and ESM callers.
    expect(JSON.parse(r.stdout)).toEqual({ names: expect.any(Number), same: true })
    expect(JSON.parse(r.stdout).names).toBeGreaterThan(0)
  })

  it.for(dataFiles)('%s: the same document by require() and by import with type json', async ([specifier, source], { expect }) => {
    const expected = JSON.parse(readFileSync(source, 'utf8'))
    const required = await cjs(`console.log(JSON.stringify(require(${JSON.stringify(specifier)})))`)
    expect(required.stderr).toBe('')
    expect(JSON.parse(required.stdout)).toEqual(expected)
    const imported = await esm(`import doc from ${JSON.stringify(specifier)} with { type: 'json' }\nconsole.log(JSON.stringify(doc))`)
    expect(imported.code, imported.stderr).toBe(0)
    expect(JSON.parse(imported.stdout)).toEqual(expected)
  })

  it('each package finds the same copy of our other packages and of fp-ts', async ({ expect }) => {
    const pairs = packages.flatMap((p) =>
      [...Object.keys(p.manifest.dependencies ?? {}), ...Object.keys(p.manifest.peerDependencies ?? {})]
        .filter((d) => packageNamed.has(d) || d === 'fp-ts')
        .map((d) => [p.manifest.name, d] as const),
    )
    expect(pairs.length).toBeGreaterThan(0)
    const r = await cjs(
      `const path = require('node:path')\n` +
        `const at = (from, dep) => require.resolve(dep === 'fp-ts' ? 'fp-ts/lib/Either.js' : dep, { paths: [from] })\n` +
        `const out = ${JSON.stringify(pairs)}.map(([pkg, dep]) => [pkg, dep, at(path.dirname(require.resolve(pkg)), dep) === at(process.cwd(), dep)])\n` +
        `console.log(JSON.stringify(out))`,
    )
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual(pairs.map(([pkg, dep]) => [pkg, dep, true]))
  })

  const bins = packages.flatMap((p) => Object.entries(p.manifest.bin ?? {}).map(([bin]) => [bin, p.manifest.version] as const))
  it.for(bins)('the %s command runs from the installed package', async ([bin, version], { expect }) => {
    const r = await run(join(consumer.dir, 'node_modules', '.bin', bin), ['--version'], consumer.dir)
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe(version)
  })
})

/** The root README's TypeScript sample and the output its last comment line promises. */
const readmeSample = (): { readonly code: string; readonly prints: string } => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## The API in brief')))?.[1]
  const prints = code?.trimEnd().split('\n').at(-1)
  if (code === undefined || prints === undefined || !prints.startsWith('// '))
    throw new Error('README.md: expected a ```ts sample under "## The API in brief" whose last line is a comment with what it prints')
  return { code, prints: prints.slice(3) }
}

describe.concurrent('a strict TypeScript project under module nodenext', () => {
  it.for<ProjectKind>(['commonjs', 'module'])('of type %s type-checks, compiles and runs code importing every entry', async (kind, { expect }) => {
    const sample = readmeSample()
    const dir = writeTypeScriptProject(consumer.dir, kind, entries, sample.code)
    const tsc = await node([join(consumer.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], dir)
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.code).toBe(0)

    // "Compiles cleanly, then crashes" is what a CommonJS project met before: run what tsc made.
    const loaded = await node([join('out', 'entries.js')], dir)
    expect(loaded.stderr).toBe('')
    const names = await esmNames()
    expect(loaded.stdout.trim().split('\n')).toEqual(entries.map((e) => `${e} ${names.get(e)}`))

    const readme = await node([join('out', 'readme.js')], dir)
    expect(readme.stderr).toBe('')
    expect(readme.stdout.trim()).toBe(sample.prints)
  })
})
