import { describe, expect, it } from 'vitest'
import { cliErrorText, describeCliError } from '../../src/render/cli-error-text.js'
import type { CliError } from '../../src/setup/cli-error.js'

// One sample of each tag, with the text and key it gives (a missing tag does not compile).
const SAMPLES: { readonly [T in CliError['_tag']]: readonly [Extract<CliError, { _tag: T }>, string, string] } = {
  UsageError: [{ _tag: 'UsageError', message: 'plan takes no operands' }, 'plan takes no operands', ''],
  InternalError: [{ _tag: 'InternalError', message: 'unexpected failure' }, 'unexpected failure', ''],
  ConfigError: [{ _tag: 'ConfigError', messages: ['c.json: a', 'c.json: b'], problems: [] }, 'c.json: a\nc.json: b', ''],
  NoRegion: [
    { _tag: 'NoRegion', needed: '--aws', keys: ['a', 'b'] },
    '--aws needs an AWS region for "a", "b": pass --region, set AWS_REGION, or give your AWS profile a region (or set "region" on the resource)',
    '',
  ],
  StateUnavailable: [{ _tag: 'StateUnavailable', message: 'cannot read' }, 'cannot read', ''],
  CorruptState: [{ _tag: 'CorruptState', message: 'corrupt' }, 'corrupt', ''],
  StateLocked: [{ _tag: 'StateLocked', message: 'locked' }, 'locked', ''],
  StaleLock: [{ _tag: 'StaleLock', message: 'stale' }, 'stale', ''],
  LockError: [{ _tag: 'LockError', message: 'no lock' }, 'no lock', ''],
  MissingHandlers: [{ _tag: 'MissingHandlers', message: 'no module' }, 'no module', ''],
  MissingHandler: [{ _tag: 'MissingHandler', message: 'no handler' }, 'no handler', ''],
  UnknownResource: [
    { _tag: 'UnknownResource', names: ['xyz', 'uvw'], known: ['b', 'a'], configFile: '/p/c.json', given: 'target' },
    'unknown resource "xyz", unknown resource "uvw" given to --target: not in the config (/p/c.json) nor in the state. Known resources: a, b.',
    '',
  ],
  AlreadyInState: [
    { _tag: 'AlreadyInState', key: 'a', stateLabel: '/p/s.json', held: { _tag: 'State', id: 'f,$LATEST,0' }, command: 'import' },
    '"a" is already in the state (/p/s.json) [id=f,$LATEST,0]; nothing was imported. Import adopts a resource the state does not hold: destroy it first, or import under another name.',
    'a',
  ],
  NotInState: [
    { _tag: 'NotInState', names: ['x'], known: ['b', 'a'], stateLabel: '/p/s.json', command: 'state rm' },
    '"x" is not in the state (/p/s.json). Nothing was removed. It holds: a, b.',
    'x',
  ],
  NoResult: [
    { _tag: 'NoResult', key: 'a', stateLabel: '/p/s.json' },
    '"a" has no current state in /p/s.json (only a deposed state or an interrupted step), so no result: run plan to see it',
    'a',
  ],
  StoreFailed: [{ _tag: 'StoreFailed', key: 'a', message: 'disk full' }, 'disk full', 'a'],
  Interrupted: [
    { _tag: 'Interrupted', keys: ['a'] },
    'a has an interrupted step: choose how to resolve it with --resolve retry, assume-done or forget (see the plan above)',
    'a',
  ],
  ApprovalRequired: [
    { _tag: 'ApprovalRequired', command: 'destroy', why: 'no-terminal' },
    'destroy asks for approval before it runs, and there is no terminal to ask on (stdin and stdout are not both a terminal): add --auto-approve to run it without asking; nothing was invoked',
    '',
  ],
  PlanFileUnwritable: [{ _tag: 'PlanFileUnwritable', file: '/p/x.plan', why: 'its folder is missing' }, 'cannot write the plan file /p/x.plan: its folder is missing; no plan was saved', ''],
  PlanFileUnreadable: [{ _tag: 'PlanFileUnreadable', file: '/p/x.plan', why: 'there is no such file' }, 'cannot read the plan file /p/x.plan: there is no such file', ''],
  PlanFileInvalid: [
    { _tag: 'PlanFileInvalid', file: '/p/x.plan', detail: 'not valid JSON' },
    '/p/x.plan is not a plan saved by lambda-invocation plan --out: not valid JSON; nothing was invoked',
    '',
  ],
  StaleSavedPlan: [
    { _tag: 'StaleSavedPlan', file: '/p/x.plan', moved: ['the config changed', 'the record of "a" moved'] },
    'the plan is stale: the config changed; the record of "a" moved, run plan again (the plan file /p/x.plan; nothing was invoked)',
    '',
  ],
  TerraformStateUnreadable: [
    { _tag: 'TerraformStateUnreadable', file: '/p/t.tfstate', why: 'there is no such file' },
    'cannot read the Terraform state /p/t.tfstate: there is no such file',
    '',
  ],
  TerraformStateInvalid: [{ _tag: 'TerraformStateInvalid', file: '/p/t.tfstate', detail: 'not valid JSON' }, '/p/t.tfstate: not valid JSON', ''],
  NothingToImport: [{ _tag: 'NothingToImport', file: '/p/t.tfstate' }, '/p/t.tfstate has no aws_lambda_invocation resources', ''],
  DuplicateKey: [{ _tag: 'DuplicateKey', file: '/p/t.tfstate', keys: ['a', 'b'] }, '/p/t.tfstate gives the same key more than once: a, b', ''],
}

