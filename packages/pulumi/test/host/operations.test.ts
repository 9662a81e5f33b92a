import * as E from 'fp-ts/lib/Either.js'
import { invocationId } from '@lambda-invocation/core'
import type { PlanOptions } from '@lambda-invocation/core'
import { MemoryInvoker } from '@lambda-invocation/memory-adapter'
import { beforeEach, describe, expect, it } from 'vitest'
import { check, create, diff, read, remove, update, type HostDeps } from '../../src/host/operations.js'
import { formatStepError } from '../../src/host/step-error.js'
import { UNKNOWN } from '../../src/host/unknowns.js'
import { DEFAULT_RETRY } from '../../src/provider.js'
import { bridgeOutputs } from '../support/bridge-state.js'

let invoker: MemoryInvoker
let sleeps: number[]

const deps = (planOptions: PlanOptions = { replaceOrder: 'create-first', encoding: 'terraform' }): HostDeps => ({
  invoker: async () => E.right(invoker),
  planOptions,
  retry: DEFAULT_RETRY,
  sleep: async (ms) => {
    sleeps.push(ms)
  },
})

beforeEach(() => {
  invoker = new MemoryInvoker().registerRaw('echo', (p) => p).registerRaw('other', (p) => p)
  sleeps = []
})

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got ${JSON.stringify(e.left)}`)
  return e.right
}

const crud = { functionName: 'echo', input: '{"b":2,"a":"x"}', lifecycleScope: 'CRUD' }
const createPayload = '{"a":"x","b":2,"tf":{"action":"create","prev_input":null}}'
const PROVIDER = { __provider: 'exports.handler = __f0;' }

/** Outputs as the dynamic host stores them: ours plus the serialized provider. */
const created = async (args: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const c = right(await create(deps(), { ...args, ...PROVIDER }))
  return { ...c.outs, ...PROVIDER }
}

describe('check', () => {
  it('names a misspelt argument and the missing one it stands for', () => {
    const r = check({ functionNmae: 'echo', input: '{}', ...PROVIDER })
    expect(r.failures).toEqual([
      { property: 'functionNmae', reason: 'is not an argument; did you mean "functionName"?' },
      { property: 'functionName', reason: 'is required' },
    ])
  })

  it('gives nested paths in Pulumi property-path syntax', () => {
    const r = check({ functionName: 'echo', input: '{}', triggers: { build: 7, 'build id': true } })
    expect(r.failures).toEqual([
      { property: 'triggers.build', reason: expect.stringMatching(/must be a string, got number/) },
      { property: 'triggers["build id"]', reason: expect.stringMatching(/must be a string, got boolean/) },
    ])
  })

  it('refuses a CRUD input that already holds the lifecycle key, naming the fix', () => {
    const r = check({ ...crud, input: '{"tf":1}' })
    expect(r.failures).toEqual([{ property: 'input', reason: expect.stringMatching(/choose another terraformKey/) }])
  })

  it('passes valid arguments on unchanged, without the provider key (the host puts it back)', () => {
    expect(check({ ...crud, ...PROVIDER })).toEqual({ inputs: crud })
  })

  it('folds pulumiKey into terraformKey, and refuses two different values', () => {
    expect(check({ ...crud, pulumiKey: 'lifecycle' })).toEqual({ inputs: { ...crud, terraformKey: 'lifecycle' } })
    expect(check({ ...crud, pulumiKey: 'k1', terraformKey: 'k2' }).failures).toEqual([
      { property: 'pulumiKey', reason: expect.stringMatching(/alias of terraformKey and differs/) },
    ])
  })

  it('does not judge values a preview does not know yet', () => {
    expect(check({ ...crud, input: UNKNOWN, region: UNKNOWN }).failures).toBeUndefined()
    expect(check({ ...crud, terraformKey: 'key', pulumiKey: UNKNOWN }).failures).toBeUndefined()
    expect(check({ functionName: UNKNOWN, input: 'not json' }).failures).toEqual([{ property: 'input', reason: expect.any(String) }])
  })
})

describe('create', () => {
  it('sends the exact Terraform payload once and returns its invocation id and the state outputs', async () => {
    const r = right(await create(deps(), { ...crud, ...PROVIDER }))
    expect(invoker.received('echo').map((c) => c.payload)).toEqual([createPayload])
    expect(r.id).toBe(invocationId('echo', '$LATEST', createPayload))
    expect(r.outs).toEqual({
      functionName: 'echo',
      id: r.id,
      input: crud.input,
      lifecycleScope: 'CRUD',
      qualifier: '$LATEST',
      result: createPayload,
      terraformKey: 'tf',
      triggers: {},
    })
  })

  it('sends a CREATE_ONLY input byte for byte', async () => {
    const input = ' {"z": 1,  "a": [1.0]} '
    right(await create(deps(), { functionName: 'echo', input, tenantId: 't-1' }))
    expect(invoker.calls.map((c) => [c.call.payload, c.call.tenantId])).toEqual([[input, 't-1']])
  })

  it('fails without storing when the function fails, saying Pulumi records nothing', async () => {
    invoker.script('echo', { kind: 'functionError', errorMessage: 'table missing' })
    const r = await create(deps(), crud)
    expect(E.isLeft(r) && r.left._tag).toBe('FunctionError')
    if (E.isLeft(r)) expect(formatStepError('create', r.left)).toMatch(/^Function echo failed \(Unhandled\) while handling the create: .*table missing.*Pulumi records nothing for a failed create/s)
  })

  it('sends an invocation whose outcome is unknown only once, and says it may have run', async () => {
    invoker.script('echo', { kind: 'timeoutAfterRun' })
    const r = await create(deps(), crud)
    expect(invoker.calls).toHaveLength(1)
    expect(E.isLeft(r) && r.left._tag).toBe('InvokeFailed')
    if (E.isLeft(r)) expect(formatStepError('create', r.left)).toMatch(/may have run.*invokes it again/s)
  })

  it('retries a throttled invocation (it did not run) with backoff', async () => {
    invoker.script('echo', { kind: 'throttle', retryAfterMs: 700 }, { kind: 'throttle' })
    right(await create(deps(), crud))
    expect(invoker.calls.map((c) => c.ran)).toEqual([false, false, true])
    expect(sleeps).toEqual([700, 400])
  })

  it('gives up on throttling after the retry policy, saying the function did not run', async () => {
    invoker.script('echo', { kind: 'throttle' }, { kind: 'throttle' }, { kind: 'throttle' })
    const r = await create(deps(), crud)
    expect(invoker.calls).toHaveLength(3)
    if (E.isLeft(r)) expect(formatStepError('create', r.left)).toMatch(/could not be made after 3 attempts.*did not run/s)
    else throw new Error('expected a failure')
  })
})

describe('diff', () => {
  it('is no change for the same arguments', async () => {
    const olds = await created(crud)
    expect(right(diff(deps(), String(olds['id']), olds, { ...crud, ...PROVIDER }))).toEqual({ changes: false })
    expect(invoker.calls).toHaveLength(1)
  })

  it('is an update for a CRUD input, and for the key, scope or tenant', async () => {
    const olds = await created(crud)
    const update = { changes: true, replaces: [], stables: ['functionName', 'qualifier', 'triggers', 'region'] }
    for (const change of [{ input: '{"a":"y"}' }, { terraformKey: 'lc' }, { tenantId: 't' }, { lifecycleScope: 'CREATE_ONLY', input: crud.input }]) {
      expect(right(diff(deps(), 'id', olds, { ...crud, ...change }))).toEqual(update)
    }
  })

  it('is a replace naming the attributes that force it, create-first by default', async () => {
    const olds = await created({ ...crud, lifecycleScope: 'CREATE_ONLY' })
    const news = { functionName: 'other', input: '{"c":1}', triggers: { v: '2' } }
    expect(right(diff(deps(), 'id', olds, news))).toEqual({
      changes: true,
      replaces: ['functionName', 'input', 'triggers'],
      deleteBeforeReplace: false,
    })
  })

  it('asks Pulumi to delete first when the provider replaces delete-first', async () => {
    const olds = await created(crud)
    const d = right(diff(deps({ replaceOrder: 'delete-first' }), 'id', olds, { ...crud, functionName: 'other' }))
    expect(d).toEqual({ changes: true, replaces: ['functionName'], deleteBeforeReplace: true })
  })

  it('during a preview counts an unknown value as changed: replacing where its change replaces', async () => {
    const olds = await created(crud)
    const d = (news: Record<string, unknown>) => right(diff(deps(), 'id', olds, { ...crud, ...news }))
    expect(d({ functionName: UNKNOWN })).toMatchObject({ changes: true, replaces: ['functionName'] })
    expect(d({ triggers: { build: UNKNOWN } })).toMatchObject({ changes: true, replaces: ['triggers'] })
    expect(d({ input: UNKNOWN })).toMatchObject({ changes: true, replaces: [] })
    expect(d({ input: UNKNOWN, lifecycleScope: 'CREATE_ONLY' })).toMatchObject({ changes: true, replaces: ['input'] })
    expect(d({ tenantId: UNKNOWN, qualifier: '1' })).toMatchObject({ changes: true, replaces: ['qualifier'] })
  })

  it('reports a stored state it cannot read, and what to do about it', () => {
    const r = diff(deps(), 'id', { ...bridgeOutputs(), lifecycleScope: 'SOMETIMES' }, crud)
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(formatStepError('diff', r.left)).toMatch(/not readable:\nlifecycleScope: must be "CREATE_ONLY" or "CRUD".*pulumi state delete/s)
  })
})

describe('update', () => {
  it('sends the update with prev_input and returns the new invocation id in the outputs', async () => {
    const olds = await created(crud)
    const r = right(await update(deps(), String(olds['id']), olds, { ...crud, input: '{"a":"y"}', ...PROVIDER }))
    const payload = '{"a":"y","tf":{"action":"update","prev_input":{"a":"x","b":2}}}'
    expect(invoker.received('echo').map((c) => c.payload)).toEqual([createPayload, payload])
    expect(r.outs).toMatchObject({ id: invocationId('echo', '$LATEST', payload), input: '{"a":"y"}', result: payload })
  })

  it('fails without new outputs when the function fails, saying Pulumi keeps the old ones', async () => {
    const olds = await created(crud)
    invoker.script('echo', { kind: 'functionError', functionError: 'Handled' })
    const r = await update(deps(), 'id', olds, { ...crud, input: '{"a":"y"}' })
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(formatStepError('update', r.left)).toMatch(/failed \(Handled\) while handling the update.*keeps the outputs from before this update/s)
  })
})

describe('delete', () => {
  it('sends the delete of a CRUD state with its input as prev_input', async () => {
    const olds = await created(crud)
    right(await remove(deps(), String(olds['id']), olds))
    expect(invoker.received('echo').map((c) => c.payload)[1]).toBe('{"a":"x","b":2,"tf":{"action":"delete","prev_input":{"a":"x","b":2}}}')
  })

  it('drops a CREATE_ONLY state without invoking', async () => {
    const olds = await created({ functionName: 'echo', input: '{}' })
    right(await remove(deps(), 'id', olds))
    expect(invoker.calls).toHaveLength(1)
  })
})

describe('a state written by aws.lambda.Invocation', () => {
  const args = { functionName: 'echo', input: '{"a":"x"}', lifecycleScope: 'CRUD' }
  const olds = bridgeOutputs({ lifecycleScope: 'CRUD', payload: '{"a":"x","tf":{"action":"create","prev_input":null}}' })

  it('plans no invocation; the diff asks for one update that records the provider and invokes nothing', async () => {
    expect(right(diff(deps(), String(olds['id']), olds, { ...args, ...PROVIDER }))).toEqual({ changes: true, replaces: [] })
    const r = right(await update(deps(), String(olds['id']), olds, { ...args, ...PROVIDER }))
    expect(r.outs).toEqual(olds)
    expect(invoker.calls).toEqual([])
  })

  it('reads back as it is, and then diffs as no change', () => {
    expect(right(read(String(olds['id']), { ...olds, ...PROVIDER }))).toEqual({ id: olds['id'], props: olds })
    expect(right(diff(deps(), String(olds['id']), { ...olds, ...PROVIDER }, args))).toEqual({ changes: false })
  })

  it('is deleted with its own key and input (older states without the lifecycle attributes too)', async () => {
    right(await remove(deps(), 'id', { ...olds, ...PROVIDER }))
    const { lifecycleScope: _s, terraformKey: _k, region: _r, ...v0 } = bridgeOutputs()
    right(await remove(deps(), 'id', { ...v0, ...PROVIDER }))
    expect(invoker.received('echo').map((c) => c.payload)).toEqual(['{"a":"x","tf":{"action":"delete","prev_input":{"a":"x"}}}'])
  })
})

describe('read', () => {
  it('cannot read an invocation from its id alone', () => {
    const r = read('echo,$LATEST,0123456789abcdef0123456789abcdef', {})
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(formatStepError('read', r.left)).toMatch(/cannot be read from its id alone/)
  })
})
