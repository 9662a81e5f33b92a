import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import type { AwsClientStub } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-vitest/extend'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ResourceRecord } from '@lambda-invocation/core'
import { sampleRecord } from '@lambda-invocation/core/testing'
import { makeS3StateStore, WRITE_ID_FIELD } from '../src/s3-state-store.js'

const client = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
let s3: AwsClientStub<S3Client>
beforeEach(() => {
  s3 = mockClient(client)
})
afterEach(() => s3.restore())

const store = () => makeS3StateStore({ client, bucket: 'states', prefix: 'env/' })
// The store reads a body only through the SDK's `transformToString`.
const body = (text: string) => ({ transformToString: async (encoding?: string) => (encoding === 'utf-8' ? text : 'wrong encoding') })
const s3Error = (name: string, status: number, attempts = 1) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status, attempts }, message: `${name} happened` })

const record: ResourceRecord = sampleRecord()

describe('makeS3StateStore: read', () => {
  it('reads the record and its ETag from prefix + encoded key + .json, without the write id', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(JSON.stringify({ ...record, [WRITE_ID_FIELD]: 'w-1' })) as never, ETag: '"e1"' })
    const out = await store().read('app/prod')
    expect(out).toEqual(E.right({ record, version: '"e1"' }))
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: 'states', Key: 'env/app%2Fprod.json' })
  })

  it('gives undefined when there is no object', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'The specified key does not exist.' }))
    expect(await store().read('k')).toEqual(E.right(undefined))
  })

  it('a missing bucket is Unavailable, not an absent record', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchBucket', 404))
    const out = await store().read('k')
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable', key: 'k' } })
    if (E.isLeft(out)) expect(out.left.message).toBe('Reading s3://states/env/k.json failed: NoSuchBucket: NoSuchBucket happened [HTTP 404]')
  })

  it('text that is not JSON is Corrupt, with the parser’s reason', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('{"schemaVersion": 1,') as never, ETag: '"e"' })
    const out = await store().read('k')
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Corrupt', key: 'k' } })
    if (E.isLeft(out) && out.left._tag === 'Corrupt') {
      expect(out.left.message).toMatch(/^s3:\/\/states\/env\/k\.json is not JSON: /)
      expect(out.left.problems).toHaveLength(1)
    }
  })

  it('JSON that is not a record is Corrupt, with the problems and their paths', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('{"schemaVersion":2,"extra":true}') as never, ETag: '"e"' })
    const out = await store().read('k')
    if (E.isRight(out) || out.left._tag !== 'Corrupt') throw new Error('expected Corrupt')
    expect(out.left.problems?.map((p) => p.path)).toEqual(expect.arrayContaining([['schemaVersion'], ['extra']]))
    expect(out.left.message).toContain('is not a resource record')
  })

  it('a network error is Unavailable with a readable message', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))
    const out = await store().read('k')
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable', message: 'Reading s3://states/env/k.json failed: Error: connect ECONNREFUSED 127.0.0.1:9' } })
  })

  it('a key that cannot be encoded is refused without a call', async () => {
    expect(await store().read('bad\uD800')).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable', key: 'bad\uD800' } })
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 0)
  })
})

