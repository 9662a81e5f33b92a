import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// The construct deploys dist/handler/index.js; its tests (and the bundled handler's) need it fresh,
// bundled from the workspace sources, whatever an earlier build left there.
export default function setup(): void {
  const script = fileURLToPath(new URL('../../scripts/bundle-handler.mjs', import.meta.url))
  execFileSync(process.execPath, [script, '--from-sources'], { stdio: 'inherit' })
}
