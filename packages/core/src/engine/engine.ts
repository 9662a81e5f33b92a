/**
 * The engine: its deps checked once, each method's input checked, then a
 * change planned from one read and run exactly as planned. Also the calls
 * that plan nothing: show, import, the data source and the imperative invoke.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeArgs } from '../decode/args.js'
import { decodeState } from '../decode/state.js'
import { checkCall } from '../decode/call.js'
import { isRecord } from '../decode/describe.js'
import { exceedsBytes, MAX_PAYLOAD_BYTES, utf8Length } from '../model/limits.js'
import { problem, type Problem } from '../model/problem.js'
import type { InvocationState } from '../model/types.js'
import { dataSourceId, parseImportId } from '../plan/id.js'
import { applyItems } from './apply-all.js'
import {
  decodeAllOptions,
  decodeApplyChangeOptions,
  decodeApplyOptions,
  decodeChange,
  decodeDeps,
  decodeItems,
  decodeKey,
  decodePlanOptions,
  invalid,
  type Deps,
} from './inputs.js'
import { planChange, readUnmoved } from './planned-change.js'
import { readCursor } from './record-ops.js'
import { callOnce } from './retry.js'
import { runChange } from './run-steps.js'
import type { Applied, Engine, EngineDeps, EngineError } from './types.js'

const prefixed = (segment: string, problems: ReadonlyArray<Problem>): Problem[] => problems.map((p) => problem([segment, ...p.path], p.message))

const importState = async (deps: Deps, key: string, id: unknown, args: unknown): Promise<E.Either<EngineError, InvocationState>> => {
  const parsed = parseImportId(id)
  const decoded = decodeArgs(args)
  const problems: Problem[] = [...(E.isLeft(parsed) ? prefixed('id', parsed.left) : []), ...(E.isLeft(decoded) ? prefixed('args', decoded.left) : [])]
  if (E.isLeft(parsed) || E.isLeft(decoded)) return E.left(invalid(key, problems))
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
  if (problems.length > 0) return E.left(invalid(key, problems))
  // An id's `@region` (provider v6) says where the function is, when the arguments do not.
  const region = resolved.region ?? fromId.region
  // The result of the call that made the id is not known to an import: it is stored empty.
  return storeNew(deps, key, {
    schemaVersion: 1,
    ...resolved,
    ...(region === undefined ? {} : { region }),
    id: `${fromId.functionName},${fromId.qualifier},${fromId.hash}`,
    result: '',
  })
}

/** Stores `state` as the record of a key that has none (compare-and-set on there being none), or says what the key holds. */
const storeNew = async (deps: Deps, key: string, state: InvocationState): Promise<E.Either<EngineError, InvocationState>> => {
  const existing = await deps.store.read(key)
  if (E.isLeft(existing)) return E.left({ _tag: 'StoreFailed', key, failure: existing.left })
  if (existing.right !== undefined) {
    const held = existing.right.record.state?.id
    const what = held === undefined ? 'a stored record (a step in progress or a state to delete)' : `a stored state (id ${held})`
    return E.left(invalid(key, [problem([], `already has ${what}; destroy it first or import under another key`)]))
  }
  const written = await deps.store.write(key, { schemaVersion: 1, state }, undefined)
  return E.isLeft(written) ? E.left({ _tag: 'StoreFailed', key, failure: written.left }) : E.right(state)
}

/** A whole state from elsewhere (ours, or a Terraform instance's), stored as it decodes: its id and result kept. */
const adoptState = async (deps: Deps, key: string, state: unknown): Promise<E.Either<EngineError, InvocationState>> => {
  const decoded = decodeState(state)
  return E.isLeft(decoded) ? E.left(invalid(key, decoded.left)) : storeNew(deps, key, decoded.right)
}

/** Plans `desired` for `key` and runs that change: one read, one plan. */
const applyKey = async (deps: Deps, key: unknown, desired: unknown, options: unknown): Promise<E.Either<EngineError, Applied>> => {
  const k = decodeKey(key)
  if (E.isLeft(k)) return k
  const call = decodeApplyOptions(k.right, options)
  if (E.isLeft(call)) return call
  const planned = await planChange(deps, k.right, desired, call.right)
  if (E.isLeft(planned)) return planned
  const { signal } = call.right
  const done = await runChange({ deps, change: planned.right.change, ...(signal === undefined ? {} : { signal }) }, planned.right.cursor)
  return E.isLeft(done) ? done : E.right(done.right.applied)
}

