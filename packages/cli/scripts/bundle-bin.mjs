// Bundles the executable, dist/bin.js, after tsc has built dist/: the command
// line, the core, the memory adapter and fp-ts in a few ES modules, the code
// of each command in a chunk of its own loaded when the command runs. Node
// then starts `lambda-invocation` about as fast as `node -e 0` instead of
// resolving and loading some seventy modules (fp-ts through its CommonJS
// interop) first. The AWS adapter and SDK stay outside, imported from
// node_modules only under --aws or --state-s3. The library entry
// (dist/index.js) is tsc's output, not this bundle.
import { build } from 'esbuild'

// The code base imports fp-ts as fp-ts/lib/*.js, its CommonJS build, which a
// bundle must wrap and keep whole; its ES module build, fp-ts/es6/*, is the
// same code, and lets the bundle keep only the few functions used.
const fpTsAsModules = {
  name: 'fp-ts-es6',
  setup(b) {
    b.onResolve({ filter: /^fp-ts\/lib\// }, (args) =>
      b.resolve(args.path.replace(/^fp-ts\/lib\//, 'fp-ts/es6/'), { kind: args.kind, resolveDir: args.resolveDir }),
    )
  },
}

await build({
  entryPoints: { bin: 'src/bin.ts' },
  outdir: 'dist',
  chunkNames: 'bin-chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@aws-sdk/*', '@lambda-invocation/aws-adapter'],
  sourcemap: true,
  plugins: [fpTsAsModules],
  logLevel: 'warning',
})
