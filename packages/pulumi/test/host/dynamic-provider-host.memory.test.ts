/**
 * The provider as Pulumi runs it: serialized the way `Invocation`'s
 * constructor serializes it, rebuilt by Pulumi's own dynamic provider host in
 * another process, and driven over gRPC. The invoker is a memory adapter in a
 * module the host loads; it journals every call it gets.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as pulumi from '@pulumi/pulumi'
import { invocationId } from '@lambda-invocation/core'
import type { InvokeCall } from '@lambda-invocation/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { UNKNOWN } from '../../src/host/unknowns.js'
import { makeProvider, type ProviderOptions } from '../../src/provider.js'
import { bridgeOutputs } from '../support/bridge-state.js'
import { requireBuiltPackage } from '../support/built.js'
import { SUPPORT_DIR, startProviderHost, type HostError, type ProviderHost } from '../support/provider-host.js'

const invoker = { module: join(SUPPORT_DIR, 'memory-invoker.mjs') }

/** The provider's text as `pulumi.dynamic.Resource`'s constructor makes it for `__provider`. */
const serialize = async (options: ProviderOptions): Promise<string> => {
  const made = makeProvider(options)
  return (await pulumi.runtime.serializeFunction(() => made, { allowSecrets: true })).text
}

let host: ProviderHost
let journal: string
let provider: { __provider: string }

beforeAll(async () => {
  requireBuiltPackage()
  journal = join(mkdtempSync(join(tmpdir(), 'li-pulumi-journal-')), 'calls.jsonl')
  provider = { __provider: await serialize({ invoker }) }
  host = await startProviderHost({ LI_PULUMI_JOURNAL: journal })
}, 60_000)

afterAll(async () => {
  await host?.stop()
})

beforeEach(() => writeFileSync(journal, ''))

const calls = (): InvokeCall[] =>
  readFileSync(journal, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as InvokeCall)

const failure = async (p: Promise<unknown>): Promise<HostError> => {
  try {
    await p
  } catch (e) {
    return e as HostError
  }
  throw new Error('expected the host to answer with an error')
}

const crud = { functionName: 'echo', input: '{"b":2,"a":"x"}', lifecycleScope: 'CRUD' }
const createPayload = '{"a":"x","b":2,"tf":{"action":"create","prev_input":null}}'

