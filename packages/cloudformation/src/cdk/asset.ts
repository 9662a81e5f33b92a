import { fileURLToPath } from 'node:url'

/**
 * The folder of the bundled handler (`index.js`, one file with its
 * dependencies), made by the package's build: `asset/` at the package root,
 * two levels above this module in `src/cdk/` and in `dist/cdk/` alike.
 */
export const handlerAssetDir = (): string => fileURLToPath(new URL('../../asset/', import.meta.url))
