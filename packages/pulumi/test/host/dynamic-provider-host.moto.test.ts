/**
 * The default provider (the AWS adapter's Lambda invoker, built inside the
 * host) in Pulumi's own dynamic provider host, against moto's Lambda: moto
 * echoes each payload back as the result. A recording proxy between the host
 * and moto shows the bytes each step sent, and that each step sent one request.
 */
import * as pulumi from '@pulumi/pulumi'
import { invocationId } from '@lambda-invocation/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEchoFunction, createRole, motoEndpoint, motoLambdaClient, MOTO_REGION, uniqueName } from '../../../aws-adapter/test/support/moto.js'
import { makeProvider } from '../../src/provider.js'
import { requireBuiltPackage } from '../support/built.js'
import { startProviderHost, type ProviderHost } from '../support/provider-host.js'
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js'

const fn = uniqueName('pulumi-echo')
const other = uniqueName('pulumi-other')

let host: ProviderHost
let proxy: RecordingProxy
let provider: { __provider: string }

beforeAll(async () => {
  requireBuiltPackage()
  const role = await createRole(uniqueName('pulumi-role'))
  await createEchoFunction(motoLambdaClient(), fn, role)
  await createEchoFunction(motoLambdaClient(), other, role)
  proxy = await startRecordingProxy(motoEndpoint())
  const made = makeProvider()
  provider = { __provider: (await pulumi.runtime.serializeFunction(() => made, { allowSecrets: true })).text }
  // The SDK's standard chain in the host: credentials, region and (as for LocalStack) the endpoint from the environment.
  host = await startProviderHost({
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: MOTO_REGION,
    AWS_ENDPOINT_URL_LAMBDA: proxy.endpoint,
    AWS_PROFILE: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  })
}, 60_000)

afterAll(async () => {
  await host?.stop()
  await proxy?.close()
})

beforeEach(() => proxy.clear())

const crud = () => ({ functionName: fn, input: '{"rows":[1,2],"table":"users"}', lifecycleScope: 'CRUD' })
const createPayload = '{"rows":[1,2],"table":"users","tf":{"action":"create","prev_input":null}}'

describe("Pulumi's dynamic provider host, with the AWS adapter against moto", () => {
  it('answers a typo in an argument with a check failure naming it, and sends nothing', async () => {
    const r = await host.check({ ...crud(), qualifer: '1', ...provider })
    expect(r.failures).toEqual([{ property: 'qualifer', reason: 'is not an argument; did you mean "qualifier"?' }])
    expect(proxy.invokes()).toEqual([])
  })

  it('creates with one request carrying the exact Terraform payload, under the invocation id', async () => {
    const r = await host.create({ ...crud(), ...provider })
    expect(proxy.invokes()).toEqual([{ functionName: fn, qualifier: '$LATEST', invocationType: 'RequestResponse', region: MOTO_REGION, payload: createPayload }])
    expect(r.id).toBe(invocationId(fn, '$LATEST', createPayload))
    expect(r.properties).toMatchObject({ id: r.id, result: createPayload, lifecycleScope: 'CRUD', terraformKey: 'tf' })
  })

  it('diffs an input change as an update, which sends prev_input', async () => {
    const { id, properties: olds } = await host.create({ ...crud(), ...provider })
    const news = { ...crud(), input: '{"table":"orders"}', ...provider }
    expect(await host.diff(id, olds, news)).toEqual({ changes: 'some', replaces: [], deleteBeforeReplace: false })
    const r = await host.update(id, olds, news)
    const payload = '{"table":"orders","tf":{"action":"update","prev_input":{"rows":[1,2],"table":"users"}}}'
    expect(proxy.invokes().map((i) => i.payload)).toEqual([createPayload, payload])
    expect(r.properties).toMatchObject({ id: invocationId(fn, '$LATEST', payload), result: payload })
  })

  it('diffs a functionName change as a replace naming it, and no change as none, sending nothing', async () => {
    const { id, properties: olds } = await host.create({ ...crud(), ...provider })
    proxy.clear()
    expect(await host.diff(id, olds, { ...crud(), functionName: other, ...provider })).toEqual({
      changes: 'some',
      replaces: ['functionName'],
      deleteBeforeReplace: false,
    })
    expect(await host.diff(id, olds, { ...crud(), ...provider })).toMatchObject({ changes: 'none' })
    expect(proxy.invokes()).toEqual([])
  })

  it('deletes with one request carrying the delete action', async () => {
    const { id, properties } = await host.create({ ...crud(), ...provider })
    await host.delete(id, properties)
    expect(proxy.invokes().map((i) => i.payload)).toEqual([
      createPayload,
      '{"rows":[1,2],"table":"users","tf":{"action":"delete","prev_input":{"rows":[1,2],"table":"users"}}}',
    ])
  })

  it('sends a call with a region argument through a client for that region, and keeps the region', async () => {
    const r = await host.create({ functionName: fn, input: '{}', region: 'eu-west-1', ...provider })
    await host.create({ functionName: fn, input: '{}', ...provider })
    expect(proxy.invokes().map((i) => i.region)).toEqual(['eu-west-1', MOTO_REGION])
    expect(r.properties).toMatchObject({ region: 'eu-west-1', result: '{}' })
  })
})