describe('makeS3StateStore: write', () => {
  it('creates with If-None-Match: * and gives the new ETag', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"new"' })
    expect(await store().write('k', record, undefined)).toEqual(E.right('"new"'))
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input
    expect(input).toMatchObject({ Bucket: 'states', Key: 'env/k.json', IfNoneMatch: '*', ContentType: 'application/json' })
    expect(input).not.toHaveProperty('IfMatch')
    const stored = JSON.parse(input.Body as string) as Record<string, unknown>
    expect(typeof stored[WRITE_ID_FIELD]).toBe('string')
    delete stored[WRITE_ID_FIELD]
    expect(stored).toEqual(record)
  })

  it('replaces with If-Match: <expected ETag>', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"v2"' })
    expect(await store().write('k', record, '"v1"')).toEqual(E.right('"v2"'))
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { IfMatch: '"v1"' })
  })

  it('writes the same record twice with different bodies, so the ETag changes', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' })
    await store().write('k', record, undefined)
    await store().write('k', record, '"x"')
    const [a, b] = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Body)
    expect(a).not.toBe(b)
  })

  it.each([
    ['412 PreconditionFailed', s3Error('PreconditionFailed', 412)],
    ['409 ConditionalRequestConflict', s3Error('ConditionalRequestConflict', 409)],
  ])('%s is a Conflict naming the key and the version', async (_label, error) => {
    s3.on(PutObjectCommand).rejects(error)
    const out = await store().write('k', record, '"v1"')
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Conflict', key: 'k', expected: '"v1"' } })
    if (E.isLeft(out)) expect(out.left.message).toContain('is no longer at version "v1"')
  })

  it('a replace of a record deleted meanwhile (404) is a Conflict', async () => {
    s3.on(PutObjectCommand).rejects(new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'gone' }))
    expect(await store().write('k', record, '"v1"')).toMatchObject({ _tag: 'Left', left: { _tag: 'Conflict' } })
  })

  it('a 412 after an SDK retry is a success when the stored object is our own write', async () => {
    let sent = ''
    s3.on(PutObjectCommand).callsFake((input: { Body: string }) => {
      sent = input.Body
      throw s3Error('PreconditionFailed', 412, 2)
    })
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body(sent), ETag: '"ours"' }))
    expect(await store().write('k', record, undefined)).toEqual(E.right('"ours"'))
  })

  it('a 412 after an SDK retry is still a Conflict when someone else wrote', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412, 2))
    s3.on(GetObjectCommand).resolves({ Body: body(JSON.stringify({ ...record, [WRITE_ID_FIELD]: 'theirs' })) as never, ETag: '"theirs"' })
    expect(await store().write('k', record, undefined)).toMatchObject({ _tag: 'Left', left: { _tag: 'Conflict', expected: undefined } })
  })

  it('other errors are Unavailable', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403))
    const out = await store().write('k', record, undefined)
    expect(out).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable', key: 'k', message: 'Writing s3://states/env/k.json failed: AccessDenied: AccessDenied happened [HTTP 403]' } })
  })
})

describe('makeS3StateStore: delete', () => {
  it('deletes with If-Match', async () => {
    s3.on(DeleteObjectCommand).resolves({})
    expect(await store().delete('k', '"v1"')).toEqual(E.right(undefined))
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: 'states', Key: 'env/k.json', IfMatch: '"v1"' })
  })

  it.each([
    ['412 (changed)', s3Error('PreconditionFailed', 412)],
    ['404 (already gone)', s3Error('NoSuchKey', 404)],
  ])('%s is a Conflict', async (_label, error) => {
    s3.on(DeleteObjectCommand).rejects(error)
    expect(await store().delete('k', '"v1"')).toMatchObject({ _tag: 'Left', left: { _tag: 'Conflict', key: 'k', expected: '"v1"' } })
  })

  it('a 404 after an SDK retry means our first attempt deleted it', async () => {
    s3.on(DeleteObjectCommand).rejects(s3Error('NoSuchKey', 404, 2))
    expect(await store().delete('k', '"v1"')).toEqual(E.right(undefined))
  })

  it('other errors are Unavailable', async () => {
    s3.on(DeleteObjectCommand).rejects(s3Error('InternalError', 500))
    expect(await store().delete('k', '"v1"')).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable' } })
  })
})

describe('makeS3StateStore: list', () => {
  it('follows continuation tokens, decodes keys, skips foreign objects, sorts', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined })
      .resolves({ IsTruncated: true, NextContinuationToken: 't1', Contents: [{ Key: 'env/b.json' }, { Key: 'env/notes.txt' }] })
      .on(ListObjectsV2Command, { ContinuationToken: 't1' })
      .resolves({ IsTruncated: true, NextContinuationToken: 't2', Contents: [{ Key: 'env/app%2Fprod.json' }, { Key: 'env/sub/x.json' }] })
      .on(ListObjectsV2Command, { ContinuationToken: 't2' })
      .resolves({ IsTruncated: false, Contents: [{ Key: 'env/a.json' }] })
    expect(await store().list()).toEqual(E.right(['a', 'app/prod', 'b']))
    expect(s3).toHaveReceivedCommandTimes(ListObjectsV2Command, 3)
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: 'states', Prefix: 'env/' })
  })

  it('an empty bucket lists nothing', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false })
    expect(await store().list()).toEqual(E.right([]))
  })

  it('errors are Unavailable', async () => {
    s3.on(ListObjectsV2Command).rejects(s3Error('AccessDenied', 403))
    expect(await store().list()).toMatchObject({ _tag: 'Left', left: { _tag: 'Unavailable', message: 'Listing s3://states/env/ failed: AccessDenied: AccessDenied happened [HTTP 403]' } })
  })
})

describe('makeS3StateStore: options', () => {
  it('refuses an empty bucket name at once, naming the function', () => {
    expect(() => makeS3StateStore({ client, bucket: '' })).toThrow(/makeS3StateStore: bucket/)
  })
})
