import { Lazy, Stack, Token } from 'aws-cdk-lib'
import { describe, expect, it } from 'vitest'
import { inputProperty } from '../../src/cdk/input.js'

describe('inputProperty', { timeout: 60_000 }, () => {
  it('keeps a string as it is, tokens included', () => {
    const stack = new Stack()
    const text = Stack.of(stack).toJsonString({ b: 1 })
    expect(inputProperty('S/I', '{"b" : 1}')).toBe('{"b" : 1}')
    expect(inputProperty('S/I', text)).toBe(text)
  })

  it('encodes values as jsonencode at synth time, a string token left in place to resolve', () => {
    const stack = new Stack()
    const name = Token.asString(Lazy.string({ produce: () => 'my"bucket' }))
    const encoded = inputProperty('S/I', { z: [1.5, true], name })
    expect(stack.resolve(encoded)).toBe('{"name":"my"bucket","z":[1.5,true]}')
  })

  it('refuses tokens it cannot write as text, naming the construct and the path', () => {
    const list = Token.asList(Lazy.list({ produce: () => ['a'] }))
    expect(() => inputProperty('S/I', { items: list })).toThrow('LambdaInvocation S/I: input.items: is a list token')
    const any = Lazy.any({ produce: () => ({ a: 1 }) })
    expect(() => inputProperty('S/I', { v: any })).toThrow('LambdaInvocation S/I: input.v: is a token that resolves to a value, not text')
    const key = Token.asString(Lazy.string({ produce: () => 'k' }))
    expect(() => inputProperty('S/I', { [key]: 1 })).toThrow('LambdaInvocation S/I: input: has a key that is a token')
  })
})
