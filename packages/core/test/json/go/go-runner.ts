import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What Go answered for one JSON text: the bytes it would send (as a string), or its error. */
export type GoAnswer = { readonly ok: string } | { readonly err: string }

const goVersion = (): string | undefined => {
  try {
    return execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

/** The Go toolchain's version (`go1.19.8`), or `undefined` when `go` is not installed. */
export const GO_VERSION = goVersion()

/**
 * Go before 1.22 wrote `\b` and `\f` as `\u0008` and `\u000c`; the provider
 * is built with a newer Go. Rewrites those escapes, taking escapes pairwise
 * so that an escaped backslash followed by "u0008" is left alone.
 */
export const asModernGo = (json: string): string =>
  json.replace(/\\(u0008|u000c|.)/g, (m: string, e: string) => (e === 'u0008' ? '\\b' : e === 'u000c' ? '\\f' : m))

let binary: string | undefined

/** Runs `marshal.go` (built once) on the texts; `crud` adds the lifecycle key as the provider does. */
export const goMarshal = (texts: ReadonlyArray<string>, mode: 'any' | 'crud' = 'any'): GoAnswer[] => {
  if (binary === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'go-marshal-'))
    binary = join(dir, 'marshal')
    execFileSync('go', ['build', '-o', binary, fileURLToPath(new URL('./marshal.go', import.meta.url))], {
      env: { ...process.env, GOCACHE: process.env['GOCACHE'] ?? join(tmpdir(), 'go-cache'), GOFLAGS: '-mod=mod' },
    })
  }
  const input = texts.map((t) => Buffer.from(t, 'utf8').toString('base64')).join('\n') + '\n'
  const run = spawnSync(binary, mode === 'crud' ? ['crud'] : [], { input, maxBuffer: 1 << 28 })
  if (run.status !== 0) throw new Error(`marshal.go failed: ${run.stderr.toString()}`)
  const lines = run.stdout.toString().split('\n').slice(0, texts.length)
  return lines.map((l) => (l.startsWith('ERR') ? { err: l.slice(4) } : { ok: asModernGo(Buffer.from(l, 'base64').toString('utf8')) }))
}
