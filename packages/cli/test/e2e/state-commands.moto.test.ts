/**
 * `state list`, `state rm`, `state mv` and `output` with `--state-s3`: the
 * built binary keeps its state in moto's S3 (the AWS adapter's test support
 * gives the endpoint and the bucket), through the SDK's AWS_ENDPOINT_URL_S3.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBucket, motoEndpoint, motoS3Client, MOTO_REGION, uniqueName } from '../../../aws-adapter/test/support/moto.js'
import { configText, folder, LOGGING_HANDLERS, removeFolder, requireBuiltBinary, runBinAsync } from './harness.js'

const bucket = uniqueName('cli-state-commands')
let env: Record<string, string>
const dirs: string[] = []

beforeAll(async () => {
  requireBuiltBinary()
  await createBucket(motoS3Client(), bucket)
  env = {
    AWS_ENDPOINT_URL_S3: motoEndpoint(),
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: MOTO_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
  }
})
afterAll(() => {
  for (const d of dirs.splice(0)) removeFolder(d)
})

const ranCount = (dir: string): number => (existsSync(join(dir, 'ran.log')) ? readFileSync(join(dir, 'ran.log'), 'utf8').trim().split('\n').length : 0)

describe('state commands with --state-s3', () => {
  it('list, mv (then a noop plan), rm (then a create), output: nothing invoked, no local state', async () => {
    const s3 = ['--state-s3', `s3://${bucket}/${uniqueName('env')}`]
    const dir = folder({
      'handlers.mjs': LOGGING_HANDLERS,
      'lambda-invocation.json': configText({
        a: { functionName: 'echo', input: { name: 'alpha' }, lifecycleScope: 'CRUD' },
        b: { functionName: 'other', input: '{"name":"beta"}' },
      }),
    })
    dirs.push(dir)
    const run = (args: ReadonlyArray<string>) => runBinAsync(dir, [...args, ...s3], env)
    const applied = await run(['apply', '--auto-approve'])
    expect(applied.code, applied.stderr).toBe(0)
    expect(ranCount(dir)).toBe(2)
    expect((await run(['state', 'list'])).stdout).toBe('a\nb\n')

    const mv = await run(['state', 'mv', 'a', 'renamed'])
    expect(mv.code, mv.stderr).toBe(0)
    expect((await run(['state', 'list'])).stdout).toBe('b\nrenamed\n')
    const refused = await run(['state', 'mv', 'b', 'renamed'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('"renamed" is already in the state')
    writeFileSync(
      join(dir, 'lambda-invocation.json'),
      configText({
        renamed: { functionName: 'echo', input: { name: 'alpha' }, lifecycleScope: 'CRUD' },
        b: { functionName: 'other', input: '{"name":"beta"}' },
      }),
    )
    const noop = await run(['plan', '--detailed-exitcode'])
    expect(noop.code, noop.stdout + noop.stderr).toBe(0)
    expect((await run(['output', '--raw', 'renamed'])).stdout).toBe('{"ok":"alpha"}')

    const rm = await run(['state', 'rm', 'renamed'])
    expect(rm.code, rm.stderr).toBe(0)
    expect((await run(['state', 'list'])).stdout).toBe('b\n')
    const plan = await run(['plan', '--detailed-exitcode', '--json'])
    expect(plan.code, plan.stderr).toBe(2)
    const doc = JSON.parse(plan.stdout) as { changes: Array<{ key: string; action: string }> }
    expect(doc.changes.filter((c) => c.action !== 'noop').map((c) => [c.key, c.action])).toEqual([['renamed', 'create']])
    expect(ranCount(dir)).toBe(2)
    expect(existsSync(join(dir, 'lambda-invocation.state.json'))).toBe(false)
  })
})
