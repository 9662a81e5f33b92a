import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeState } from '../../src/decode/state.js'

// Written out, not built by a codec: the decoder is what is under test.
const own = {
  schemaVersion: 1 as const,
  id: 'fn,$LATEST,0123456789abcdef0123456789abcdef',
  functionName: 'fn',
  input: '{"a":1}',
  qualifier: '$LATEST',
  triggers: { t: '1' },
  lifecycleScope: 'CRUD',
  terraformKey: 'tf',
  result: '{"ok":true}',
}

describe('decodeState', () => {
  it('reads our own state as it is', () => {
    expect(decodeState(own)).toEqual(E.right(own))
    expect(decodeState({ ...own, tenantId: 't', region: 'eu-west-1' })).toEqual(E.right({ ...own, tenantId: 't', region: 'eu-west-1' }))
    expect(decodeState({ ...own, tenantId: null, triggers: null })).toEqual(E.right({ ...own, triggers: {} }))
  })

  it('reads Terraform attributes of schema 1, with ids using either separator', () => {
    const attributes = {
      id: 'fn_$LATEST_0123456789abcdef0123456789abcdef',
      function_name: 'fn',
      input: '{"a":1}',
      qualifier: '$LATEST',
      triggers: null,
      lifecycle_scope: 'CRUD',
      terraform_key: 'tf',
      tenant_id: null,
      region: 'us-east-1',
      result: '{"ok":true}',
    }
    const expected = { ...own, id: attributes.id, triggers: {}, region: 'us-east-1' }
    expect(decodeState(attributes)).toEqual(E.right(expected))
    expect(decodeState({ schema_version: 1, attributes, sensitive_attributes: [], private: 'eyJ..' })).toEqual(E.right(expected))
  })

  it('upgrades schema 0 by filling CREATE_ONLY and tf', () => {
    const v0 = { id: 'fn,1,0123456789abcdef0123456789abcdef', function_name: 'fn', input: '{}', qualifier: '1', triggers: { a: 'b' }, result: 'r' }
    const expected = { schemaVersion: 1, id: v0.id, functionName: 'fn', input: '{}', qualifier: '1', triggers: { a: 'b' }, lifecycleScope: 'CREATE_ONLY', terraformKey: 'tf', result: 'r' }
    expect(decodeState({ schema_version: 0, attributes: v0 })).toEqual(E.right(expected))
    expect(decodeState(v0)).toEqual(E.right(expected))
    expect(decodeState({ schema_version: 0, attributes: { ...v0, qualifier: null } })).toEqual(E.right({ ...expected, qualifier: '$LATEST' }))
  })

  it('keeps the lifecycle_scope and terraform_key of a schema 0 state written by provider 5.1 to 5.83', () => {
    // Those versions added both arguments without raising the schema version; the provider's upgrader fills only what is null.
    const v0 = { id: 'fn_$LATEST_0123456789abcdef0123456789abcdef', function_name: 'fn', input: '{}', qualifier: '$LATEST', triggers: null, result: 'r' }
    const crudV0 = { ...v0, lifecycle_scope: 'CRUD', terraform_key: 'lifecycle' }
    expect(decodeState({ schema_version: 0, attributes: crudV0 })).toEqual(
      E.right({ schemaVersion: 1, id: v0.id, functionName: 'fn', input: '{}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CRUD', terraformKey: 'lifecycle', result: 'r' }),
    )
    expect(decodeState({ schema_version: 0, attributes: { ...crudV0, lifecycle_scope: null } })).toEqual(
      E.right(expect.objectContaining({ lifecycleScope: 'CREATE_ONLY', terraformKey: 'lifecycle' })),
    )
  })

  it('reads the instance of a whole Terraform state file', () => {
    const tfstate = {
      version: 4,
      terraform_version: '1.9.5',
      serial: 7,
      lineage: '5f0c1f7e-0000-4000-8000-000000000000',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'aws_lambda_invocation',
          name: 'seed',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [
            {
              schema_version: 1,
              attributes: {
                function_name: 'seed-db',
                id: 'seed-db,$LATEST,b5e7c1ef0d6a8b1f0d6f6e1c2f6a9f3d',
                input: '{"table":"users"}',
                lifecycle_scope: 'CRUD',
                qualifier: '$LATEST',
                region: 'eu-west-1',
                result: '{"rows":3}',
                tenant_id: null,
                terraform_key: 'tf',
                triggers: { redeploy: 'v2' },
              },
              sensitive_attributes: [],
              identity_schema_version: 0,
              private: 'bnVsbA==',
              dependencies: ['aws_lambda_function.seed'],
            },
          ],
        },
      ],
      check_results: null,
    }
    expect(decodeState(tfstate.resources[0]?.instances[0])).toEqual(
      E.right({
        schemaVersion: 1,
        id: 'seed-db,$LATEST,b5e7c1ef0d6a8b1f0d6f6e1c2f6a9f3d',
        functionName: 'seed-db',
        input: '{"table":"users"}',
        qualifier: '$LATEST',
        triggers: { redeploy: 'v2' },
        lifecycleScope: 'CRUD',
        terraformKey: 'tf',
        region: 'eu-west-1',
        result: '{"rows":3}',
      }),
    )
  })

  it('is not fooled by what is not a state', () => {
    expect(decodeState('state')).toEqual(E.left([{ path: [], message: 'a state must be an object, got string' }]))
    expect(decodeState({})).toEqual(
      E.left([
        { path: ['schemaVersion'], message: 'must be 1, got nothing' },
        { path: ['id'], message: 'is required' },
        { path: ['functionName'], message: 'is required' },
        { path: ['input'], message: 'is required' },
        { path: ['qualifier'], message: 'is required' },
        { path: ['lifecycleScope'], message: 'is required' },
        { path: ['terraformKey'], message: 'is required' },
        { path: ['result'], message: 'is required' },
      ]),
    )
    expect(decodeState({ ...own, schemaVersion: 2, extra: 1 })).toEqual(
      E.left([
        { path: ['extra'], message: 'is not a state field (known: schemaVersion, id, functionName, input, qualifier, triggers, lifecycleScope, terraformKey, tenantId, region, result)' },
        { path: ['schemaVersion'], message: 'must be 1, got 2' },
      ]),
    )
    expect(decodeState({ schema_version: 7, attributes: {} })).toEqual(
      E.left([{ path: ['schema_version'], message: 'must be 0 or 1 (the schema versions of aws_lambda_invocation), got 7' }]),
    )
    expect(decodeState({ attributes: { function_name: 'fn', input: 1, id: 'x', lifecyle_scope: 'CRUD' } })).toEqual(
      E.left([
        { path: ['attributes', 'lifecyle_scope'], message: 'is not an attribute of aws_lambda_invocation; did you mean "lifecycle_scope"?' },
        { path: ['attributes', 'input'], message: 'must be a string, got number' },
      ]),
    )
  })
})
