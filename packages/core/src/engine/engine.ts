import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import { decodeArgs } from '../decode/args.js'
import { dataSourceId } from '../plan/id.js'
import { parseImportId } from '../plan/id.js'
import { MAX_PAYLOAD_BYTES } from '../model/limits.js'
import { exceedsBytes, utf8Length } from '../model/limits.js'
import { problem, type Problem } from '../model/problem.js'
import type { InvocationState } from '../model/types.js'
import { applyAll } from './apply-all.js'
import { applyKey } from './apply.js'
import { planFor } from './plan-for.js'
import { callOnce } from './call.js'
import { checkCall } from '../decode/call.js'
import { readCursor } from './cursor.js'
import { mergePlanOptions, resolveDeps, type Deps } from './deps.js'
import type { Engine, EngineDeps, EngineError } from './types.js'

const invalid = (key: string, problems: ReadonlyArray<Problem>): EngineError => ({ _tag: 'InvalidInput', key, problems })

const prefixed = (segment: string, problems: ReadonlyArray<Problem>): Problem[] =>
  problems.map((p) => problem([segment, ...p.path], p.message))

const importState = async (deps: Deps, key: string, id: unknown, args: unknown): Promise<Either<EngineError, InvocationState>> => {
  const parsed = parseImportId(id)
  const decoded = decodeArgs(args)
  const problems: Problem[] = [
    ...(isLeft(parsed) ? prefixed('id', parsed.left) : []),
    ...(isLeft(decoded) ? prefixed('args', decoded.left) : []),
  ]
  if (isLeft(parsed) || isLeft(decoded)) return left(invalid(key, problems))
  const fromId = parsed.right
  const resolved = decoded.right
  if (fromId.functionName !== resolved.functionName) {
    problems.push(problem(['args', 'functionName'], `is "${resolved.functionName}" but the id names "${fromId.functionName}"`))
  }
  if (fromId.qualifier !== resolved.qualifier) {
    problems.push(problem(['args', 'qualifier'], `is "${resolved.qualifier}" but the id names "${fromId.qualifier}"`))
  }
  if (fromId.region !== undefined && resolved.region !== undefined && fromId.region !== resolved.region) {
    problems.push(problem(['args', 'region'], `is "${resolved.region}" but the id names "${fromId.region}"`))
  }
  if (problems.length > 0) return left(invalid(key, problems))
  const existing = await deps.store.read(key)
  if (isLeft(existing)) return left({ _tag: 'StoreFailed', key, failure: existing.left })
  if (existing.right !== undefined) {
    const held = existing.right.record.state?.id
    const what = held === undefined ? 'a stored record (a step in progress or a state to delete)' : `a stored state (id ${held})`
    return left(invalid(key, [problem([], `already has ${what}; destroy it first or import under another key`)]))
  }
  // An id's `@region` (provider v6) says where the function is, when the arguments do not.
  const region = resolved.region ?? fromId.region
  // The result of the call that made the id is not known to an import: it is stored empty.
  const state: InvocationState = {
    schemaVersion: 1,
    ...resolved,
    ...(region === undefined ? {} : { region }),
    id: `${fromId.functionName},${fromId.qualifier},${fromId.hash}`,
    result: '',
  }
  const written = await deps.store.write(key, { schemaVersion: 1, state }, undefined)
  return isLeft(written) ? left({ _tag: 'StoreFailed', key, failure: written.left }) : right(state)
}

/**
 * Builds the apply engine from its ports. Every method returns an `Either`
 * and never throws; every step is recorded before it runs, so a crash or an
 * unknown outcome is reported on the next run instead of being redone.
 */
export const createEngine = (engineDeps: EngineDeps): Engine => {
  const deps = resolveDeps(engineDeps)
  const engine: Engine = {
    plan: async (key, desired, options) => {
      const read = await readCursor(deps, key)
      if (isLeft(read)) return read
      const { record } = read.right
      const planned = planFor(key, record.state, desired, mergePlanOptions(deps.planOptions, options))
      if (isLeft(planned)) return planned
      return right({
        key,
        plan: planned.right,
        ...(record.deposed === undefined ? {} : { deposed: record.deposed }),
        ...(record.intent === undefined ? {} : { interrupted: record.intent }),
      })
    },
    apply: (key, desired, options) => applyKey(deps, key, desired, options),
    destroy: (key, options) => applyKey(deps, key, undefined, options),
    show: async (key) => {
      const read = await readCursor(deps, key)
      if (isLeft(read)) return read
      return right(read.right.version === undefined ? undefined : read.right.record)
    },
    import: (key, id, args) => importState(deps, key, id, args),
    applyAll: (items, options) => applyAll(items, (item) => applyKey(deps, item.key, item.desired, item.options), options),
    read: async (args) => {
      const decoded = decodeArgs(args)
      if (isLeft(decoded)) return left(invalid('', decoded.left))
      const { functionName, qualifier, input, tenantId, region } = decoded.right
      if (exceedsBytes(input, MAX_PAYLOAD_BYTES)) {
        return left(invalid('', [problem(['input'], `is ${utf8Length(input)} bytes; Lambda takes at most ${MAX_PAYLOAD_BYTES}`)]))
      }
      const call = { functionName, qualifier, payload: input, ...(tenantId === undefined ? {} : { tenantId }), ...(region === undefined ? {} : { region }) }
      const answered = await callOnce(deps, '', call)
      if (isLeft(answered)) return answered
      return right({ id: dataSourceId(functionName, qualifier, input), result: answered.right.payload, response: answered.right })
    },
    invoke: async (call) => {
      const checked = checkCall(call)
      if (isLeft(checked)) return left(invalid('', checked.left))
      return callOnce(deps, '', checked.right)
    },
  }
  return engine
}
