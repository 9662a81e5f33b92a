import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import type { S3Client } from '@aws-sdk/client-s3'
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import { decodeRecord, formatProblems } from '@lambda-invocation/core'
import type { ResourceRecord, StateStore, StoreFailure, Version, Versioned } from '@lambda-invocation/core'
import { objectKeyOf, resourceKeyOf } from './s3-key.js'

/** Options of `makeS3StateStore`. */
export interface S3StateStoreOptions {
  /** The S3 client; its credentials, region, endpoint and retries are the caller's. */
  readonly client: S3Client
  readonly bucket: string
  /** Prepended to every object key, e.g. `'invocations/'`. Default: none. */
  readonly prefix?: string
}

interface ErrorFacts {
  readonly name: string
  readonly message: string
  readonly status?: number
  /** How many attempts the SDK made, retries included. */
  readonly attempts: number
}

const facts = (error: unknown): ErrorFacts => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
  const meta = (typeof e['$metadata'] === 'object' && e['$metadata'] !== null ? e['$metadata'] : {}) as Record<string, unknown>
  return {
    name: typeof e['name'] === 'string' ? e['name'] : 'Error',
    message: typeof e['message'] === 'string' ? e['message'] : String(error),
    ...(typeof meta['httpStatusCode'] === 'number' ? { status: meta['httpStatusCode'] } : {}),
    attempts: typeof meta['attempts'] === 'number' ? meta['attempts'] : 1,
  }
}

/**
 * A field the store adds to each object it writes, and removes on reading. The
 * version is the ETag, an MD5 of the body; without a fresh value per write, the
 * same record written twice would get the same version back, and a writer
 * holding that old version could overwrite a change made in between (ABA).
 */
export const WRITE_ID_FIELD = 's3WriteId'

const isPreconditionFailed = (f: ErrorFacts): boolean => f.status === 412 || f.name === 'PreconditionFailed'
/** S3 answers 409 when a concurrent conditional write to the same key is in flight. */
const isConditionalConflict = (f: ErrorFacts): boolean => f.name === 'ConditionalRequestConflict'
const isMissing = (f: ErrorFacts): boolean => f.status === 404 && f.name !== 'NoSuchBucket'

/**
 * A `StateStore` over S3: one JSON object per resource key at
 * `prefix + encodeURIComponent(key) + '.json'` (the record's JSON plus a
 * per-write `s3WriteId`), versions are ETags, and writes
 * and deletes are conditional (`If-None-Match: *` to create, `If-Match` to
 * replace or delete), so of two racing writers exactly one wins. Never throws;
 * throws a `TypeError` at once for an empty bucket name.
 */
