/**
 * A user's project, made from scratch in a temporary folder: every publishable
 * package packed with `pnpm pack` and installed together with npm, as a user
 * would install them from the registry, plus the peers a user brings (fp-ts,
 * vitest and fast-check for `core/testing`, @pulumi/pulumi for the Pulumi
 * package, aws-cdk-lib and constructs for `cloudformation/cdk`) and TypeScript.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, type WorkspacePackage } from './workspace.js'
import { runOk } from './run.js'

/** The installed project. */
export interface Consumer {
  /** Its folder, with `node_modules/` and `package-lock.json`. */
  readonly dir: string
  /** Removes the folder. */
  readonly remove: () => void
}

const installedVersion = (packageJson: string): string => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version

/**
 * What the user brings, at the versions this workspace builds and tests with,
 * so that the check sees the same TypeScript and peers as `pnpm typecheck`
 * (and npm's cache already holds them after the first run).
 */
const userTools = (): Record<string, string> => ({
  'fp-ts': installedVersion(join(ROOT, 'packages', 'core', 'node_modules', 'fp-ts', 'package.json')),
  vitest: installedVersion(join(ROOT, 'node_modules', 'vitest', 'package.json')),
  'fast-check': installedVersion(join(ROOT, 'node_modules', 'fast-check', 'package.json')),
  typescript: installedVersion(join(ROOT, 'node_modules', 'typescript', 'package.json')),
  '@types/node': installedVersion(join(ROOT, 'node_modules', '@types', 'node', 'package.json')),
  // The peer of @lambda-invocation/pulumi; npm would otherwise bring the newest, which is not the one tested.
  '@pulumi/pulumi': installedVersion(join(ROOT, 'packages', 'pulumi', 'node_modules', '@pulumi', 'pulumi', 'package.json')),
  // The optional peers of @lambda-invocation/cloudformation/cdk, which a CDK app has.
  'aws-cdk-lib': installedVersion(join(ROOT, 'packages', 'cloudformation', 'node_modules', 'aws-cdk-lib', 'package.json')),
  constructs: installedVersion(join(ROOT, 'packages', 'cloudformation', 'node_modules', 'constructs', 'package.json')),
})

/**
 * Packs each package into the new folder's `tarballs/` and installs them all
 * with npm. Each package depends on the others by version (pnpm pack turns
 * `workspace:*` into `0.1.0`); the `overrides` pin every such dependency to the
 * local tarball (`$name`: the root's own spec), so nothing of ours comes from
 * the registry. Third-party packages do, preferring npm's cache.
 */
export const installConsumer = async (packages: ReadonlyArray<WorkspacePackage>): Promise<Consumer> => {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-invocation-packed-'))
  const remove = (): void => rmSync(dir, { recursive: true, force: true })
  try {
    const tarballs = join(dir, 'tarballs')
    mkdirSync(tarballs)
    await Promise.all(packages.map((p) => runOk('pnpm', ['pack', '--pack-destination', tarballs], p.dir)))

    const ours = Object.fromEntries(packages.map((p) => [p.manifest.name, `file:./tarballs/${p.tarballName}`]))
    const manifest = {
      name: 'packed-consumer',
      private: true,
      dependencies: { ...ours, ...userTools() },
      overrides: Object.fromEntries(packages.map((p) => [p.manifest.name, `$${p.manifest.name}`])),
    }
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await runOk('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir, 600_000)
    return { dir, remove }
  } catch (e) {
    remove()
    throw e
  }
}
