import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { afterEach, describe, expect, it } from 'vitest'
import setup from './global-setup.js'

// The failure paths of the global setup: without moto the run must fail with a
// message that says what to do, never skip. (Its success path runs before
// every test run of this package.)

const saved = { MOTO_ENDPOINT: process.env['MOTO_ENDPOINT'], HOME: process.env['HOME'], PATH: process.env['PATH'] }
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

const provided: Record<string, unknown> = {}
const project = { provide: (k: string, v: unknown) => (provided[k] = v) } as unknown as TestProject

const closedPort = async (): Promise<number> => {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

describe('global setup', () => {
  it('fails when MOTO_ENDPOINT names a server that does not answer', async () => {
    process.env['MOTO_ENDPOINT'] = `http://127.0.0.1:${await closedPort()}`
    await expect(setup(project)).rejects.toThrow(/MOTO_ENDPOINT is http:\/\/127\.0\.0\.1:\d+, but no moto server answers there/)
  })

  it('fails, saying how to fix it, when no Python has moto', async () => {
    delete process.env['MOTO_ENDPOINT']
    process.env['HOME'] = mkdtempSync(join(tmpdir(), 'no-pyenv-'))
    process.env['PATH'] = ''
    await expect(setup(project)).rejects.toThrow(/moto is not installed in any Python found .*set MOTO_ENDPOINT/)
  })
})
