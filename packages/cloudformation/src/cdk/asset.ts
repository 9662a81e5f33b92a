import { fileURLToPath } from 'node:url'

/**
 * The folder of the bundled handler (`index.js`, one file with its
 * dependencies), made by the package's build: `dist/handler/`, reached from
 * this module in `dist/cdk/` and in `src/cdk/` alike.
 */
export const handlerAssetDir = (): string => fileURLToPath(new URL('../../dist/handler/', import.meta.url))
