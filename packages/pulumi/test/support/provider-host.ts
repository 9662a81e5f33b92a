/**
 * Pulumi's real dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`,
 * the process the Pulumi engine starts for `pulumi-nodejs` resources), run as
 * a child process in a project folder and driven over gRPC with the
 * ResourceProvider protobufs `@pulumi/pulumi` ships: what the engine does,
 * without the engine.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = createRequire(import.meta.url)
/** Pulumi's own modules, so the gRPC library and protobufs are the very ones its host uses. */
const fromPulumi = createRequire(here.resolve('@pulumi/pulumi'))
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated protobuf modules without useful types
type Any = any
const grpc: Any = fromPulumi('@grpc/grpc-js')
const provider: Any = fromPulumi('@pulumi/pulumi/proto/provider_pb')
const services: Any = fromPulumi('@pulumi/pulumi/proto/provider_grpc_pb')
const { Struct }: Any = fromPulumi('google-protobuf/google/protobuf/struct_pb')
const HOST_SCRIPT = fromPulumi.resolve('@pulumi/pulumi/cmd/dynamic-provider')

/** The package under test: the host loads its built `dist/` by name, as in a user's project. */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))

const URN = 'urn:pulumi:test::project::pulumi-nodejs:dynamic/lambda-invocation:Invocation::inv'

/** `DiffResponse.changes`, by name. */
export type DiffChanges = 'unknown' | 'none' | 'some'

/** What the host answered to a Diff. */
export interface HostDiff {
  readonly changes: DiffChanges
  readonly replaces: ReadonlyArray<string>
  readonly deleteBeforeReplace: boolean
}

/** A gRPC error from the host: Pulumi's engine shows `details` as the step's error. */
export interface HostError {
  readonly code: number
  readonly details: string
  /** Set when the error carries `ErrorResourceInitFailed` (a partial create Pulumi would store). */
  readonly initFailed: boolean
}

type Props = Record<string, unknown>

/** A running host and its RPCs, one method each. */
export interface ProviderHost {
  readonly projectDir: string
  check(news: Props, olds?: Props): Promise<{ readonly inputs: Props; readonly failures: ReadonlyArray<{ property: string; reason: string }> }>
  diff(id: string, olds: Props, news: Props): Promise<HostDiff>
  create(properties: Props): Promise<{ readonly id: string; readonly properties: Props }>
  read(id: string, properties: Props): Promise<{ readonly id: string; readonly properties: Props }>
  update(id: string, olds: Props, news: Props): Promise<{ readonly properties: Props }>
  delete(id: string, properties: Props): Promise<void>
  /** The host's stderr so far (it prints uncaught errors there). */
  readonly stderr: () => string
  stop(): Promise<void>
}

const CHANGES: Record<number, DiffChanges> = { 0: 'unknown', 1: 'none', 2: 'some' }

/** A project folder whose node_modules holds the package under test and Pulumi, as `npm install` would leave them. */
export const projectFolder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'li-pulumi-project-'))
  mkdirSync(join(dir, 'node_modules', '@lambda-invocation'), { recursive: true })
  mkdirSync(join(dir, 'node_modules', '@pulumi'), { recursive: true })
  symlinkSync(PACKAGE_DIR.replace(/\/$/, ''), join(dir, 'node_modules', '@lambda-invocation', 'pulumi'), 'dir')
  symlinkSync(dirname(fromPulumi.resolve('@pulumi/pulumi/package.json')), join(dir, 'node_modules', '@pulumi', 'pulumi'), 'dir')
  return dir
}

/**
 * This process's environment for a child in the project folder, less
 * `NODE_PATH`: pnpm sets it for the test run, and it would let modules
 * resolve that a project's node_modules does not hold.
 */
export const projectEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const { NODE_PATH: _, ...env } = process.env
  return { ...env, ...extra }
}

const rpc = <Req, Res>(client: Any, method: string, request: Req): Promise<Res> =>
  new Promise((resolve, reject) => {
    client[method](request, (error: Any, response: Res) => {
      if (error) {
        const initFailed = error.metadata?.get('grpc-status-details-bin')?.length > 0
        reject(Object.assign(new Error(error.details), { code: error.code, details: error.details, initFailed }) as Error & HostError)
      } else resolve(response)
    })
  })

/**
 * Starts the host in a fresh project folder with `env` added to this
 * process's environment and waits for the port it prints. The host takes the
 * engine's address as its argument; it never calls the engine for these RPCs,
 * so an address where nothing listens does.
 */
export const startProviderHost = async (env: Record<string, string> = {}): Promise<ProviderHost> => {
  const projectDir = projectFolder()
  const child: ChildProcess = spawn(process.execPath, [HOST_SCRIPT, '127.0.0.1:1'], {
    cwd: projectDir,
    env: projectEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`the provider host printed no port in 30 s:\n${stderr}`)), 30_000)
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const line = /^(\d+)\s*$/m.exec(out)
      if (line) {
        clearTimeout(timer)
        resolve(Number(line[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the provider host exited with ${code}:\n${stderr}`))
    })
  })
  const client: Any = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure())

  const struct = (p: Props): Any => Struct.fromJavaScript(p)
  const withUrn = (req: Any): Any => {
    req.setUrn(URN)
    return req
  }

  return {
    projectDir,
    stderr: () => stderr,
    async check(news, olds = {}) {
      const req = withUrn(new provider.CheckRequest())
      req.setOlds(struct(olds))
      req.setNews(struct(news))
      const res: Any = await rpc(client, 'check', req)
      return {
        inputs: res.getInputs()?.toJavaScript() ?? {},
        failures: res.getFailuresList().map((f: Any) => ({ property: f.getProperty(), reason: f.getReason() })),
      }
    },
    async diff(id, olds, news) {
      const req = withUrn(new provider.DiffRequest())
      req.setId(id)
      req.setOlds(struct(olds))
      req.setNews(struct(news))
      const res: Any = await rpc(client, 'diff', req)
      return { changes: CHANGES[res.getChanges()] ?? 'unknown', replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() }
    },
    async create(properties) {
      const req = withUrn(new provider.CreateRequest())
      req.setProperties(struct(properties))
      const res: Any = await rpc(client, 'create', req)
      return { id: res.getId(), properties: res.getProperties().toJavaScript() }
    },
    async read(id, properties) {
      const req = withUrn(new provider.ReadRequest())
      req.setId(id)
      req.setProperties(struct(properties))
      const res: Any = await rpc(client, 'read', req)
      return { id: res.getId(), properties: res.getProperties().toJavaScript() }
    },
    async update(id, olds, news) {
      const req = withUrn(new provider.UpdateRequest())
      req.setId(id)
      req.setOlds(struct(olds))
      req.setNews(struct(news))
      const res: Any = await rpc(client, 'update', req)
      return { properties: res.getProperties().toJavaScript() }
    },
    async delete(id, properties) {
      const req = withUrn(new provider.DeleteRequest())
      req.setId(id)
      req.setProperties(struct(properties))
      await rpc(client, 'delete', req)
    },
    async stop() {
      client.close()
      if (child.exitCode === null) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()))
        child.kill('SIGTERM')
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(projectDir, { recursive: true, force: true })
    },
  }
}

/** The folder of this support module, for handler modules beside it. */
export const SUPPORT_DIR = dirname(fileURLToPath(import.meta.url))
