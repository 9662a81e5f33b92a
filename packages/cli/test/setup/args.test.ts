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

  it('reads --out, --replace (repeatable) and a saved plan operand', async () => {
    expect(await ok(['plan', '--out', 'p.plan', '--replace', 'a', '--replace', 'b'])).toMatchObject({ out: 'p.plan', replace: ['a', 'b'] })
    expect(await ok(['plan', '--out', 'p.plan', '--resolve', 'retry'])).toMatchObject({ out: 'p.plan', resolution: { _tag: 'Retry' } })
    expect(await ok(['apply', 'p.plan'])).toMatchObject({ command: 'apply', operands: ['p.plan'], out: undefined, replace: [] })
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

  it('gives help with --help (whatever else is there, naming the command it is for) and the version with --version', async () => {
    expect((await ok(['plan', '--help'])).command).toBe('help')
    expect((await ok(['plan', '--help'])).operands).toEqual(['plan'])
    expect((await ok(['--help'])).operands).toEqual([])
    expect((await ok(['help', 'state', 'rm'])).operands).toEqual(['state rm'])
    expect((await ok(['state', 'mv', '--help'])).operands).toEqual(['state mv'])
    expect((await ok(['state', '--help'])).operands).toEqual(['state'])
    expect((await ok(['help', 'state'])).operands).toEqual(['state'])
    expect((await ok(['--version'])).command).toBe('version')
  })

  it('reads the state subcommands, output, completion and their operands', async () => {
    expect(await ok(['state', 'rm', 'a', 'b'])).toMatchObject({ command: 'state rm', operands: ['a', 'b'] })
    expect(await ok(['state', 'mv', 'a', 'b'])).toMatchObject({ command: 'state mv', operands: ['a', 'b'] })
    expect(await ok(['state', 'list'])).toMatchObject({ command: 'state list', operands: [] })
    expect(await ok(['output', '--raw', 'a'])).toMatchObject({ command: 'output', operands: ['a'], raw: true })
    expect(await ok(['output'])).toMatchObject({ command: 'output', operands: [], raw: false })
    expect(await ok(['completion', 'zsh'])).toMatchObject({ command: 'completion', operands: ['zsh'] })
    expect(await ok(['validate'])).toMatchObject({ command: 'validate', operands: [] })
  })

  it('reads --lock-timeout as milliseconds (default 0)', async () => {
    expect((await ok(['apply'])).lockTimeoutMs).toBe(0)
    expect((await ok(['apply', '--lock-timeout', '30s'])).lockTimeoutMs).toBe(30_000)
    expect((await ok(['apply', '--lock-timeout', '2m'])).lockTimeoutMs).toBe(120_000)
    expect((await ok(['apply', '--lock-timeout', '500ms'])).lockTimeoutMs).toBe(500)
    expect((await ok(['apply', '--lock-timeout', '1.5'])).lockTimeoutMs).toBe(1500)
    expect((await ok(['apply', '--lock-timeout', '24h'])).lockTimeoutMs).toBe(86_400_000)
  })

  it.each([
    [[], 'no command given: name one of plan, apply, destroy, show, validate, output, import, import-terraform, state, completion'],
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
    [['plan', '--resolve', 'retry'], '--resolve goes with apply, destroy or plan --out'],
    [['apply', '--detailed-exitcode'], '--detailed-exitcode goes with plan'],
    [['destroy', '--fleet'], '--fleet goes with apply'],
    [['plan', '--state-s3', 'bucket/prefix'], '--state-s3 must look like s3://bucket/prefix'],
    [['plan', '--state', 'a', '--state-s3', 's3://bucket/p'], 'choose one of --state and --state-s3'],
    [['plan', '--target', ''], '--target needs a resource name'],
    [['plan', '--replace', ''], '--replace needs a resource name'],
    [['destroy', '--replace', 'a'], '--replace goes with plan or apply'],
    [['apply', '--out', 'p.plan'], '--out goes with plan'],
    [['apply', 'a.plan', 'b.plan'], 'apply takes at most one operand, a plan file saved by plan --out; got "a.plan b.plan"'],
    [['destroy', 'a.plan'], 'destroy takes no operands; got "a.plan"'],
    [['apply', 'p.plan', '--target', 'a', '--replace', 'b'], '--target, --replace cannot go with a saved plan'],
    [['apply', 'p.plan', '--resolve', 'retry'], '--resolve cannot go with a saved plan'],
    [['state'], 'state needs a subcommand: list, rm or mv'],
    [['state', 'remove'], 'unknown state subcommand "remove"'],
    [['state', 'rm'], 'state rm needs the names to forget'],
    [['state', 'mv', 'a'], 'state mv needs the old and the new name'],
    [['state', 'mv', 'a', 'a'], 'state mv: the old and the new name are the same ("a")'],
    [['state', 'list', 'x'], 'state list takes no operands; got "x"'],
    [['output', 'a', 'b'], 'output takes at most one resource name'],
    [['output', '--raw'], 'output --raw needs the resource name'],
    [['output', '--raw', 'a', '--json'], 'choose one of --raw and --json'],
    [['plan', '--raw'], '--raw goes with output'],
    [['completion'], 'completion needs the shell'],
    [['completion', 'fish'], 'completion: unknown shell "fish"; expected bash or zsh'],
    [['help', 'aply'], 'help: unknown command "aply"'],
    [['help', 'plan', 'x'], 'help: unknown command "plan x"'],
    [['apply', '--lock-timeout', '5 minutes'], '--lock-timeout must be a duration'],
    [['apply', '--lock-timeout', '25h'], '--lock-timeout must be a duration'],
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
    expect((await ok(['apply', '--fleet', '--auto-approve'])).fleet).toBe(true)
    expect((await ok(['apply'])).fleet).toBe(false)
  })

  it('needs --auto-approve: a fleet runner shows no plan to approve', async () => {
    expect(await error(['apply', '--fleet'])).toContain('apply --fleet shows no plan to approve')
    expect(await error(['apply', '--fleet'])).toContain('then run it with --auto-approve')
  })
})
