import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeArgs } from '../../src/decode/args.js'
import type { Problem } from '../../src/model/problem.js'
import type { ResolvedArgs } from '../../src/model/types.js'

const problems = (u: unknown): ReadonlyArray<Problem> => {
  const d = decodeArgs(u)
  if (E.isRight(d)) throw new Error(`expected problems, got ${JSON.stringify(d.right)}`)
  return d.left
}
const args = (u: unknown): ResolvedArgs => {
  const d = decodeArgs(u)
  if (E.isLeft(d)) throw new Error(JSON.stringify(d.left))
  return d.right
}
const base = { functionName: 'fn', input: '{}' }

describe('decodeArgs', () => {
  it('fills in the defaults; null means absent', () => {
    expect(args(base)).toEqual({ functionName: 'fn', input: '{}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CREATE_ONLY', terraformKey: 'tf' })
    expect(args({ ...base, qualifier: null, triggers: null, tenantId: null, region: undefined, terraformKey: null })).toEqual(args(base))
  })

  it('keeps every given argument', () => {
    expect(
      args({ functionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn', input: '{"a":1}', qualifier: 'live', triggers: { b: 'c' }, lifecycleScope: 'CRUD', terraformKey: 'k', tenantId: 't', region: 'us-gov-west-1' }),
    ).toEqual({ functionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn', input: '{"a":1}', qualifier: 'live', triggers: { b: 'c' }, lifecycleScope: 'CRUD', terraformKey: 'k', tenantId: 't', region: 'us-gov-west-1' })
  })

  it('input not JSON, or empty', () => {
    expect(problems({ ...base, input: '{"a":' })).toEqual([{ path: ['input'], message: 'not valid JSON: unexpected end at line 1, column 6' }])
    expect(problems({ ...base, input: '' })).toEqual([{ path: ['input'], message: 'must be JSON text, got an empty string' }])
    expect(problems({ ...base, input: ' \n' })).toEqual([{ path: ['input'], message: 'must be JSON text, got only whitespace' }])
    expect(problems({ ...base, input: '{"a":1,\n  }' })).toEqual([{ path: ['input'], message: 'not valid JSON: unexpected character "}" at line 2, column 3: expected a string key' }])
  })

  it('CRUD input not an object', () => {
    expect(problems({ ...base, input: '[1]', lifecycleScope: 'CRUD' })).toEqual([{ path: ['input'], message: 'must be a JSON object in CRUD scope, got an array' }])
    expect(problems({ ...base, input: 'null', lifecycleScope: 'CRUD' })).toEqual([{ path: ['input'], message: 'must be a JSON object in CRUD scope, got null' }])
    expect(E.isRight(decodeArgs({ ...base, input: '[1]' }))).toBe(true)
  })

  it('CRUD input holding the lifecycle key', () => {
    expect(problems({ ...base, input: '{"tf":{}}', lifecycleScope: 'CRUD' })).toEqual([
      { path: ['input'], message: 'lifecycle key "tf" is already a key of the input; choose another terraformKey' },
    ])
    expect(problems({ ...base, input: '{"k":1}', lifecycleScope: 'CRUD', pulumiKey: 'k' })).toEqual([
      { path: ['input'], message: 'lifecycle key "k" is already a key of the input; choose another terraformKey' },
    ])
    expect(E.isRight(decodeArgs({ ...base, input: '{"tf":{}}' }))).toBe(true) // CREATE_ONLY adds no key
  })

  it('numbers beyond float64, nesting beyond 10,000 levels', () => {
    expect(problems({ ...base, input: '{"a":[1, -1.5e309]}' })).toEqual([{ path: ['input'], message: 'not valid JSON: the number -1.5e309 is beyond the float64 range' }])
    expect(problems({ ...base, input: `1${'0'.repeat(400)}` })[0]?.message).toBe('not valid JSON: the number 10000000000000000000…0000000000 is beyond the float64 range')
    const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`
    expect(E.isRight(decodeArgs({ ...base, input: deep(10_000) }))).toBe(true)
    expect(problems({ ...base, input: deep(10_001) })).toEqual([{ path: ['input'], message: "not valid JSON: nested deeper than 10,000 levels (Go's limit)" }])
    expect(problems({ ...base, input: deep(100_000) })).toHaveLength(1)
    expect(problems({ ...base, input: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}` })).toHaveLength(1)
    // Underflow is no error in Go: it rounds to zero.
    expect(E.isRight(decodeArgs({ ...base, input: '1e-400' }))).toBe(true)
  })

  it('function name, qualifier, tenant id and region not in AWS format', () => {
    expect(problems({ functionName: 'my function', input: '1', qualifier: 'v 1', tenantId: '', region: 'Mars' })).toEqual([
      { path: ['functionName'], message: '"my function" is not a function name, partial ARN or ARN (letters, digits, "-" and "_", e.g. "my-function" or "arn:aws:lambda:us-east-1:123456789012:function:my-function")' },
      { path: ['qualifier'], message: '"v 1" is not $LATEST, a version or an alias (letters, digits, "-" and "_")' },
      { path: ['tenantId'], message: 'must not be empty (omit it for no tenant)' },
      { path: ['region'], message: '"Mars" is not an AWS region name (e.g. "us-east-1", "eu-central-2")' },
    ])
    expect(problems({ ...base, functionName: 'f'.repeat(65) })).toEqual([{ path: ['functionName'], message: 'must be at most 64 characters as a bare function name, got 65' }])
    expect(problems({ ...base, qualifier: 'q'.repeat(129) })[0]?.path).toEqual(['qualifier'])
    expect(problems({ ...base, tenantId: 't'.repeat(257) })).toEqual([{ path: ['tenantId'], message: 'must be at most 256 characters, got 257' }])
    for (const name of ['fn', 'my_fn-2', 'fn:live', '123456789012:function:fn', 'us-east-1:123456789012:function:fn:$LATEST', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:fn']) {
      expect(E.isRight(decodeArgs({ ...base, functionName: name })), name).toBe(true)
    }
    for (const region of ['us-east-1', 'us-gov-west-1', 'cn-north-1', 'eu-central-2', 'ap-southeast-5']) {
      expect(E.isRight(decodeArgs({ ...base, region })), region).toBe(true)
    }
  })

  it('triggers not a string map', () => {
    expect(problems({ ...base, triggers: { build: 3, ok: 'x', other: null } })).toEqual([
      { path: ['triggers', 'build'], message: 'must be a string, got number' },
      { path: ['triggers', 'other'], message: 'must be a string, got null' },
    ])
    expect(problems({ ...base, triggers: ['a'] })).toEqual([{ path: ['triggers'], message: 'must be a map of string to string, got an array' }])
  })

  it('an unknown argument suggests the closest known one', () => {
    expect(problems({ ...base, fuctionName: 'x' })).toEqual([{ path: ['fuctionName'], message: 'is not an argument; did you mean "functionName"?' }])
    expect(problems({ ...base, function_name: 'x' })).toEqual([{ path: ['function_name'], message: 'is not an argument; did you mean "functionName"?' }])
    expect(problems({ ...base, zzz: 1 })[0]?.message).toMatch(/^is not an argument \(known: functionName, input,/)
  })

  it('wrong types and missing arguments, all reported at once', () => {
    expect(problems({ input: 5, lifecycleScope: 'crud', terraformKey: '' })).toEqual([
      { path: ['functionName'], message: 'is required' },
      { path: ['input'], message: 'must be a string, got number' },
      { path: ['lifecycleScope'], message: 'must be "CREATE_ONLY" or "CRUD", got "crud"' },
      { path: ['terraformKey'], message: 'must not be empty (omit it for "tf")' },
    ])
    expect(problems('fn')).toEqual([{ path: [], message: 'the arguments must be an object, got string' }])
    expect(problems([base])).toEqual([{ path: [], message: 'the arguments must be an object, got an array' }])
  })

  it('pulumiKey and terraformKey must agree when both are given', () => {
    expect(args({ ...base, pulumiKey: 'k', terraformKey: 'k' }).terraformKey).toBe('k')
    expect(problems({ ...base, pulumiKey: 'a', terraformKey: 'b' })).toEqual([
      { path: ['pulumiKey'], message: 'is an alias of terraformKey and differs from it ("a" vs "b"); give only one' },
    ])
  })
})
