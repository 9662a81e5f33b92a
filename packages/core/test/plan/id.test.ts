import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { dataSourceId, invocationId, md5Hex, parseId, parseImportId } from '../../src/plan/id.js'

const problemsOf = <A>(e: E.Either<ReadonlyArray<unknown>, A>): ReadonlyArray<unknown> => {
  if (E.isRight(e)) throw new Error(`expected problems, got ${JSON.stringify(e.right)}`)
  return e.left
}

describe('ids', () => {
  it('hashes the UTF-8 bytes of the payload', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect(md5Hex('\u00e9')).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f') // md5 of the bytes C3 A9
    expect(invocationId('fn', '$LATEST', '{"key1":"value1"}')).toBe(`fn,$LATEST,${md5Hex('{"key1":"value1"}')}`)
    expect(dataSourceId('fn', '1', 'x')).toBe('fn_1_9dd4e461268c8034f5c8564e155c67a6')
    // A lone surrogate is sent as U+FFFD, so it hashes as U+FFFD.
    expect(md5Hex('\ud800')).toBe(md5Hex('\ufffd'))
  })

  it('parses both separators, splitting "_" ids from the right', () => {
    expect(parseId('my_fn,$LATEST,abc')).toEqual(E.right({ functionName: 'my_fn', qualifier: '$LATEST', hash: 'abc', separator: ',' }))
    expect(parseId('my_fn_name_3_abc')).toEqual(E.right({ functionName: 'my_fn_name', qualifier: '3', hash: 'abc', separator: '_' }))
    expect(parseId('arn:aws:lambda:us-east-1:123456789012:function:f,live,h')).toEqual(
      E.right({ functionName: 'arn:aws:lambda:us-east-1:123456789012:function:f', qualifier: 'live', hash: 'h', separator: ',' }),
    )
  })

  it('refuses what is not an id', () => {
    expect(parseId('nothing')).toEqual(E.left([{ path: [], message: '"nothing" is not an id: expected "functionName,qualifier,hash" (or the older "functionName_qualifier_hash")' }]))
    expect(E.isLeft(parseId('a,b'))).toBe(true)
    expect(E.isLeft(parseId('a,b,c,d'))).toBe(true)
    expect(parseId(42)).toEqual(E.left([{ path: [], message: 'an id must be a string, got number' }]))
    expect(E.isLeft(parseId('bad name,$LATEST,h'))).toBe(true)
    expect(parseId('fn,$LATEST,')).toEqual(E.left([{ path: ['hash'], message: 'must not be empty' }]))
  })

  it('imports only $LATEST or a version, with an md5 hash', () => {
    const h = md5Hex('x')
    expect(E.isRight(parseImportId(`fn,$LATEST,${h}`))).toBe(true)
    expect(E.isRight(parseImportId(`fn_12_${h}`))).toBe(true)
    expect(parseImportId(`fn,live,${h}`)).toEqual(E.left([{ path: ['qualifier'], message: 'must be $LATEST or a version number to import, got "live"' }]))
    expect(parseImportId('fn,1,ABC')).toEqual(E.left([{ path: ['hash'], message: 'must be 32 lower-case hex digits (an md5), got "ABC"' }]))
  })

  it.each([
    ['ABCDEF', undefined],
    ['ABCDEF,42', undefined],
    ['ABCDEF,,', undefined],
    ['ABCDEF,invalid_qualifier,b326b5062b2f0e69046810717534cb09', undefined],
    ['ABCDEF,42,invalid_hash', undefined],
    ['ABCDEF,42,b326b5062b2f0e69046810717534cb09', ['ABCDEF', '42']],
    ['ABC_DEF,42,b326b5062b2f0e69046810717534cb09', ['ABC_DEF', '42']],
    ['ABCDEF,$LATEST,b326b5062b2f0e69046810717534cb09', ['ABCDEF', '$LATEST']],
    ['ABC_DEF,$LATEST,b326b5062b2f0e69046810717534cb09', ['ABC_DEF', '$LATEST']],
    ['ABC_DEF_1234,567,b326b5062b2f0e69046810717534cb09', ['ABC_DEF_1234', '567']],
  ] as const)('agrees with the provider\'s own import id cases: %s', (id, expected) => {
    const parsed = parseImportId(id)
    if (expected === undefined) expect(E.isLeft(parsed)).toBe(true)
    else expect(parsed).toEqual(E.right({ functionName: expected[0], qualifier: expected[1], hash: 'b326b5062b2f0e69046810717534cb09', separator: ',' }))
  })

  it('takes the "@region" an import id may end with (provider v6), only there', () => {
    const h = md5Hex('x')
    expect(parseImportId(`fn,$LATEST,${h}@eu-west-1`)).toEqual(
      E.right({ functionName: 'fn', qualifier: '$LATEST', hash: h, separator: ',', region: 'eu-west-1' }),
    )
    expect(parseImportId(`my_fn_12_${h}@us-gov-west-1`)).toEqual(
      E.right({ functionName: 'my_fn', qualifier: '12', hash: h, separator: '_', region: 'us-gov-west-1' }),
    )
    expect(parseImportId(`fn,$LATEST,${h}`)).toEqual(E.right({ functionName: 'fn', qualifier: '$LATEST', hash: h, separator: ',' }))
    // Not a region name: left in the hash, which then is not an md5.
    expect(problemsOf(parseImportId(`fn,$LATEST,${h}@mars`))).toEqual([
      { path: ['hash'], message: `must be 32 lower-case hex digits (an md5), got "${h}@mars"` },
    ])
    // A stored id never carries a region.
    expect(parseId(`fn,$LATEST,${h}@eu-west-1`)).toEqual(E.right({ functionName: 'fn', qualifier: '$LATEST', hash: `${h}@eu-west-1`, separator: ',' }))
  })
})
