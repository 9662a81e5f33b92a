// Bundles the Lambda handler (src/lambda-entry.ts) and everything it imports
// into dist/handler/index.js: the code the CDK construct deploys. CommonJS, with a
// package.json saying so, so that Node reads it the same way in Lambda and
// here (inside this "type": "module" package).
import { build } from 'esbuild'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const fromSources = process.argv.includes('--from-sources')
const outdir = `${root}dist/handler`

mkdirSync(outdir, { recursive: true })
writeFileSync(`${outdir}/package.json`, '{ "type": "commonjs" }\n')
await build({
  entryPoints: [`${root}src/lambda-entry.ts`],
  outfile: `${outdir}/index.js`,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  // The bundle redistributes the AWS SDK (Apache-2.0), fp-ts and io-ts (MIT): their notices stay, at the end of the file.
  legalComments: 'eof',
  logLevel: 'warning',
  // Tests bundle the workspace sources (the packages' source condition) so that a stale dist/ of core or the adapter is never shipped to them.
  ...(fromSources ? { conditions: ['@lambda-invocation/source'] } : {}),
})
