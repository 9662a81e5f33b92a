/**
 * A strict TypeScript project inside the consumer, compiled under
 * `module: nodenext`: its package.json `type` makes its files CommonJS or ES
 * modules, as in a user's own project.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The two kinds of project a user may have. */
export type ProjectKind = 'commonjs' | 'module'

/**
 * The compiler options of the user's project, strict. The ES module project
 * also checks every declaration file it reads (ours, and the AWS SDK's, which
 * makes it slow); the CommonJS one reads the same declaration files (they are
 * ES modules either way), so it skips that second check.
 */
const compilerOptions = (kind: ProjectKind) => ({
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2022',
  strict: true,
  skipLibCheck: kind === 'commonjs',
  types: ['node'],
  rootDir: 'src',
  outDir: 'out',
})

/** A source file that imports every entry point by namespace and prints, per entry, the names it exports. */
const entriesSource = (entries: ReadonlyArray<string>): string =>
  [
    ...entries.map((e, i) => `import * as m${i} from '${e}'`),
    '',
    'const loaded: ReadonlyArray<readonly [string, object]> = [',
    ...entries.map((e, i) => `  ['${e}', m${i}],`),
    ']',
    '// A CommonJS build wraps a namespace and adds `default`; the names are what count.',
    "for (const [specifier, ns] of loaded) console.log(`${specifier} ${Object.keys(ns).filter((k) => k !== 'default' && k !== '__esModule').sort().join(',')}`)",
    '',
  ].join('\n')

/**
 * Writes `<consumer>/<kind>/` with `src/entries.ts` (every entry point) and
 * `src/readme.ts` (the root README's sample, verbatim), and gives its folder.
 */
export const writeTypeScriptProject = (consumerDir: string, kind: ProjectKind, entries: ReadonlyArray<string>, readmeSample: string): string => {
  const dir = join(consumerDir, kind)
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${kind}`, private: true, type: kind }, null, 2)}\n`)
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: compilerOptions(kind), include: ['src'] }, null, 2)}\n`)
  writeFileSync(join(dir, 'src', 'entries.ts'), entriesSource(entries))
  writeFileSync(join(dir, 'src', 'readme.ts'), readmeSample)
  return dir
}
