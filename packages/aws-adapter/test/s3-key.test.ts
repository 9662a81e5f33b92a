import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { objectKeyOf, resourceKeyOf } from '../src/s3-key.js'

describe('objectKeyOf / resourceKeyOf', () => {
  it('puts a key under the prefix as one encoded path segment ending in .json', () => {
    expect(objectKeyOf('state/', 'app/prod seed')).toBe('state/app%2Fprod%20seed.json')
    expect(objectKeyOf('', '../escape')).toBe('..%2Fescape.json')
  })

  test.prop([fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'p/', 'a/b/')], { numRuns: 200 })('round-trips every well-formed key', (key, prefix) => {
    const objectKey = objectKeyOf(prefix, key)
    expect(objectKey).toBeDefined()
    expect(resourceKeyOf(prefix, objectKey!)).toBe(key)
  })

  test.prop([fc.string(), fc.string()], { numRuns: 200 })('keeps distinct keys apart', (a, b) => {
    fc.pre(a !== b)
    const ka = objectKeyOf('p/', a)
    const kb = objectKeyOf('p/', b)
    if (ka !== undefined && kb !== undefined) expect(ka).not.toBe(kb)
  })

  it('refuses a key with an unpaired surrogate instead of throwing', () => {
    expect(objectKeyOf('p/', 'bad\uD800key')).toBeUndefined()
  })

  it.each([
    ['another prefix', 'q/a.json'],
    ['not .json', 'p/a.txt'],
    ['a non-canonical spelling', 'p/%61.json'],
    ['broken escapes', 'p/%E0%A4%A.json'],
    ['a nested object', 'p/a/b.json'],
  ])('ignores an object this store did not write: %s', (_label, objectKey) => {
    expect(resourceKeyOf('p/', objectKey)).toBeUndefined()
  })
})
