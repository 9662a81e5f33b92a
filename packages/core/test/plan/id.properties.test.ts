import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect } from 'vitest'
import { dataSourceId, invocationId, md5Hex, parseId, parseImportId } from '../../src/plan/id.js'
import { functionName, qualifier } from '../arbitraries.js'

describe('ids: laws', () => {
  it.prop([functionName, qualifier, fc.string({ unit: 'binary' })])('an invocation id always parses back', (fn, q, payload) => {
    expect(parseId(invocationId(fn, q, payload))).toEqual(E.right({ functionName: fn, qualifier: q, hash: md5Hex(payload), separator: ',' }))
  })

  it.prop([functionName, qualifier.filter((q) => !q.includes('_')), fc.string()])('a "_" id parses back when the qualifier has no "_"', (fn, q, payload) => {
    expect(parseId(dataSourceId(fn, q, payload))).toEqual(E.right({ functionName: fn, qualifier: q, hash: md5Hex(payload), separator: '_' }))
  })

  it.prop([functionName, fc.oneof(fc.constant('$LATEST'), fc.nat().map(String)), fc.string()])('ids of $LATEST or a version import', (fn, q, payload) => {
    expect(E.isRight(parseImportId(invocationId(fn, q, payload)))).toBe(true)
  })

  it.prop([fc.anything()])('parseId never throws', (u) => {
    const r = parseId(u)
    expect(E.isLeft(r) ? r.left.length > 0 : typeof r.right.hash === 'string').toBe(true)
  })
})
