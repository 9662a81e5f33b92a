import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { describeStateStoreContract, sampleRecord, sampleState } from '@lambda-invocation/core/testing'
import type { ResourceRecord } from '@lambda-invocation/core'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeS3StateStore } from '../src/s3-state-store.js'
import { createBucket, motoS3Client, uniqueName } from './support/moto.js'

// Against moto's S3, which honours If-None-Match and If-Match on PutObject and
// If-Match on DeleteObject (412 PreconditionFailed; 404 NoSuchKey when the
// object is gone), as S3 does.

const bucket = uniqueName('state-store')
let run = 0
/** A store with a prefix no other test uses, so each starts empty. */
const freshStore = (prefix = `t${++run}/`) => makeS3StateStore({ client: motoS3Client(), bucket, prefix })

beforeAll(async () => {
  await createBucket(motoS3Client(), bucket)
})

describeStateStoreContract('makeS3StateStore on moto', () => ({ store: freshStore() }))

describe('makeS3StateStore on moto', () => {
  it('a race of two writers creating the same key: exactly one wins, the other gets a Conflict', async () => {
    // Two stores with their own clients, as two processes would have.
    const a = makeS3StateStore({ client: motoS3Client(), bucket, prefix: 'race/' })
    const b = makeS3StateStore({ client: motoS3Client(), bucket, prefix: 'race/' })
    const [ra, rb] = await Promise.all([
      a.write('seed', { schemaVersion: 1, state: sampleState('writer-a') }, undefined),
      b.write('seed', { schemaVersion: 1, state: sampleState('writer-b') }, undefined),
    ])
    expect([ra, rb].filter(E.isRight)).toHaveLength(1)
    const loser = E.isLeft(ra) ? ra : rb
    expect(loser).toMatchObject({ _tag: 'Left', left: { _tag: 'Conflict', key: 'seed' } })
    const winner = E.isRight(ra) ? 'writer-a' : 'writer-b'
    const stored = await a.read('seed')
    expect(E.isRight(stored) ? stored.right?.record.state?.functionName : undefined).toBe(winner)
  })

  it('a race of two writers updating from the same version: exactly one wins', async () => {
    const store = freshStore()
    const v0 = await store.write('k', sampleRecord(), undefined)
    if (E.isLeft(v0)) throw new Error(v0.left.message)
    const results = await Promise.all(
      ['x', 'y'].map((name) => makeS3StateStore({ client: motoS3Client(), bucket, prefix: `t${run}/` }).write('k', { schemaVersion: 1, state: sampleState(name) }, v0.right)),
    )
    expect(results.filter(E.isRight)).toHaveLength(1)
    expect(results.filter(E.isLeft).map((r) => r.left._tag)).toEqual(['Conflict'])
  })

  it('the same record written again gets a new version, so an old version cannot overwrite (no ABA)', async () => {
    const store = freshStore()
    const record = sampleRecord()
    const v1 = await store.write('k', record, undefined)
    if (E.isLeft(v1)) throw new Error(v1.left.message)
    const v2 = await store.write('k', record, v1.right)
    if (E.isLeft(v2)) throw new Error(v2.left.message)
    expect(v2.right).not.toBe(v1.right)
    expect(await store.write('k', { schemaVersion: 1 }, v1.right)).toMatchObject({ _tag: 'Left', left: { _tag: 'Conflict' } })
  })

  it('stores a record with a 6 MB input and a 6 MB result', async () => {
    const store = freshStore()
    const big = 'x'.repeat(6 * 1024 * 1024 - 20)
    const record: ResourceRecord = { schemaVersion: 1, state: { ...sampleState('big'), input: `{"data":"${big}"}`, result: `"${big}"` } }
    const v = await store.write('big', record, undefined)
    expect(E.isRight(v)).toBe(true)
    const got = await store.read('big')
    if (E.isLeft(got) || got.right === undefined) throw new Error('expected the record back')
    expect(got.right.record.state?.input.length).toBe(record.state!.input.length)
    expect(got.right.record).toEqual(record)
  })

  it('reads an object that is not JSON, or not a record, as Corrupt', async () => {
    const client = motoS3Client()
    const prefix = `t${++run}/`
    const store = makeS3StateStore({ client, bucket, prefix })
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}broken.json`, Body: '{"schemaVersion":1' }))
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}alien.json`, Body: '{"hello":"world"}' }))
    expect(await store.read('broken')).toMatchObject({ _tag: 'Left', left: { _tag: 'Corrupt', key: 'broken' } })
    const alien = await store.read('alien')
    expect(alien).toMatchObject({ _tag: 'Left', left: { _tag: 'Corrupt', key: 'alien' } })
    if (E.isLeft(alien) && alien.left._tag === 'Corrupt') expect(alien.left.problems?.length).toBeGreaterThan(0)
  })

  it('stores the record as readable JSON at prefix + encoded key + .json', async () => {
    const client = motoS3Client()
    const prefix = `t${++run}/`
    const store = makeS3StateStore({ client, bucket, prefix })
    const record = sampleRecord()
    expect(E.isRight(await store.write('app/prod', record, undefined))).toBe(true)
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}app%2Fprod.json` }))
    const json = JSON.parse(await out.Body!.transformToString()) as Record<string, unknown>
    expect(json).toMatchObject(record as unknown as Record<string, unknown>)
  })

  it('a missing bucket is Unavailable', async () => {
    const store = makeS3StateStore({ client: motoS3Client(), bucket: uniqueName('no-such-bucket') })
    expect(await store.read('k')).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable' } })
    expect(await store.list()).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable' } })
  })
})
