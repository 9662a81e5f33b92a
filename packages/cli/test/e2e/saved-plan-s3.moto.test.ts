/**
 * A saved plan over `--state-s3`, against moto's S3: the records' versions
 * are the objects' ETags; `apply FILE` runs the plan while they hold, and
 * refuses it, invoking nothing, once another apply moved a record.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBucket, motoEndpoint, motoS3Client, MOTO_REGION, uniqueName } from '../../../aws-adapter/test/support/moto.js'
import { configText, folder, LOGGING_HANDLERS, removeFolder, requireBuiltBinary, runBinAsync } from './harness.js'

const bucket = uniqueName('saved-plan')
let env: Record<string, string>
let dir: string

const actions = (): Array<[string, string]> =>
  existsSync(join(dir, 'ran.log'))
    ? readFileSync(join(dir, 'ran.log'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { fn: string; event: { tf: { action: string } } })
        .map((l) => [l.fn, l.event.tf.action])
    : []
const config = (n: number) =>
  configText({ a: { functionName: 'echo', input: { n }, lifecycleScope: 'CRUD' }, b: { functionName: 'other', input: { n: 0 }, lifecycleScope: 'CRUD' } })

beforeAll(async () => {
  requireBuiltBinary()
  await createBucket(motoS3Client(), bucket)
  env = { AWS_ENDPOINT_URL_S3: motoEndpoint(), AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: MOTO_REGION, AWS_EC2_METADATA_DISABLED: 'true' }
  dir = folder({ 'lambda-invocation.json': config(1), 'handlers.mjs': LOGGING_HANDLERS })
})
afterAll(() => removeFolder(dir))

describe('a saved plan over --state-s3', () => {
  it('runs while the records hold, and is refused, nothing invoked, once another apply moved one', async () => {
    const s3 = ['--state-s3', `s3://${bucket}/env`]
    expect((await runBinAsync(dir, ['apply', '--auto-approve', ...s3], env)).code).toBe(0)
    writeFileSync(join(dir, 'lambda-invocation.json'), config(2))
    writeFileSync(join(dir, 'ran.log'), '')

    const planned = await runBinAsync(dir, ['plan', '--out', 'tf.plan', ...s3], env)
    expect(planned.code, planned.stderr).toBe(0)
    const doc = JSON.parse(readFileSync(join(dir, 'tf.plan'), 'utf8'))
    expect(doc.state).toBe(`s3://${bucket}/env/`)
    expect(doc.records.map((r: { key: string; version?: string }) => [r.key, typeof r.version])).toEqual([
      ['a', 'string'],
      ['b', 'string'],
    ])
    // Another runner replaces "b": its object, and so its version, changes.
    expect((await runBinAsync(dir, ['apply', '--auto-approve', '--target', 'b', '--replace', 'b', ...s3], env)).code).toBe(0)
    writeFileSync(join(dir, 'ran.log'), '')
    const stale = await runBinAsync(dir, ['apply', 'tf.plan', ...s3], env)
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('the plan is stale: the record of "b" moved')
    expect(actions()).toEqual([])

    expect((await runBinAsync(dir, ['plan', '--out', 'tf.plan', ...s3], env)).code).toBe(0)
    const fresh = await runBinAsync(dir, ['apply', 'tf.plan', ...s3], env)
    expect(fresh.code, fresh.stderr).toBe(0)
    expect(actions()).toEqual([['echo', 'update']])
  })
})
