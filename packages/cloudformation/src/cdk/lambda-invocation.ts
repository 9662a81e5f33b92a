import { existsSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { CustomResource, Duration, Token } from 'aws-cdk-lib'
import { Code, Runtime, SingletonFunction, type IAlias, type IFunction, type IVersion } from 'aws-cdk-lib/aws-lambda'
import { Construct } from 'constructs'
import { decodeArgs, formatProblems, type LifecycleScope } from '@lambda-invocation/core'
import { handlerAssetDir } from './asset.js'
import { inputProperty } from './input.js'

/** Properties of `LambdaInvocation`: those of Terraform's `aws_lambda_invocation`, with the function as a construct. */
export interface LambdaInvocationProps {
  /** The function to invoke: a `Function`, an imported one, or a `Version` or an `Alias` (which give the qualifier). */
  readonly function: IFunction
  /**
   * The payload: a string is sent as it is (in `CREATE_ONLY` scope) or parsed
   * as a JSON object (in `CRUD` scope); anything else is encoded at synth time
   * as Terraform's `jsonencode` would (keys sorted, compact).
   */
  readonly input: unknown
  /** `CREATE_ONLY` (default): invoke on create and update. `CRUD`: also on delete, with the lifecycle key in the payload. */
  readonly lifecycleScope?: LifecycleScope
  /** The lifecycle key of a `CRUD` payload. Default `tf`. */
  readonly terraformKey?: string
  /** A change of any value re-invokes (a replace). */
  readonly triggers?: Readonly<Record<string, string>>
  /** The version or alias to invoke. Default `$LATEST`, or the version or alias given as `function`. */
  readonly qualifier?: string
  /** The tenant of a multi-tenant function. */
  readonly tenantId?: string
  /** Mask `result` and `invocationId` in CloudFormation's output (its `NoEcho`). Default false. */
  readonly noEcho?: boolean
}

/** Custom resource type of the invocation. */
export const RESOURCE_TYPE = 'Custom::LambdaInvocation'

// One handler per stack, whatever the number of invocations: SingletonFunction keys it by this id.
const HANDLER_UUID = '2f7c5e1a-lambda-invocation-handler-v1'

/** How long the handler may run: Lambda's maximum, as the function it waits for may take as long. */
const HANDLER_TIMEOUT = Duration.minutes(15)

const isAlias = (f: IFunction): f is IAlias => typeof (f as Partial<IAlias>).aliasName === 'string' && (f as Partial<IAlias>).version?.lambda !== undefined
const isVersion = (f: IFunction): f is IVersion => typeof (f as Partial<IVersion>).version === 'string' && (f as Partial<IVersion>).lambda !== undefined

/**
 * The function name and qualifier to call. An alias or a version is its
 * function with that qualifier: its own `functionName` carries the qualifier
 * (`fn:live`), which Lambda refuses beside a `Qualifier` of `$LATEST`.
 */
const targetOf = (path: string, props: LambdaInvocationProps): { readonly functionName: string; readonly qualifier: string | undefined } => {
  const f = props.function
  const qualified = isAlias(f) ? { functionName: f.version.lambda.functionName, qualifier: f.aliasName } : isVersion(f) ? { functionName: f.lambda.functionName, qualifier: f.version } : undefined
  if (qualified === undefined) return { functionName: f.functionName, qualifier: props.qualifier }
  if (props.qualifier !== undefined && props.qualifier !== qualified.qualifier) {
    throw new Error(`LambdaInvocation ${path}: qualifier ${JSON.stringify(props.qualifier)} differs from the one of the ${isAlias(f) ? 'alias' : 'version'} given as function (${qualified.qualifier}); give one of them`)
  }
  return qualified
}

const checkKnownArgs = (path: string, props: LambdaInvocationProps, qualifier: string | undefined, input: string): void => {
  // Tokens are checked by the handler at deploy time; what is known now is checked now.
  const known = (v: string | undefined): string | undefined => (v === undefined || Token.isUnresolved(v) ? undefined : v)
  const triggers = props.triggers === undefined || Token.isUnresolved(props.triggers) ? undefined : Object.fromEntries(Object.entries(props.triggers).filter(([k, v]) => !Token.isUnresolved(k) && !Token.isUnresolved(v)))
  const decoded = decodeArgs({
    functionName: 'checked-at-deploy-time',
    input: Token.isUnresolved(input) ? (props.lifecycleScope === 'CRUD' ? '{}' : '""') : input,
    qualifier: known(qualifier),
    triggers,
    lifecycleScope: props.lifecycleScope,
    terraformKey: known(props.terraformKey),
    tenantId: known(props.tenantId),
  })
  if (E.isLeft(decoded)) throw new Error(`LambdaInvocation ${path}: ${formatProblems(decoded.left).replaceAll('\n', '; ')}`)
}

/**
 * Invokes a Lambda function as Terraform's `aws_lambda_invocation` does, as a
 * CloudFormation custom resource (`Custom::LambdaInvocation`): once on create,
 * on each update that changes the payload, on delete in `CRUD` scope, and
 * again (a replace) when the function, qualifier or triggers change. It adds
 * the stack's handler function (one per stack), its permission to invoke the
 * function (and its versions and aliases), and the custom resource.
 */
export class LambdaInvocation extends Construct {
  /** The function's response payload, as text (`Fn::GetAtt Result`). */
  readonly result: string
  /** Our id of the last create or update invocation, `functionName,qualifier,md5(payload)` (`Fn::GetAtt InvocationId`). */
  readonly invocationId: string
  /** The custom resource. */
  readonly resource: CustomResource
  /** The stack's handler function, shared by every `LambdaInvocation` in the stack. */
  readonly handler: SingletonFunction

  constructor(scope: Construct, id: string, props: LambdaInvocationProps) {
    super(scope, id)
    const input = inputProperty(this.node.path, props.input)
    const target = targetOf(this.node.path, props)
    checkKnownArgs(this.node.path, props, target.qualifier, input)

    const assetDir = handlerAssetDir()
    if (!existsSync(join(assetDir, 'index.js'))) {
      throw new Error(`LambdaInvocation ${this.node.path}: the bundled handler ${join(assetDir, 'index.js')} is missing; build @lambda-invocation/cloudformation (pnpm build) or reinstall it`)
    }
    this.handler = new SingletonFunction(this, 'Handler', {
      uuid: HANDLER_UUID,
      lambdaPurpose: 'LambdaInvocation',
      description: 'Custom::LambdaInvocation handler (@lambda-invocation/cloudformation)',
      code: Code.fromAsset(assetDir),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      timeout: HANDLER_TIMEOUT,
      memorySize: 256,
      // CloudFormation invokes the handler asynchronously: a retry by Lambda would invoke the function twice.
      retryAttempts: 0,
    })
    const grant = props.function.grantInvoke(this.handler)

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.handler.functionArn,
      resourceType: RESOURCE_TYPE,
      // A little over the handler's timeout: an answer lost for good fails the stack then, not after an hour.
      serviceTimeout: Duration.minutes(20),
      properties: {
        FunctionName: target.functionName,
        Input: input,
        ...(target.qualifier === undefined ? {} : { Qualifier: target.qualifier }),
        ...(props.triggers === undefined ? {} : { Triggers: props.triggers }),
        ...(props.lifecycleScope === undefined ? {} : { LifecycleScope: props.lifecycleScope }),
        ...(props.terraformKey === undefined ? {} : { TerraformKey: props.terraformKey }),
        ...(props.tenantId === undefined ? {} : { TenantId: props.tenantId }),
        ...(props.noEcho === true ? { NoEcho: 'true' } : {}),
      },
    })
    // The permission must exist before the Create and still exist at the Delete.
    grant.applyBefore(this.resource)

    this.result = this.resource.getAttString('Result')
    this.invocationId = this.resource.getAttString('InvocationId')
  }
}
