import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { App, CfnOutput, Stack, Token } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { Alias, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda'
import { Bucket } from 'aws-cdk-lib/aws-s3'
import { describe, expect, it } from 'vitest'
import { handlerAssetDir } from '../../src/cdk/asset.js'
import { LambdaInvocation, RESOURCE_TYPE } from '../../src/cdk/lambda-invocation.js'

// Synthesized offline; assertions read the CloudFormation template CDK writes.

const stackWithTarget = () => {
  // Asset metadata names the folder each function's code was staged from (the CLI turns it on by default).
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } })
  const stack = new Stack(app, 'App', { env: { account: '123456789012', region: 'eu-west-1' } })
  const target = new LambdaFunction(stack, 'Seeder', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async (e) => e') })
  return { app, stack, target }
}

const logicalId = (stack: Stack, c: { node: { defaultChild?: unknown } } | unknown): string => stack.resolve((c as { node: { defaultChild: { logicalId: string } } }).node.defaultChild.logicalId) as string

// Loading aws-cdk-lib and synthesizing take seconds of CPU, more on a busy machine.
describe('LambdaInvocation', { timeout: 120_000 }, () => {
  it('synthesizes the custom resource with the properties the handler reads', () => {
    const { app, stack, target } = stackWithTarget()
    const seed = new LambdaInvocation(stack, 'Seed', { function: target, input: { tables: ['users'], b: 1, ok: true }, lifecycleScope: 'CRUD', triggers: { build: '42' }, qualifier: '$LATEST', terraformKey: 'lifecycle' })
    new CfnOutput(stack, 'Result', { value: seed.result })
    new CfnOutput(stack, 'Id', { value: seed.invocationId })
    app.synth()
    const template = Template.fromStack(stack)
    const targetId = logicalId(stack, target)
    const handlerId = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Timeout: 900 } }))[0]
    template.hasResourceProperties(RESOURCE_TYPE, {
      ServiceToken: { 'Fn::GetAtt': [handlerId, 'Arn'] },
      ServiceTimeout: '1200',
      FunctionName: { Ref: targetId },
      // Encoded at synth time as jsonencode does: keys sorted, compact, numbers and booleans kept.
      Input: '{"b":1,"ok":true,"tables":["users"]}',
      LifecycleScope: 'CRUD',
      Triggers: { build: '42' },
      Qualifier: '$LATEST',
      TerraformKey: 'lifecycle',
    })
    const outputs = template.toJSON()['Outputs'] as Record<string, { Value: unknown }>
    const resourceId = Object.keys(template.findResources(RESOURCE_TYPE))[0]!
    expect(outputs['Result']!.Value).toEqual({ 'Fn::GetAtt': [resourceId, 'Result'] })
    expect(outputs['Id']!.Value).toEqual({ 'Fn::GetAtt': [resourceId, 'InvocationId'] })
  })

  it('synthesizes one handler function per stack, never retried by Lambda, with its code from the bundled asset', () => {
    const { app, stack, target } = stackWithTarget()
    new LambdaInvocation(stack, 'One', { function: target, input: '{}' })
    new LambdaInvocation(stack, 'Two', { function: target, input: '"x"' })
    const assembly = app.synth()
    const template = Template.fromStack(stack)
    template.resourceCountIs(RESOURCE_TYPE, 2)
    template.resourceCountIs('AWS::Lambda::Function', 2)
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: 'nodejs22.x', Timeout: 900, MemorySize: 256 })
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0, Qualifier: '$LATEST' })
    const handler = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Timeout: 900 } }))[0] as { Metadata: Record<string, string> }
    const shipped = join(assembly.directory, handler.Metadata['aws:asset:path']!, 'index.js')
    expect(existsSync(shipped)).toBe(true)
    expect(readFileSync(shipped).equals(readFileSync(join(handlerAssetDir(), 'index.js')))).toBe(true)
  })

  it('grants the handler lambda:InvokeFunction on the function and its qualified ARNs, before the custom resource exists', () => {
    const { app, stack, target } = stackWithTarget()
    const seed = new LambdaInvocation(stack, 'Seed', { function: target, input: '{}' })
    app.synth()
    const template = Template.fromStack(stack)
    const targetId = logicalId(stack, target)
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'lambda:InvokeFunction',
              Effect: 'Allow',
              Resource: [{ 'Fn::GetAtt': [targetId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [targetId, 'Arn'] }, ':*']] }],
            }),
          ]),
        },
      },
    })
    const policyIds = Object.keys(policies)
    expect(policyIds).toHaveLength(1)
    const role = stack.resolve((seed.handler.role!.node.defaultChild as never as { logicalId: string }).logicalId) as string
    expect((policies[policyIds[0]!] as { Properties: { Roles: unknown } }).Properties.Roles).toEqual([{ Ref: role }])
    const resource = Object.values(template.findResources(RESOURCE_TYPE))[0] as { DependsOn?: string[] }
    expect(resource.DependsOn).toContain(policyIds[0])
  })

  it('an input with tokens resolves in place; number tokens become numbers', () => {
    const { app, stack, target } = stackWithTarget()
    const bucket = new Bucket(stack, 'Data')
    new LambdaInvocation(stack, 'Seed', { function: target, input: { bucket: bucket.bucketName, size: Token.asNumber(bucket.bucketArn.length), a: 'x' } })
    app.synth()
    const input = (Object.values(Template.fromStack(stack).findResources(RESOURCE_TYPE))[0] as { Properties: { Input: unknown } }).Properties.Input
    expect(input).toEqual({ 'Fn::Join': ['', ['{"a":"x","bucket":"', { Ref: logicalId(stack, bucket) }, `","size":${String(stack.resolve(Token.asNumber(bucket.bucketArn.length)))}}`]] })
  })

  it('NoEcho, TenantId and an absent lifecycle scope are passed as the handler reads them', () => {
    const { app, stack, target } = stackWithTarget()
    new LambdaInvocation(stack, 'Seed', { function: target, input: '{}', noEcho: true, tenantId: 'tenant-1' })
    app.synth()
    const props = (Object.values(Template.fromStack(stack).findResources(RESOURCE_TYPE))[0] as { Properties: Record<string, unknown> }).Properties
    expect(props).toMatchObject({ NoEcho: 'true', TenantId: 'tenant-1', Input: '{}' })
    expect(props).not.toHaveProperty('LifecycleScope')
  })

  it('an alias or a version is called as its function with that qualifier, and the grant is on the qualified ARN', () => {
    const { app, stack, target } = stackWithTarget()
    const live = new Alias(stack, 'Live', { aliasName: 'live', version: target.currentVersion })
    new LambdaInvocation(stack, 'ByAlias', { function: live, input: '{}' })
    app.synth()
    const template = Template.fromStack(stack)
    template.hasResourceProperties(RESOURCE_TYPE, { FunctionName: { Ref: logicalId(stack, target) }, Qualifier: 'live' })
    const aliasId = logicalId(stack, live)
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Resource: { Ref: aliasId } })]) },
    })
    expect(() => new LambdaInvocation(stack, 'Both', { function: live, qualifier: '3', input: '{}' })).toThrow('LambdaInvocation App/Both: qualifier "3" differs from the one of the alias given as function (live); give one of them')
  })

  it('refuses at synth time what the handler would refuse at deploy time', () => {
    const { stack, target } = stackWithTarget()
    expect(() => new LambdaInvocation(stack, 'A', { function: target, input: '[1]', lifecycleScope: 'CRUD' })).toThrow('LambdaInvocation App/A: input: must be a JSON object in CRUD scope, got an array')
    expect(() => new LambdaInvocation(stack, 'B', { function: target, input: { tf: 1 }, lifecycleScope: 'CRUD' })).toThrow('LambdaInvocation App/B: input: lifecycle key "tf" is already a key of the input; choose another terraformKey')
    expect(() => new LambdaInvocation(stack, 'C', { function: target, input: { f: () => 1 } })).toThrow('LambdaInvocation App/C: input.f: cannot be written as JSON: got function')
    expect(() => new LambdaInvocation(stack, 'D', { function: target, input: '{}', lifecycleScope: 'crud' as never })).toThrow('lifecycleScope: must be "CREATE_ONLY" or "CRUD", got "crud"')
  })
})
