import { describe, expect, it } from 'vitest'
import { parseFunctionRef } from '../src/function-ref.js'

describe('parseFunctionRef', () => {
  it.each([
    ['my-fn', { name: 'my-fn' }],
    ['my-fn:prod', { name: 'my-fn', qualifier: 'prod' }],
    ['123456789012:function:my-fn', { name: 'my-fn' }],
    ['arn:aws:lambda:eu-west-1:123456789012:function:my-fn', { name: 'my-fn' }],
    ['arn:aws:lambda:eu-west-1:123456789012:function:my-fn:7', { name: 'my-fn', qualifier: '7' }],
  ])('splits %s', (input, expected) => {
    expect(parseFunctionRef(input)).toEqual(expected)
  })
})