export const makeS3StateStore = (options: S3StateStoreOptions): StateStore => {
  const { client, bucket } = options
  const prefix = options.prefix ?? ''
  if (typeof bucket !== 'string' || bucket === '') {
    throw new TypeError(`makeS3StateStore: bucket must be a non-empty string, got ${JSON.stringify(bucket)}`)
  }

  const where = (objectKey: string): string => `s3://${bucket}/${objectKey}`
  const unavailable = (key: string | undefined, what: string, error: unknown): StoreFailure => {
    const f = facts(error)
    const status = f.status !== undefined ? ` [HTTP ${f.status}]` : ''
    return { _tag: 'Unavailable', ...(key !== undefined ? { key } : {}), message: `${what} failed: ${f.name}: ${f.message}${status}`, cause: error }
  }
  const badKey = (key: string): StoreFailure => ({
    _tag: 'Unavailable',
    key,
    message: `The resource key ${JSON.stringify(key)} cannot be stored in S3: it is not well-formed Unicode (it has an unpaired surrogate).`,
  })
  const conflict = (key: string, expected: Version | undefined, objectKey: string): StoreFailure => ({
    _tag: 'Conflict',
    key,
    expected,
    message:
      expected === undefined
        ? `${where(objectKey)} already exists: another writer created the record for ${JSON.stringify(key)} first.`
        : `${where(objectKey)} is no longer at version ${expected}: another writer changed or deleted the record for ${JSON.stringify(key)}.`,
  })

  /** The stored text and ETag, `undefined` when there is no object. */
  const getObject = async (objectKey: string): Promise<{ text: string; etag: string } | undefined> => {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }))
      const text = out.Body === undefined ? '' : await out.Body.transformToString('utf-8')
      return { text, etag: out.ETag ?? '' }
    } catch (error) {
      if (isMissing(facts(error))) return undefined
      throw error
    }
  }

  const read = async (key: string): Promise<Either<StoreFailure, Versioned | undefined>> => {
    const objectKey = objectKeyOf(prefix, key)
    if (objectKey === undefined) return E.left(badKey(key))
    let got: { text: string; etag: string } | undefined
    try {
      got = await getObject(objectKey)
    } catch (error) {
      return E.left(unavailable(key, `Reading ${where(objectKey)}`, error))
    }
    if (got === undefined) return E.right(undefined)
    if (got.etag === '') {
      return E.left({ _tag: 'Unavailable', key, message: `Reading ${where(objectKey)} gave no ETag, so it cannot be updated safely.` })
    }
    let json: unknown
    try {
      json = JSON.parse(got.text)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      return E.left({ _tag: 'Corrupt', key, message: `${where(objectKey)} is not JSON: ${why}`, problems: [{ path: [], message: `not JSON: ${why}` }] })
    }
    if (typeof json === 'object' && json !== null && !Array.isArray(json) && WRITE_ID_FIELD in json) {
      const { [WRITE_ID_FIELD]: _writeId, ...rest } = json as Record<string, unknown>
      json = rest
    }
    const decoded = decodeRecord(json)
    if (E.isLeft(decoded)) {
      return E.left({
        _tag: 'Corrupt',
        key,
        message: `${where(objectKey)} is not a resource record:\n${formatProblems(decoded.left)}`,
        problems: decoded.left,
      })
    }
    return E.right({ record: decoded.right, version: got.etag })
  }

  const write = async (key: string, record: ResourceRecord, expected: Version | undefined): Promise<Either<StoreFailure, Version>> => {
    const objectKey = objectKeyOf(prefix, key)
    if (objectKey === undefined) return E.left(badKey(key))
    const body = JSON.stringify({ ...record, [WRITE_ID_FIELD]: randomUUID() })
    try {
      const out = await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey,
          Body: body,
          ContentType: 'application/json',
          ...(expected === undefined ? { IfNoneMatch: '*' } : { IfMatch: expected }),
        }),
      )
      if (out.ETag === undefined) {
        return E.left({ _tag: 'Unavailable', key, message: `Writing ${where(objectKey)} gave no ETag; the record was written but its version is unknown.` })
      }
      return E.right(out.ETag)
    } catch (error) {
      const f = facts(error)
      if (isPreconditionFailed(f) || isConditionalConflict(f) || (expected !== undefined && isMissing(f))) {
        // A retried PUT whose first attempt landed fails its own precondition:
        // if the stored object is exactly ours (its write id is unique), that
        // write was ours.
        if (f.attempts > 1) {
          const now = await getObject(objectKey).catch(() => undefined)
          if (now !== undefined && now.text === body && now.etag !== '') return E.right(now.etag)
        }
        return E.left(conflict(key, expected, objectKey))
      }
      return E.left(unavailable(key, `Writing ${where(objectKey)}`, error))
    }
  }

  const remove = async (key: string, expected: Version): Promise<Either<StoreFailure, void>> => {
    const objectKey = objectKeyOf(prefix, key)
    if (objectKey === undefined) return E.left(badKey(key))
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey, IfMatch: expected }))
      return E.right(undefined)
    } catch (error) {
      const f = facts(error)
      // With If-Match, S3 answers 404 when there is nothing to delete. After a
      // retry, that is our own first attempt's doing.
      if (isMissing(f) && f.attempts > 1) return E.right(undefined)
      if (isPreconditionFailed(f) || isConditionalConflict(f) || isMissing(f)) return E.left(conflict(key, expected, objectKey))
      return E.left(unavailable(key, `Deleting ${where(objectKey)}`, error))
    }
  }

  const list = async (): Promise<Either<StoreFailure, ReadonlyArray<string>>> => {
    const keys: string[] = []
    let token: string | undefined
    try {
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, ...(prefix !== '' ? { Prefix: prefix } : {}), ...(token !== undefined ? { ContinuationToken: token } : {}) }),
        )
        for (const object of page.Contents ?? []) {
          const key = object.Key === undefined ? undefined : resourceKeyOf(prefix, object.Key)
          if (key !== undefined) keys.push(key)
        }
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined
      } while (token !== undefined)
    } catch (error) {
      return E.left(unavailable(undefined, `Listing s3://${bucket}/${prefix}`, error))
    }
    return E.right(keys.sort())
  }

  return { read, write, delete: remove, list }
}