describe("Pulumi's dynamic provider host, with a memory invoker", () => {
  it('answers a typo in an argument with a check failure naming it, and invokes nothing', async () => {
    const r = await host.check({ functionNmae: 'echo', input: '{}', ...provider })
    expect(r.failures).toEqual([
      { property: 'functionNmae', reason: 'is not an argument; did you mean "functionName"?' },
      { property: 'functionName', reason: 'is required' },
    ])
    expect(calls()).toEqual([])
  })

  it('checks valid arguments into the inputs Pulumi stores (pulumiKey folded into terraformKey)', async () => {
    const r = await host.check({ ...crud, pulumiKey: 'lc', ...provider })
    expect(r).toEqual({ inputs: { ...crud, terraformKey: 'lc', ...provider }, failures: [] })
  })

  it('creates with the exact Terraform payload, once, under the invocation id', async () => {
    const r = await host.create({ ...crud, ...provider })
    expect(calls()).toEqual([{ functionName: 'echo', qualifier: '$LATEST', payload: createPayload, lifecycle: 'create' }])
    expect(r.id).toBe(invocationId('echo', '$LATEST', createPayload))
    expect(r.properties).toEqual({
      functionName: 'echo',
      id: r.id,
      input: crud.input,
      lifecycleScope: 'CRUD',
      qualifier: '$LATEST',
      result: createPayload,
      terraformKey: 'tf',
      triggers: {},
      ...provider,
    })
  })

  it('diffs an input change as an update, which sends prev_input and gives the new id', async () => {
    const { id, properties: olds } = await host.create({ ...crud, ...provider })
    const news = { ...crud, input: '{"a":"y"}', ...provider }
    expect(await host.diff(id, olds, news)).toEqual({ changes: 'some', replaces: [], deleteBeforeReplace: false })
    const r = await host.update(id, olds, news)
    const payload = '{"a":"y","tf":{"action":"update","prev_input":{"a":"x","b":2}}}'
    expect(calls().map((c) => [c.lifecycle, c.payload])).toEqual([
      ['create', createPayload],
      ['update', payload],
    ])
    expect(r.properties).toMatchObject({ id: invocationId('echo', '$LATEST', payload), input: '{"a":"y"}', result: payload })
  })

  it('diffs a functionName change as a replace naming it, create-first; and no change as none', async () => {
    const { id, properties: olds } = await host.create({ ...crud, ...provider })
    expect(await host.diff(id, olds, { ...crud, functionName: 'other', ...provider })).toEqual({
      changes: 'some',
      replaces: ['functionName'],
      deleteBeforeReplace: false,
    })
    expect(await host.diff(id, olds, { ...crud, ...provider })).toEqual({ changes: 'none', replaces: [], deleteBeforeReplace: false })
    expect(calls()).toHaveLength(1)
  })

  it('runs a replace delete-first when the provider says so', async () => {
    const deleteFirst = { __provider: await serialize({ invoker, replaceOrder: 'delete-first' }) }
    const { id, properties: olds } = await host.create({ ...crud, ...deleteFirst })
    const d = await host.diff(id, olds, { ...crud, qualifier: '1', ...deleteFirst })
    expect(d).toEqual({ changes: 'some', replaces: ['qualifier'], deleteBeforeReplace: true })
  })

  it('deletes with the delete action and the stored input as prev_input', async () => {
    const { id, properties } = await host.create({ ...crud, ...provider })
    await host.delete(id, properties)
    expect(calls().map((c) => [c.lifecycle, c.payload])).toEqual([
      ['create', createPayload],
      ['delete', '{"a":"x","b":2,"tf":{"action":"delete","prev_input":{"a":"x","b":2}}}'],
    ])
  })

  it('fails a create whose function fails with a readable error, and no partial resource for Pulumi to store', async () => {
    const e = await failure(host.create({ ...crud, functionName: 'fails', ...provider }))
    expect(e.details).toMatch(/^Function fails failed \(Unhandled\) while handling the create: .*the seed table is missing.*Pulumi records nothing/s)
    expect(e.initFailed).toBe(false)
  })

  it('fails an update whose function fails, so Pulumi keeps the outputs it had', async () => {
    const olds: Record<string, unknown> = { ...bridgeOutputs({ functionName: 'fails', lifecycleScope: 'CRUD' }), ...provider }
    const e = await failure(host.update(String(olds['id']), olds, { ...crud, functionName: 'fails', input: '{"a":"y"}', ...provider }))
    expect(e.details).toMatch(/failed \(Unhandled\) while handling the update.*keeps the outputs from before this update/s)
    expect(e.initFailed).toBe(false)
    expect(calls().map((c) => c.lifecycle)).toEqual(['update'])
  })

  it('after a failed update, proposes the same update again, and runs it with the same payload', async () => {
    const flaky = { ...crud, functionName: 'flaky' }
    const { id, properties: olds } = await host.create({ ...flaky, ...provider })
    const news = { ...flaky, input: '{"a":"y"}', ...provider }
    expect((await failure(host.update(id, olds, news))).details).toMatch(/the database was busy/)
    // Pulumi kept `olds`: the next run diffs from them again.
    expect(await host.diff(id, olds, news)).toMatchObject({ changes: 'some', replaces: [] })
    await host.update(id, olds, news)
    const updates = calls().filter((c) => c.lifecycle === 'update').map((c) => c.payload)
    expect(updates).toEqual([updates[0], updates[0]])
    expect(updates[0]).toBe('{"a":"y","tf":{"action":"update","prev_input":{"a":"x","b":2}}}')
  })

  it('sends an invocation whose answer never came once, and says it may have run', async () => {
    const e = await failure(host.create({ ...crud, functionName: 'lost', ...provider }))
    expect(e.details).toMatch(/got no answer.*The function may have run; Pulumi records nothing for a failed create/s)
    expect(calls()).toHaveLength(1)
  })

  it('takes over the state of an aws.lambda.Invocation: read as it is, one update that invokes nothing', async () => {
    const args = { functionName: 'echo', input: '{"a":"x"}', lifecycleScope: 'CRUD' }
    const olds = bridgeOutputs({ lifecycleScope: 'CRUD', payload: '{"a":"x","tf":{"action":"create","prev_input":null}}' })
    const id = String(olds['id'])
    // Pulumi's engine diffs with the new inputs, which carry the provider; the old outputs do not yet.
    expect(await host.diff(id, olds, { ...args, ...provider })).toEqual({ changes: 'some', replaces: [], deleteBeforeReplace: false })
    const updated = await host.update(id, olds, { ...args, ...provider })
    expect(updated.properties).toEqual({ ...olds, ...provider })
    expect(await host.read(id, updated.properties)).toEqual({ id, properties: updated.properties })
    expect(await host.diff(id, updated.properties, { ...args, ...provider })).toMatchObject({ changes: 'none' })
    expect(calls()).toEqual([])
  })

  it('during a preview, judges no unknown value and diffs one that may replace as a replace', async () => {
    const { id, properties: olds } = await host.create({ ...crud, ...provider })
    const news = { ...crud, functionName: UNKNOWN, input: UNKNOWN, ...provider }
    expect((await host.check(news)).failures).toEqual([])
    expect(await host.diff(id, olds, news)).toEqual({ changes: 'some', replaces: ['functionName'], deleteBeforeReplace: false })
    expect(calls()).toHaveLength(1)
  })
})
