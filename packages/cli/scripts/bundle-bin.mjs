// Bundles the executable after tsc has built dist/: dist/bin.js holds what
// every run needs (the argument parser, --version, --help), and
// dist/bin-chunks/ what `main` imports when a command runs (commands/run.ts:
// the core, the memory adapter, the store, the commands), with fp-ts's few
// functions used. Node then starts `lambda-invocation` close to `node -e 0`
// instead of resolving and loading some seventy modules (fp-ts through its
// CommonJS interop) first; with one chunk per lazy import rather than one file,
// --version does not import the Node modules only commands use (node:crypto,
// node:child_process). The AWS adapter and SDK stay outside, imported from
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