/** Runs a change planned before, once its record is seen not to have moved. */
const applyPlanned = async (deps: Deps, u: unknown, options: unknown): Promise<E.Either<EngineError, Applied>> => {
  const change = decodeChange(u)
  if (E.isLeft(change)) return change
  const call = decodeApplyChangeOptions(change.right.key, options)
  if (E.isLeft(call)) return call
  const read = await readUnmoved(deps, change.right)
  if (E.isLeft(read)) return read
  const { signal } = call.right
  const done = await runChange({ deps, change: change.right, ...(signal === undefined ? {} : { signal }) }, read.right)
  return E.isLeft(done) ? done : E.right(done.right.applied)
}

/** The key a call names, when it names one, for the error of bad deps. */
const keyOf = (u: unknown): string => (typeof u === 'string' ? u : '')

/** An engine whose every method answers the problems of its deps. */
const refusing = (problems: ReadonlyArray<Problem>): Engine => {
  const no = (key: unknown) => Promise.resolve(E.left(invalid(keyOf(key), problems)))
  return {
    plan: no,
    apply: no,
    destroy: no,
    show: no,
    import: no,
    adopt: no,
    applyAll: () => no(''),
    read: () => no(''),
    invoke: () => no(''),
  }
}

/**
 * Builds the apply engine from its ports. Every method returns an `Either`
 * and never throws; every step is recorded before it runs, so a crash or an
 * unknown outcome is reported on the next run instead of being redone.
 * Malformed deps do not throw either: every method then answers them, as an
 * `InvalidInput` at `deps.…`.
 */
export const createEngine = (engineDeps: EngineDeps): Engine => {
  const decoded = decodeDeps(engineDeps)
  if (E.isLeft(decoded)) return refusing(decoded.left)
  const deps = decoded.right
  return {
    plan: async (key, desired, options) => {
      const k = decodeKey(key)
      if (E.isLeft(k)) return k
      const call = decodePlanOptions(k.right, options)
      if (E.isLeft(call)) return call
      const planned = await planChange(deps, k.right, desired, call.right)
      return E.isLeft(planned) ? planned : E.right(planned.right.change)
    },
    apply: (first: unknown, second?: unknown, third?: unknown) => {
      if (typeof first === 'string') return applyKey(deps, first, second, third)
      if (isRecord(first)) return applyPlanned(deps, first, second)
      return Promise.resolve(E.left(invalid('', [problem([], `apply takes a key and the desired arguments, or a planned change; got ${first === null ? 'null' : typeof first}`)])))
    },
    destroy: (key, options) => applyKey(deps, key, undefined, options),
    show: async (key) => {
      const k = decodeKey(key)
      if (E.isLeft(k)) return k
      const read = await readCursor(deps, k.right)
      if (E.isLeft(read)) return read
      return E.right(read.right.version === undefined ? undefined : read.right.record)
    },
    import: async (key, id, args) => {
      const k = decodeKey(key)
      return E.isLeft(k) ? k : importState(deps, k.right, id, args)
    },
    adopt: async (key, state) => {
      const k = decodeKey(key)
      return E.isLeft(k) ? k : adoptState(deps, k.right, state)
    },
    applyAll: async (items, options) => {
      const checked = decodeItems(items)
      const opts = decodeAllOptions(options)
      if (E.isLeft(checked) || E.isLeft(opts)) return E.left(invalid('', [...(E.isLeft(checked) ? checked.left : []), ...(E.isLeft(opts) ? opts.left : [])]))
      return E.right(await applyItems(deps, checked.right, opts.right))
    },
    read: async (args) => {
      const decoded = decodeArgs(args)
      if (E.isLeft(decoded)) return E.left(invalid('', decoded.left))
      const { functionName, qualifier, input, tenantId, region } = decoded.right
      if (exceedsBytes(input, MAX_PAYLOAD_BYTES)) {
        return E.left(invalid('', [problem(['input'], `is ${utf8Length(input)} bytes; Lambda takes at most ${MAX_PAYLOAD_BYTES}`)]))
      }
      const call = { functionName, qualifier, payload: input, ...(tenantId === undefined ? {} : { tenantId }), ...(region === undefined ? {} : { region }) }
      const answered = await callOnce(deps, '', call)
      if (E.isLeft(answered)) return answered
      return E.right({ id: dataSourceId(functionName, qualifier, input), result: answered.right.payload, response: answered.right })
    },
    invoke: async (call) => {
      const checked = checkCall(call)
      if (E.isLeft(checked)) return E.left(invalid('', checked.left))
      return callOnce(deps, '', checked.right)
    },
  }
}
