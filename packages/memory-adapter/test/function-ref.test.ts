import { describe, expect, it } from 'vitest'
import { parseFunctionRef, partitionOf } from '../src/function-ref.js'

describe('parseFunctionRef', () => {
  it.each([
    ['my-fn', { name: 'my-fn' }],
    ['my-fn:prod', { name: 'my-fn', qualifier: 'prod' }],
    ['my-fn:$LATEST', { name: 'my-fn', qualifier: '$LATEST' }],
    ['123456789012:function:my-fn', { name: 'my-fn', accountId: '123456789012' }],
    ['123456789012:function:my-fn:live', { name: 'my-fn', qualifier: 'live', accountId: '123456789012' }],
    ['eu-west-1:123456789012:function:my-fn', { name: 'my-fn', region: 'eu-west-1', accountId: '123456789012' }],
    [
      'arn:aws:lambda:eu-west-1:123456789012:function:my-fn',
      { name: 'my-fn', partition: 'aws', region: 'eu-west-1', accountId: '123456789012' },
    ],
    [
      'arn:aws:lambda:eu-west-1:123456789012:function:my-fn:7',
      { name: 'my-fn', qualifier: '7', partition: 'aws', region: 'eu-west-1', accountId: '123456789012' },
    ],
    [
      'arn:aws-cn:lambda:cn-north-1:123456789012:function:my-fn:$LATEST',
      { name: 'my-fn', qualifier: '$LATEST', partition: 'aws-cn', region: 'cn-north-1', accountId: '123456789012' },
    ],
    ['function', { name: 'function' }],
    ['123456789012:function:function', { name: 'function', accountId: '123456789012' }],
  ])('splits %s', (input, expected) => {
    expect(parseFunctionRef(input)).toStrictEqual(expected)
  })
})

describe('partitionOf', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition)
  })
})
