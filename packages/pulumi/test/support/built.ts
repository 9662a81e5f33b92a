import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PACKAGE_DIR } from './provider-host.js'

/** Fails with a clear message when the package has not been built: Pulumi's host loads `dist/`, as a user's would. */
export const requireBuiltPackage = (): void => {
  for (const file of ['dist/index.js', 'dist/host/index.js', '../memory-adapter/dist/index.js']) {
    const path = join(PACKAGE_DIR, file)
    if (!existsSync(path)) {
      throw new Error(`These tests run Pulumi's provider host on the built packages, and ${path} is missing: run \`pnpm build\` at the repository root first.`)
    }
  }
}