describe('describeCliError', () => {
  it('says what state mv found in the way, and that a name output or state mv was given is not in an empty state', () => {
    expect(cliErrorText({ _tag: 'AlreadyInState', key: 'b', stateLabel: '/p/s.json', held: { _tag: 'State', id: 'f,$LATEST,0' }, command: 'state mv' })).toBe(
      '"b" is already in the state (/p/s.json) [id=f,$LATEST,0]; nothing was moved. Choose another name, or forget that one first (state rm).',
    )
    expect(cliErrorText({ _tag: 'NotInState', names: ['x', 'y'], known: [], stateLabel: '/p/s.json', command: 'output' })).toBe(
      '"x", "y" are not in the state (/p/s.json). The state holds no resources.',
    )
  })

  it.each(Object.values(SAMPLES))('%j', (error, text, key) => {
    expect(describeCliError(error)).toEqual({ key, message: text })
    expect(cliErrorText(error)).toBe(text)
  })

  it('suggests the nearest known name for a mistyped --target or import name', () => {
    const known = ['seed-users', 'warm-cache']
    expect(cliErrorText({ _tag: 'UnknownResource', names: ['seed-user', 'zzz'], known, configFile: '/p/c.json', given: 'target' })).toBe(
      'unknown resource "seed-user" (did you mean "seed-users"?), unknown resource "zzz" given to --target: not in the config (/p/c.json) nor in the state. Known resources: seed-users, warm-cache.',
    )
    expect(cliErrorText({ _tag: 'UnknownResource', names: ['Warm_Cache'], known, configFile: '/p/c.json', given: 'import' })).toMatch(
      /^unknown resource "Warm_Cache" \(did you mean "warm-cache"\?\): add it to/,
    )
  })

  it('says which of the two ways a name is unknown, and what an import found in the way', () => {
    expect(cliErrorText({ _tag: 'UnknownResource', names: ['zz'], known: [], configFile: '/p/c.json', given: 'import' })).toBe(
      'unknown resource "zz": add it to /p/c.json with its arguments first (import takes them from there).',
    )
    expect(describeCliError({ _tag: 'UnknownResource', names: ['zz'], known: [], configFile: '/p/c.json', given: 'import' }).key).toBe('zz')
    expect(cliErrorText({ _tag: 'UnknownResource', names: ['zz'], known: [], configFile: '/p/c.json', given: 'target' })).toContain('There are no resources yet.')
    expect(
      cliErrorText({ _tag: 'AlreadyInState', key: 'a', stateLabel: 's', held: { _tag: 'Intent', lifecycle: 'create' }, command: 'import-terraform' }),
    ).toBe('"a" has an interrupted create in the state (s); run plan to see it; nothing was imported. Destroy it or remove it from the state first.')
    expect(cliErrorText({ _tag: 'AlreadyInState', key: 'a', stateLabel: 's', held: { _tag: 'Record' }, command: 'import' })).toContain(
      '"a" already has a record in the state (s); nothing was imported.',
    )
    expect(cliErrorText({ _tag: 'NoRegion', needed: '--state-s3', keys: [] })).toBe(
      "--state-s3 needs the bucket's AWS region: pass --region, set AWS_REGION, or give your AWS profile a region",
    )
    expect(cliErrorText({ _tag: 'Interrupted', keys: ['a', 'b'] })).toMatch(/^a, b have an interrupted step/)
    expect(cliErrorText({ _tag: 'ApprovalRequired', command: 'apply', why: 'json' })).toBe('apply --json does not ask for approval: add --auto-approve to run it; nothing was invoked')
  })
})
