/**
 * Outputs as `aws.lambda.Invocation` keeps them in a stack: the Terraform
 * attributes in camelCase, `id` among them, the bridge's `__meta` with the
 * schema version, and `null` for attributes never set. Built from those
 * conventions (the bridge's), not copied from a real stack.
 */
import { invocationId } from '@lambda-invocation/core'

export interface BridgeFields {
  readonly functionName?: string
  readonly input?: string
  readonly lifecycleScope?: 'CREATE_ONLY' | 'CRUD'
  readonly payload?: string
  readonly result?: string
}

export const bridgeOutputs = (f: BridgeFields = {}): Record<string, unknown> => {
  const functionName = f.functionName ?? 'echo'
  const input = f.input ?? '{"a":"x"}'
  return {
    __meta: '{"schema_version":"1"}',
    functionName,
    id: invocationId(functionName, '$LATEST', f.payload ?? input),
    input,
    lifecycleScope: f.lifecycleScope ?? 'CREATE_ONLY',
    qualifier: '$LATEST',
    region: 'us-east-1',
    result: f.result ?? '{"ok":true}',
    tenantId: null,
    terraformKey: 'tf',
    triggers: null,
  }
}
