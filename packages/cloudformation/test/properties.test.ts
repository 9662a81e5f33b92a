import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeProperties, propertyPath } from '../src/properties.js'

describe('decodeProperties', () => {
  it('maps PascalCase properties to our arguments, ignoring ServiceToken and ServiceTimeout', () => {
    const all = {
      ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:h',
      ServiceTimeout: '1200',
      FunctionName: 'fn',
      Input: '{"a":1}',
      Qualifier: '3',
      Triggers: { build: '7' },
      LifecycleScope: 'CRUD',
      TerraformKey: 'k',
      TenantId: 't',
      Region: 'eu-west-1',
      NoEcho: 'true',
    }
    expect(decodeProperties(all, 'ResourceProperties')).toEqual(
      E.right({
        args: { functionName: 'fn', input: '{"a":1}', qualifier: '3', triggers: { build: '7' }, lifecycleScope: 'CRUD', terraformKey: 'k', tenantId: 't', region: 'eu-west-1' },
        resolved: { functionName: 'fn', input: '{"a":1}', qualifier: '3', triggers: { build: '7' }, lifecycleScope: 'CRUD', terraformKey: 'k', tenantId: 't', region: 'eu-west-1' },
        noEcho: true,
      }),
    )
  })

  it('fills the defaults as Terraform does', () => {
    const d = decodeProperties({ FunctionName: 'fn', Input: '"x"' }, 'ResourceProperties')
    expect(E.isRight(d) && d.right.resolved).toEqual({ functionName: 'fn', input: '"x"', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CREATE_ONLY', terraformKey: 'tf' })
    expect(E.isRight(d) && d.right.noEcho).toBe(false)
  })

  it('encodes an object Input as jsonencode does', () => {
    const d = decodeProperties({ FunctionName: 'fn', Input: { z: '1', a: ['x'] } }, 'ResourceProperties')
    expect(E.isRight(d) && d.right.args.input).toBe('{"a":["x"],"z":"1"}')
  })

  it('an unknown property is a problem naming the likely one; problems of core come back under the property names', () => {
    expect(decodeProperties({ functionName: 'fn', Inptu: '{}', Foo: 1, NoEcho: 'yes' }, 'OldResourceProperties')).toEqual(
      E.left([
        { path: ['OldResourceProperties', 'functionName'], message: 'is not a property of Custom::LambdaInvocation; did you mean FunctionName?' },
        { path: ['OldResourceProperties', 'Inptu'], message: 'is not a property of Custom::LambdaInvocation; did you mean Input?' },
        { path: ['OldResourceProperties', 'Foo'], message: 'is not a property of Custom::LambdaInvocation' },
        { path: ['OldResourceProperties', 'NoEcho'], message: 'must be "true" or "false", got "yes"' },
      ]),
    )
    const crud = decodeProperties({ FunctionName: 'fn', Input: '{"tf":1}', LifecycleScope: 'CRUD', Triggers: { a: 1 } }, 'ResourceProperties')
    expect(E.isLeft(crud) && crud.left.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['ResourceProperties.Triggers.a', 'must be a string, got number'],
      ['ResourceProperties.Input', 'lifecycle key "tf" is already a key of the input; choose another TerraformKey'],
    ])
  })

  it('an Input that cannot be encoded is a problem at its path', () => {
    expect(decodeProperties({ FunctionName: 'fn', Input: { a: [Number.POSITIVE_INFINITY] } }, 'ResourceProperties')).toEqual(
      E.left([{ path: ['ResourceProperties', 'Input', 'a', 0], message: 'must be a finite number, got Infinity' }]),
    )
  })
})

describe('propertyPath', () => {
  it('puts core’s argument path under the property', () => {
    expect(propertyPath('ResourceProperties', ['triggers', 'x'])).toEqual(['ResourceProperties', 'Triggers', 'x'])
    expect(propertyPath('OldResourceProperties', [])).toEqual(['OldResourceProperties'])
  })
})
