import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { checkFunctionName, checkQualifier, checkRegion, checkTenantId, checkTerraformKey } from '../../src/decode/aws.js'

describe('AWS formats', () => {
  it('function names: bare up to 64, ARNs up to 256, Lambda pattern', () => {
    for (const ok of ['a', 'f'.repeat(64), 'my-fn_1', 'fn:$LATEST', 'fn:prod', '123456789012:function:fn', 'us-west-2:123456789012:function:fn', 'arn:aws:lambda:us-gov-west-1:123456789012:function:fn:7', `arn:aws:lambda:us-east-1:123456789012:function:${'f'.repeat(64)}`]) {
      expect(E.isRight(checkFunctionName(ok)), ok).toBe(true)
    }
    for (const bad of ['', 'f'.repeat(65), 'my fn', 'fn/x', 'arn:aws:s3:::bucket', 'fn:', 'fn:a:b', `arn:aws:lambda:us-east-1:123456789012:function:${'f'.repeat(250)}`]) {
      expect(E.isLeft(checkFunctionName(bad)), bad).toBe(true)
    }
  })

  it('qualifiers, regions, tenant ids and keys', () => {
    expect(E.isRight(checkQualifier('$LATEST'))).toBe(true)
    expect(E.isRight(checkQualifier('12'))).toBe(true)
    expect(E.isRight(checkQualifier('blue-green_2'))).toBe(true)
    expect(checkQualifier('LATEST$')).toEqual(E.left('"LATEST$" is not $LATEST, a version or an alias (letters, digits, "-" and "_")'))
    expect(checkQualifier('q'.repeat(129))).toEqual(E.left('must be at most 128 characters, got 129'))
    expect(E.isRight(checkRegion('ap-southeast-5'))).toBe(true)
    expect(E.isRight(checkRegion('us-gov-east-1'))).toBe(true)
    expect(E.isLeft(checkRegion('us-east'))).toBe(true)
    expect(E.isLeft(checkRegion('US-EAST-1'))).toBe(true)
    expect(E.isRight(checkTenantId('t'.repeat(256)))).toBe(true)
    expect(checkTerraformKey('')).toEqual(E.left('must not be empty (omit it for "tf")'))
  })
})
