import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseCliArgs, setupFlags } from '../../src/setup/args.js'

const ok = async (argv: string[]) => {
  const r = await parseCliArgs(argv)
  if (!E.isRight(r)) throw new Error(r.left.message)
  return r.right
}
const error = async (argv: string[]): Promise<string> => {
  const r = await parseCliArgs(argv)
  return E.isLeft(r) ? r.left.message : 'parsed'
}

describe('parseCliArgs', () => {
  it('defaults: file state beside the config, concurrency 1, no colour flag', async () => {
    expect(await ok(['plan'])).toMatchObject({
      command: 'plan',
      operands: [],
      config: undefined,
      state: { _tag: 'File', file: undefined },
      targets: [],
      concurrency: 1,
      json: false,
      showPayloads: false,
      detailedExitcode: false,
      resolution: undefined,
      autoApprove: false,
    })
  })

  it('reads --auto-approve', async () => {
    expect(await ok(['apply', '--auto-approve'])).toMatchObject({ command: 'apply', autoApprove: true })
  })

  it('reads every flag', async () => {
    expect(
      await ok(['apply', '--config', 'c.json', '--state', 's.json', '--handlers', 'h.mjs', '--target', 'a', '--target', 'b', '--concurrency', '4', '--json', '--show-payloads', '--no-color', '--aws', '--region', 'eu-west-1', '--timeout', '90']),
    ).toMatchObject({
      config: 'c.json',
      state: { _tag: 'File', file: 's.json' },
      handlers: 'h.mjs',
      targets: ['a', 'b'],
      concurrency: 4,
      json: true,
      showPayloads: true,
      noColor: true,
      aws: true,
      region: 'eu-west-1',
      timeoutMs: 90_000,
    })
  })

  it('maps --resolve to the core resolution', async () => {
    expect((await ok(['apply', '--resolve', 'retry'])).resolution).toEqual({ _tag: 'Retry' })
    expect((await ok(['apply', '--resolve', 'forget'])).resolution).toEqual({ _tag: 'Forget' })
    expect((await ok(['apply', '--resolve', 'assume-done'])).resolution).toEqual({ _tag: 'AssumeDone' })
    expect((await ok(['destroy', '--resolve', 'assume-done', '--result', '{"x":1}'])).resolution).toEqual({ _tag: 'AssumeDone', result: '{"x":1}' })
  })

  it('reads the S3 state location', async () => {
    expect((await ok(['plan', '--state-s3', 's3://my-bucket/env/prod'])).state).toEqual({ _tag: 'S3', bucket: 'my-bucket', prefix: 'env/prod/' })
    expect((await ok(['plan', '--state-s3', 's3://my-bucket/env/'])).state).toEqual({ _tag: 'S3', bucket: 'my-bucket', prefix: 'env/' })
    expect((await ok(['plan', '--state-s3', 's3://my-bucket'])).state).toEqual({ _tag: 'S3', bucket: 'my-bucket', prefix: '' })
  })

  it('takes operands for import and import-terraform', async () => {
    expect((await ok(['import', 'seed', 'fn,$LATEST,0123'])).operands).toEqual(['seed', 'fn,$LATEST,0123'])
    expect((await ok(['import-terraform', 'terraform.tfstate'])).operands).toEqual(['terraform.tfstate'])
  })

  it('gives help with --help (whatever else is there) and the version with --version', async () => {
    expect((await ok(['plan', '--help'])).command).toBe('help')
    expect((await ok(['--version'])).command).toBe('version')
  })

  it.each([
    [[], 'no command given: name one of plan, apply, destroy, show, import, import-terraform'],
    [['plna'], 'unknown command "plna"; did you mean "plan"? Expected one of plan, apply,'],
    [['zzz'], 'unknown command "zzz"; expected one of plan, apply,'],
    [['plan', '--nope'], 'unknown option "--nope"'],
    [['plan', '--jsn'], 'unknown option "--jsn"; did you mean --json?'],
    [['plan', '--detailed-exit-code'], 'did you mean --detailed-exitcode?'],
    [['plan', '--config'], '--config needs a value'],
    [['apply', '--result', '--json'], '--result needs a value, and is followed by another option; for a value that starts with "-", write --result=-VALUE'],
    [['plan', '--json=yes'], '--json takes no value'],
    [['plan', 'extra'], 'plan takes no operands; got "extra"'],
    [['import', 'a'], 'import needs a resource name and an id'],
    [['import-terraform'], 'import-terraform needs the Terraform state file'],
    [['apply', '--concurrency', '0'], '--concurrency must be a whole number from 1 to 64, got "0"'],
    [['apply', '--concurrency', 'two'], '--concurrency must be a whole number'],
    [['apply', '--timeout=-3'], '--timeout must be a number of seconds above 0'],
    [['apply', '--timeout', '0'], '--timeout must be a number of seconds above 0 and at most 2147483, got "0"'],
    [['apply', '--timeout', '3000000'], 'at most 2147483'],
    [['apply', '--resolve', 'maybe'], '--resolve must be retry, assume-done or forget, got "maybe"'],
    [['apply', '--result', 'x'], '--result goes with --resolve assume-done'],
    [['plan', '--resolve', 'retry'], '--resolve goes with apply or destroy'],
    [['apply', '--detailed-exitcode'], '--detailed-exitcode goes with plan'],
    [['destroy', '--fleet'], '--fleet goes with apply'],
    [['plan', '--state-s3', 'bucket/prefix'], '--state-s3 must look like s3://bucket/prefix'],
    [['plan', '--state', 'a', '--state-s3', 's3://bucket/p'], 'choose one of --state and --state-s3'],
    [['plan', '--target', ''], '--target needs a resource name'],
  ])('refuses %j: %s', async (argv, message) => {
    const m = await error(argv)
    expect(m).toContain(message)
    expect(m).toContain("Run 'lambda-invocation --help' for usage.")
  })
})

describe('setupFlags', () => {
  it('gives back the options that choose the config, state and functions, and nothing else', async () => {
    const args = await parseCliArgs(['plan', '--config', 'c.json', '--state-s3', 's3://bucket/env', '--aws', '--region', 'eu-west-1', '--timeout', '90', '--json', '--target', 'a'])
    if (E.isLeft(args)) throw new Error(args.left.message)
    expect(setupFlags(args.right)).toEqual(['--config', 'c.json', '--state-s3', 's3://bucket/env/', '--aws', '--region', 'eu-west-1', '--timeout', '90'])
    const plain = await parseCliArgs(['apply', '--state', 's.json', '--handlers', 'h.mjs'])
    if (E.isLeft(plain)) throw new Error(plain.left.message)
    expect(setupFlags(plain.right)).toEqual(['--state', 's.json', '--handlers', 'h.mjs'])
  })
})

describe('--fleet', () => {
  it('makes apply one of a fleet of runners; off by default', async () => {
    expect((await ok(['apply', '--fleet'])).fleet).toBe(true)
    expect((await ok(['apply'])).fleet).toBe(false)
  })
})
