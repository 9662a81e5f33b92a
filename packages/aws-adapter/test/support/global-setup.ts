import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import type { TestProject } from 'vitest/node'
import { candidatePythons, findMotoPython, givenMotoEndpoint } from './find-moto.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the moto server the integration tests use. */
    motoEndpoint: string
  }
}

const freePort = async (): Promise<number> => {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

const answers = async (endpoint: string): Promise<boolean> => {
  try {
    return (await fetch(`${endpoint}/moto-api/data.json`)).ok
  } catch {
    return false
  }
}

/** Lambda without Docker: moto echoes the payload back (or returns queued results). Must precede any CreateFunction. */
const configureMoto = async (endpoint: string): Promise<void> => {
  const r = await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lambda: { use_docker: false } }),
  })
  if (!r.ok) throw new Error(`moto at ${endpoint} refused its configuration: HTTP ${r.status} ${await r.text()}`)
}

/**
 * Gives the tests a moto server: the one in `MOTO_ENDPOINT` when set (CI starts
 * it), otherwise one started here on a free port and stopped at teardown.
 * Throws, failing the run, when moto cannot be found or started. The Vitest
 * config uses it only when moto is there or required (under CI); otherwise
 * the moto-backed files do not run and `moto-missing.ts` says so.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = givenMotoEndpoint()
  if (given !== undefined) {
    if (!(await answers(given))) throw new Error(`MOTO_ENDPOINT is ${given}, but no moto server answers there (GET /moto-api/data.json).`)
    await configureMoto(given)
    project.provide('motoEndpoint', given)
    return async () => {}
  }

  const python = findMotoPython()
  if (python === undefined) {
    throw new Error(
      `moto is not installed in any Python found (${candidatePythons().join(', ')}); the AWS adapter's integration tests need it. ` +
        'Install it (pip install "moto[server]") or set MOTO_ENDPOINT to a running moto server. ' +
        '(Under CI, CI=true or REQUIRE_MOTO=1, a missing moto fails the run; elsewhere the moto-backed tests are left out, with a notice.)',
    )
  }
  const port = await freePort()
  const endpoint = `http://127.0.0.1:${port}`
  const log: string[] = []
  const child: ChildProcess = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (c: Buffer) => log.push(c.toString()))
  child.stderr?.on('data', (c: Buffer) => log.push(c.toString()))
  let exited: number | null | undefined
  child.on('exit', (code) => (exited = code))

  const deadline = Date.now() + 20_000
  while (!(await answers(endpoint))) {
    if (exited !== undefined || Date.now() > deadline) {
      child.kill()
      throw new Error(`moto did not start at ${endpoint} (${python} -m moto.server${exited !== undefined ? `, exited with ${exited}` : ', no answer in 20 s'}):\n${log.join('').slice(-2000)}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await configureMoto(endpoint)
  project.provide('motoEndpoint', endpoint)
  return async () => {
    if (exited !== undefined) return
    const gone = new Promise<void>((r) => child.once('exit', () => r()))
    child.kill('SIGTERM')
    await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))])
    if (exited === undefined) child.kill('SIGKILL')
  }
}
