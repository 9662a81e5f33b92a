/**
 * The publishable packages of this workspace, read from their manifests: what
 * the packaging test packs, and the entry points (`exports`) it loads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The export condition under which each package names its TypeScript sources, for the workspace's own tests and type checks. */
export const SOURCE_CONDITION = '@lambda-invocation/source'

/** The fields of a package.json that the packaging test reads. */
export interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly type?: string
  readonly license?: string
  readonly engines?: Readonly<Record<string, string>>
  readonly files?: ReadonlyArray<string>
  readonly main?: string
  readonly types?: string
  readonly bin?: Readonly<Record<string, string>>
  readonly exports?: Readonly<Record<string, unknown>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
}

/** A package this workspace publishes. */
export interface WorkspacePackage {
  readonly dir: string
  readonly manifest: Manifest
  /** The specifiers of code a user imports, one per `exports` key that names modules: `@lambda-invocation/core`, `@lambda-invocation/core/testing`, ... */
  readonly entries: ReadonlyArray<string>
  /** The data files it exports (an `exports` key naming one `.json` file), by specifier: `@lambda-invocation/cli/schema.json` -> `./schema/….json`. */
  readonly dataFiles: ReadonlyArray<readonly [specifier: string, file: string]>
  /** The name `pnpm pack` gives its tarball. */
  readonly tarballName: string
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest

/** What a user imports for an `exports` key of package `name`. */
const specifier = (name: string, key: string): string => (key === '.' ? name : `${name}/${key.replace(/^\.\//, '')}`)

/** The file an `exports` entry names when it is a data file (one `.json` path), else undefined. */
export const dataFileOf = (value: unknown): string | undefined => (typeof value === 'string' && value.endsWith('.json') ? value : undefined)

/** Every non-private package under `packages/`, in directory order. */
export const publishablePackages = (): ReadonlyArray<WorkspacePackage> =>
  readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'packages', d.name, 'package.json')))
    .map((d) => join(ROOT, 'packages', d.name))
    .map((dir) => ({ dir, manifest: readManifest(dir) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({
      dir,
      manifest,
      entries: Object.entries(manifest.exports ?? {})
        .filter(([, value]) => dataFileOf(value) === undefined)
        .map(([key]) => specifier(manifest.name, key)),
      dataFiles: Object.entries(manifest.exports ?? {}).flatMap(([key, value]) => {
        const file = dataFileOf(value)
        return file === undefined ? [] : [[specifier(manifest.name, key), file] as const]
      }),
      tarballName: `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`,
    }))

/** The files an `exports` entry names, or undefined when it is not an object of strings. */
export const exportTargets = (value: unknown): Readonly<Record<string, string>> | undefined =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')
    ? (value as Record<string, string>)
    : undefined

/**
 * Throws, saying to run `pnpm build`, when a package's built entry points are
 * missing: this test checks what would be published, which is `dist/`.
 */
export const requireBuilt = (packages: ReadonlyArray<WorkspacePackage>): void => {
  const missing = packages.flatMap((p) =>
    Object.values(p.manifest.exports ?? {})
      .flatMap((value) => {
        const targets = exportTargets(value)
        return targets === undefined ? [] : [targets['types'], targets['default']]
      })
      .filter((file): file is string => file !== undefined && !existsSync(join(p.dir, file)))
      .map((file) => relative(ROOT, join(p.dir, file))),
  )
  if (missing.length > 0)
    throw new Error(
      `The packaging test packs the built packages, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: ` +
        'run `pnpm build` at the repository root first (the README runs `pnpm build` before `pnpm test`).',
    )
}
