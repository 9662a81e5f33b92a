import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY, decodeProviderOptions, makeProvider } from '../src/provider.js'

describe('makeProvider', () => {
  it("defaults to the AWS invoker, Pulumi's create-first replace and the Terraform encoding", () => {
    expect(decodeProviderOptions(undefined)).toEqual(
      E.right({ specVersion: 1, invoker: { kind: 'aws' }, replaceOrder: 'create-first', encoding: 'terraform', retry: DEFAULT_RETRY }),
    )
  })

  it('keeps what the options say', () => {
    expect(
      decodeProviderOptions({ invoker: { module: './invoker.cjs', exportName: 'mine' }, replaceOrder: 'delete-first', encoding: 'preserve', retry: { maxAttempts: 1 }, region: 'eu-west-1' }),
    ).toEqual(
      E.right({
        specVersion: 1,
        invoker: { kind: 'module', module: './invoker.cjs', exportName: 'mine' },
        replaceOrder: 'delete-first',
        encoding: 'preserve',
        retry: { ...DEFAULT_RETRY, maxAttempts: 1 },
        region: 'eu-west-1',
      }),
    )
    expect(decodeProviderOptions({ aws: { timeoutMs: 60_000 } })).toMatchObject(E.right({ invoker: { kind: 'aws', timeoutMs: 60_000 } }))
  })

  it('returns the six methods of a dynamic provider', () => {
    expect(Object.keys(makeProvider()).sort()).toEqual(['check', 'create', 'delete', 'diff', 'read', 'update'])
  })

  it('throws at once, naming every bad option', () => {
    expect(() => makeProvider({ replaceorder: 'delete-first', aws: {}, invoker: { module: '' }, region: 'mars' } as never)).toThrow(
      new TypeError(
        'makeProvider: bad options:\n' +
          'options.replaceorder: is not an option (known: aws, invoker, replaceOrder, encoding, retry, region)\n' +
          'options: give either aws or invoker, not both\n' +
          'options.invoker.module: must be a non-empty string, got an empty string\n' +
          'options.region: "mars" is not an AWS region name (e.g. "us-east-1", "eu-central-2")',
      ),
    )
    expect(() => makeProvider({ replaceOrder: 'sideways', aws: { timeoutMs: 0 }, retry: { maxAttempts: 0 } } as never)).toThrow(
      new TypeError(
        'makeProvider: bad options:\n' +
          'options.aws.timeoutMs: must be a whole number from 1 to 2147483647, got 0\n' +
          'options.retry.maxAttempts: must be a whole number from 1 to 2147483647, got 0\n' +
          'options.replaceOrder: must be "delete-first" or "create-first", got "sideways"',
      ),
    )
  })
})
