/**
 * What the engine takes in, checked like the arguments: its deps (ports and
 * settings), each method's options, `applyAll`'s items, resource keys. Values
 * that are more than data (ports, callbacks, signals) are read one level by
 * the safe reader and kept; data is copied by it and decoded by codecs.
 * Unknown and missing keys are typed problems with a path and "did you mean".
 * The ports come out wrapped: they never throw, and their answers have the
 * shape the port promises (a broken answer is the failure it amounts to).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { PlannedChangeCodec, ResolutionStruct } from '../decode/change.js'
import { checkedNumber, NonEmptyString, oneOf, readable, shallow, strict, wholeNumber, type Field, type StrictSpec } from '../decode/codec.js'
import { describeThrown, describeType, isRecord } from '../decode/describe.js'
import { PLAN_OPTION_FIELDS, PlanOptionsStruct } from '../decode/options.js'
import { decodeRecord, HolderCodec } from '../decode/record.js'
import { readOwn } from '../decode/read.js'
import { reportProblems } from '../decode/reporter.js'
import type { PlannedChange, Resolution } from '../model/change.js'
import { problem, type PathSegment, type Problem } from '../model/problem.js'
import type { Holder } from '../model/record.js'
import type { PlanOptions, ResolvedPlanOptions } from '../model/types.js'
import type { InvokeFailure, InvokeResponse, Invoker } from '../ports/invoker.js'
import type { StateStore, StoreFailure } from '../ports/state-store.js'
import type { ClaimedMode, EngineError, Progress, RetryPolicy } from './types.js'

// ---- signals and callbacks

const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')?.get

/**
 * Whether a signal the codec let in has aborted. Read through the native
 * getter: a genuine signal cannot be made to throw here, whatever its
 * prototype was changed to.
 */
export const isAborted = (signal: AbortSignal | undefined): boolean => {
  if (signal === undefined) return false
  try {
    return (nativeAborted === undefined ? signal.aborted : nativeAborted.call(signal)) === true
  } catch {
    return true
  }
}

/** A genuine `AbortSignal` (a proxy of one, or a look-alike, is refused). */
const SignalCodec = new t.Type<AbortSignal, AbortSignal, unknown>(
  'AbortSignal',
  (u): u is AbortSignal => u instanceof AbortSignal,
  (u, c) => {
    try {
      if (nativeAborted !== undefined) nativeAborted.call(u)
      else if (!(u instanceof AbortSignal)) throw new TypeError('not a signal')
      return t.success(u as AbortSignal)
    } catch {
      return t.failure(u, c, `must be an AbortSignal, got ${describeType(u)}`)
    }
  },
  (a) => a,
)

const FunctionCodec = new t.Type<(...args: never[]) => unknown, (...args: never[]) => unknown, unknown>(
  'Function',
  (u): u is (...args: never[]) => unknown => typeof u === 'function',
  (u, c) => (typeof u === 'function' ? t.success(u as (...args: never[]) => unknown) : t.failure(u, c, `must be a function, got ${describeType(u)}`)),
  (a) => a,
)

// ---- ports

/** A clock whose `now` says when it could not tell the time, rather than throwing. */
export interface SafeClock {
  now(): E.Either<string, Date>
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

type Methods = Readonly<Record<string, (...args: never[]) => unknown>>

/** A port: an object with the named methods, taken once and called on it; `wrap` guards them. */
const port = <P>(name: string, methods: ReadonlyArray<string>, wrap: (self: object, fns: Methods) => P): t.Type<P, P, unknown> =>
  new t.Type<P, P, unknown>(
    name,
    (_u): _u is P => false,
    (u, c) => {
      if (u === null || (typeof u !== 'object' && typeof u !== 'function')) {
        return t.failure(u, c, `must be ${name === 'Invoker' ? 'an' : 'a'} ${name}, an object with ${methods.map((m) => `${m}()`).join(', ')}; got ${describeType(u)}`)
      }
      const errors: t.ValidationError[] = []
      const fns: Record<string, (...args: never[]) => unknown> = {}
      for (const m of methods) {
        let f: unknown
        try {
          f = (u as Record<string, unknown>)[m]
        } catch (e) {
          errors.push({ value: undefined, context: t.appendContext(c, m, t.unknown, undefined), message: `could not be read: ${describeThrown(e)}` })
          continue
        }
        if (typeof f === 'function') fns[m] = f as (...args: never[]) => unknown
        else errors.push({ value: f, context: t.appendContext(c, m, t.unknown, f), message: `must be a function (the ${name}'s ${m}), got ${describeType(f)}` })
      }
      return errors.length > 0 ? t.failures(errors) : t.success(wrap(u, fns))
    },
    (a) => a,
  )

const call = async (self: object, f: ((...args: never[]) => unknown) | undefined, args: ReadonlyArray<unknown>): Promise<E.Either<unknown, unknown>> => {
  try {
    return E.right(await (f as (...a: unknown[]) => unknown).apply(self, [...args]))
  } catch (e) {
    return E.left(e)
  }
}

/** Reads a port's answer as an Either, or says what it was instead. Never throws. */
const asEither = (u: unknown): E.Either<unknown, unknown> | string => {
  try {
    if (!isRecord(u)) return `not an Either (${describeType(u)})`
    if (u['_tag'] === 'Left') return E.left(u['left'])
    if (u['_tag'] === 'Right') return E.right(u['right'])
    return 'not an Either (no _tag Left or Right)'
  } catch (e) {
    return `unreadable (${describeThrown(e)})`
  }
}

const STORE_TAGS: ReadonlySet<unknown> = new Set(['Conflict', 'Unavailable', 'Corrupt'])

const unavailable = (key: string, message: string): StoreFailure => ({ _tag: 'Unavailable', key, message })

/** A store's failure as it is when it is one, else `Unavailable` saying what came. */
const storeFailure = (key: string, op: string, u: unknown): StoreFailure => {
  try {
    if (isRecord(u) && STORE_TAGS.has(u['_tag']) && typeof u['message'] === 'string') return u as unknown as StoreFailure
  } catch {
    // unreadable: said below
  }
  return unavailable(key, `the state store's ${op} failed with something that is not a store failure (${describeType(u)})`)
}

/** What a store's answer came to: its value, or the failure it amounts to. */
const storeAnswer = (key: string, op: string, answered: E.Either<unknown, unknown>): E.Either<StoreFailure, unknown> => {
  if (E.isLeft(answered)) return E.left(unavailable(key, `the state store's ${op} threw: ${describeThrown(answered.left)}`))
  const either = asEither(answered.right)
  if (typeof either === 'string') return E.left(unavailable(key, `the state store's ${op} answered ${either}`))
  return E.isLeft(either) ? E.left(storeFailure(key, op, either.left)) : either
}

const guardStore = (self: object, fns: Methods): StateStore => ({
  read: async (key) => {
    const answer = storeAnswer(key, 'read', await call(self, fns['read'], [key]))
    if (E.isLeft(answer) || answer.right === undefined) return answer as E.Either<StoreFailure, undefined>
    const v = answer.right
    try {
      if (!isRecord(v) || typeof v['version'] !== 'string' || v['version'] === '') {
        return E.left(unavailable(key, `the state store's read answered ${describeType(v)} instead of a record and its version`))
      }
      // Copied and checked: what the engine reads of it is plain data with the record's shape.
      const decoded = decodeRecord(v['record'])
      if (E.isLeft(decoded)) return E.left({ _tag: 'Corrupt', key, message: 'the state store gave a record that is not one', problems: decoded.left })
      return E.right({ record: decoded.right, version: v['version'] })
    } catch (e) {
      return E.left(unavailable(key, `the state store's read answered something unreadable: ${describeThrown(e)}`))
    }
  },
  write: async (key, record, expected) => {
    const answer = storeAnswer(key, 'write', await call(self, fns['write'], [key, record, expected]))
    if (E.isLeft(answer)) return answer
    return typeof answer.right === 'string' && answer.right !== ''
      ? E.right(answer.right)
      : E.left(unavailable(key, `the state store's write answered ${describeType(answer.right)} instead of the new version`))
  },
  delete: async (key, expected) => {
    const answer = storeAnswer(key, 'delete', await call(self, fns['delete'], [key, expected]))
    return E.isLeft(answer) ? answer : E.right(undefined)
  },
  list: async () => {
    const answer = storeAnswer('', 'list', await call(self, fns['list'], []))
    if (E.isLeft(answer)) return answer
    return Array.isArray(answer.right) && answer.right.every((k) => typeof k === 'string')
      ? E.right(answer.right as ReadonlyArray<string>)
      : E.left(unavailable('', `the state store's list answered ${describeType(answer.right)} instead of keys`))
  },
})

const INVOKE_TAGS: ReadonlySet<unknown> = new Set(['NotRun', 'Rejected', 'Unknown'])

const unknownOutcome = (functionName: string, message: string): InvokeFailure => ({ _tag: 'Unknown', functionName, message: `${message}: the function may have run` })

/** A response's known fields, each of its type, or why it is not a response. */
const responseOf = (u: unknown): InvokeResponse | string => {
  try {
    if (!isRecord(u)) return describeType(u)
    const { statusCode, payload, functionError, executedVersion, logResult } = u
    if (typeof payload !== 'string') return `a response whose payload is ${describeType(payload)}`
    if (functionError !== undefined && typeof functionError !== 'string') return `a response whose functionError is ${describeType(functionError)}`
    return {
      statusCode: typeof statusCode === 'number' ? statusCode : 200,
      payload,
      ...(functionError === undefined ? {} : { functionError }),
      ...(typeof executedVersion === 'string' ? { executedVersion } : {}),
      ...(typeof logResult === 'string' ? { logResult } : {}),
    }
  } catch (e) {
    return `something unreadable (${describeThrown(e)})`
  }
}

const guardInvoker = (self: object, fns: Methods): Invoker => ({
  invoke: async (c, options) => {
    const answered = await call(self, fns['invoke'], options === undefined ? [c] : [c, options])
    if (E.isLeft(answered)) return E.left(unknownOutcome(c.functionName, `the invoker threw (${describeThrown(answered.left)})`))
    const either = asEither(answered.right)
    if (typeof either === 'string') return E.left(unknownOutcome(c.functionName, `the invoker answered ${either}`))
    if (E.isLeft(either)) {
      const f = either.left
      try {
        if (isRecord(f) && INVOKE_TAGS.has(f['_tag']) && typeof f['message'] === 'string') return E.left(f as unknown as InvokeFailure)
      } catch {
        // unreadable: said below
      }
      return E.left(unknownOutcome(c.functionName, `the invoker failed with something that is not a failure (${describeType(f)})`))
    }
    const response = responseOf(either.right)
    return typeof response === 'string' ? E.left(unknownOutcome(c.functionName, `the invoker answered ${response} instead of a response`)) : E.right(response)
  },
})

const guardClock = (self: object, fns: Methods): SafeClock => ({
  now: () => {
    try {
      const d: unknown = (fns['now'] as () => unknown).call(self)
      const ms = d instanceof Date ? d.getTime() : Number.NaN
      return Number.isNaN(ms) ? E.left(`the clock's now() gave ${describeType(d)}, not a valid Date`) : E.right(new Date(ms))
    } catch (e) {
      return E.left(`the clock's now() threw: ${describeThrown(e)}`)
    }
  },
  sleep: async (ms, signal) => {
    // A sleep that fails has waited as long as it could: the retry goes on.
    await call(self, fns['sleep'], signal === undefined ? [ms] : [ms, signal])
  },
})

const InvokerPort = port('Invoker', ['invoke'], guardInvoker)
const StorePort = port('StateStore', ['read', 'write', 'delete', 'list'], guardStore)
const ClockPort = port('Clock', ['now', 'sleep'], guardClock)

// ---- deps

/** The default retry policy: 3 attempts in all, 200 ms doubling, at most 5 s between attempts. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5000 }

/** Lambda's longest run (15 minutes), and a minute for the store. */
export const DEFAULT_LEASE_MS = 16 * 60 * 1000

const RetryPolicyStruct = strict<RetryPolicy>({
  name: 'RetryPolicy',
  noun: 'the retry policy',
  member: 'a field of the retry policy',
  fields: [
    { key: 'maxAttempts', name: 'maxAttempts', codec: wholeNumber('MaxAttempts', 1), presence: 'required' },
    { key: 'baseDelayMs', name: 'baseDelayMs', codec: checkedNumber('Milliseconds', nonNegative), presence: 'required' },
    { key: 'maxDelayMs', name: 'maxDelayMs', codec: checkedNumber('Milliseconds', nonNegative), presence: 'required' },
  ],
})

function nonNegative(n: number): E.Either<string, number> {
  return n >= 0 ? E.right(n) : E.left(`must be 0 or more milliseconds, got ${n}`)
}

/** The plan option fields, each optional: a call's options override the engine's one by one. */
const PLAN_FIELDS: ReadonlyArray<Field> = PLAN_OPTION_FIELDS.map((f) => ({ ...f, presence: 'optional' }))

const planOptionsSpec = (member: string, more: ReadonlyArray<Field>): StrictSpec => ({ name: 'Options', noun: 'the options', member, fields: [...PLAN_FIELDS, ...more] })

/** The engine's ports and settings, checked, defaults filled in, each port guarded. */
export interface Deps {
  readonly invoker: Invoker
  readonly store: StateStore
  readonly clock: SafeClock
  readonly retry: RetryPolicy
  readonly planOptions: PlanOptions
  readonly runner: Holder | undefined
  readonly leaseMs: number
}

const EngineDepsCodec = shallow(
  strict<Deps>({
    name: 'EngineDeps',
    noun: 'the deps',
    member: 'a dependency of the engine',
    fields: [
      { key: 'invoker', name: 'invoker', codec: InvokerPort, presence: 'required' },
      { key: 'store', name: 'store', codec: StorePort, presence: 'required' },
      { key: 'clock', name: 'clock', codec: ClockPort, presence: 'required' },
      { key: 'retry', name: 'retry', codec: readable(RetryPolicyStruct), presence: 'default', default: DEFAULT_RETRY },
      { key: 'planOptions', name: 'planOptions', codec: readable(strict<PlanOptions>(planOptionsSpec('an option of plan', []))), presence: 'default', default: {} },
      { key: 'runner', name: 'runner', codec: readable(HolderCodec), presence: 'optional' },
      { key: 'leaseMs', name: 'leaseMs', codec: checkedNumber('Milliseconds', nonNegative), presence: 'default', default: DEFAULT_LEASE_MS },
    ],
  }),
)

// ---- decoding at a path

/** Decodes `u` as the value at `segment` of a call (so problems read `options.x: …`, and the root one "must be an object"). */
const decodeAt = <A>(codec: t.Type<A, unknown, unknown>, u: unknown, segment: PathSegment): E.Either<Problem[], A> => {
  const context: t.Context = [
    { key: '', type: codec, actual: u },
    { key: String(segment), type: codec, actual: u },
  ]
  return E.mapLeft(reportProblems)(codec.validate(u, context))
}

/** An `InvalidInput` of `key`. */
export const invalid = (key: string, problems: ReadonlyArray<Problem>): EngineError => ({ _tag: 'InvalidInput', key, problems })

/** The deps checked, or the problems every method then answers (at `deps.…`). */
export const decodeDeps = (u: unknown): E.Either<Problem[], Deps> => decodeAt(EngineDepsCodec, u, 'deps')

/** A resource key: a non-empty string. */
export const decodeKey = (u: unknown): E.Either<EngineError, string> =>
  typeof u === 'string' && u !== '' ? E.right(u) : E.left(invalid('', [problem(['key'], `must be a non-empty string, got ${describeType(u)}`)]))

// ---- options

/** `plan`'s options, decoded: the plan options given (to merge with the engine's) and the resolution. */
export interface PlanCall {
  readonly planOptions: PlanOptions
  readonly resolution?: Resolution
}

const PLAN_CALL: StrictSpec = planOptionsSpec('an option of plan', [{ key: 'resolution', name: 'resolution', codec: ResolutionStruct, presence: 'optional' }])

const PlanChangeOptionsCodec = readable(strict<PlanOptions & { readonly resolution?: Resolution }>(PLAN_CALL))

const ApplyOptionsCodec = shallow(
  strict<PlanOptions & { readonly resolution?: Resolution; readonly signal?: AbortSignal }>(
    planOptionsSpec('an option of apply', [
      { key: 'resolution', name: 'resolution', codec: readable(ResolutionStruct), presence: 'optional' },
      { key: 'signal', name: 'signal', codec: SignalCodec, presence: 'optional' },
    ]),
  ),
)

const ApplyChangeOptionsCodec = shallow(
  strict<{ readonly signal?: AbortSignal }>({
    name: 'Options',
    noun: 'the options',
    member: 'an option of applying a change',
    fields: [{ key: 'signal', name: 'signal', codec: SignalCodec, presence: 'optional' }],
  }),
)

const split = ({ resolution, ...planOptions }: PlanOptions & { readonly resolution?: Resolution }): PlanCall =>
  resolution === undefined ? { planOptions } : { planOptions, resolution }

const absent = (u: unknown): boolean => u === undefined || u === null

/** `plan`'s options (`undefined`: none). */
export const decodePlanOptions = (key: string, u: unknown): E.Either<EngineError, PlanCall> => {
  if (absent(u)) return E.right({ planOptions: {} })
  const d = decodeAt(PlanChangeOptionsCodec, u, 'options')
  return E.isLeft(d) ? E.left(invalid(key, d.left)) : E.right(split(d.right))
}

/** The options of `apply(key, desired)` and `destroy`: the plan's, and the signal. */
export const decodeApplyOptions = (key: string, u: unknown): E.Either<EngineError, PlanCall & { readonly signal?: AbortSignal }> => {
  if (absent(u)) return E.right({ planOptions: {} })
  const d = decodeAt(ApplyOptionsCodec, u, 'options')
  if (E.isLeft(d)) return E.left(invalid(key, d.left))
  const { signal, ...rest } = d.right
  return E.right(signal === undefined ? split(rest) : { ...split(rest), signal })
}

/** The options of `apply(change)`. */
export const decodeApplyChangeOptions = (key: string, u: unknown): E.Either<EngineError, { readonly signal?: AbortSignal }> => {
  if (absent(u)) return E.right({})
  const d = decodeAt(ApplyChangeOptionsCodec, u, 'options')
  return E.isLeft(d) ? E.left(invalid(key, d.left)) : E.right(d.right)
}

/** A planned change a caller hands in (from a file, say): problems under `change`. */
export const decodeChange = (u: unknown): E.Either<EngineError, PlannedChange> => {
  const d = decodeAt(PlannedChangeCodec, u, 'change')
  if (E.isRight(d)) return d
  let key = ''
  try {
    const k: unknown = isRecord(u) ? u['key'] : undefined
    if (typeof k === 'string') key = k
  } catch {
    // no key to name: the problems say why
  }
  return E.left(invalid(key, d.left))
}

/** The engine's plan options overridden by a call's own, defaults filled in. */
export const resolvePlanOptions = (base: PlanOptions, call: PlanOptions): ResolvedPlanOptions => {
  const merged: PlanOptions = { ...base, ...call }
  const resolved = PlanOptionsStruct.decode(merged)
  // Both were decoded with the same fields: their merge decodes.
  return E.isRight(resolved) ? resolved.right : { replaceOrder: 'delete-first', encoding: 'terraform' }
}

// ---- applyAll

/** An item of `applyAll`, checked. */
export type Item =
  | { readonly _tag: 'Desired'; readonly key: string; readonly desired: unknown; readonly call: PlanCall }
  | { readonly _tag: 'Change'; readonly key: string; readonly change: PlannedChange }

const DESIRED_ITEM: StrictSpec = {
  name: 'ApplyItem',
  noun: 'an item',
  member: 'a field of an item',
  fields: [
    { key: 'key', name: 'key', codec: NonEmptyString, presence: 'required' },
    {
      key: 'desired',
      name: 'desired',
      codec: t.unknown,
      presence: 'present',
      missing: 'is required: the arguments, or desired: undefined written out to destroy the resource',
    },
    { key: 'options', name: 'options', codec: PlanChangeOptionsCodec, presence: 'optional' },
  ],
}

const CHANGE_ITEM: StrictSpec = {
  name: 'ApplyItem',
  noun: 'an item',
  member: 'a field of an item of a planned change',
  fields: [{ key: 'change', name: 'change', codec: PlannedChangeCodec, presence: 'required' }],
}

const DesiredItem = strict<{ readonly key: string; readonly desired: unknown; readonly options?: PlanOptions & { readonly resolution?: Resolution } }>(DESIRED_ITEM)
const ChangeItem = strict<{ readonly change: PlannedChange }>(CHANGE_ITEM)

const validateItem = (u: unknown, c: t.Context): t.Validation<Item> => {
  if (isRecord(u) && Object.prototype.hasOwnProperty.call(u, 'change')) {
    return E.map((i: { readonly change: PlannedChange }): Item => ({ _tag: 'Change', key: i.change.key, change: i.change }))(ChangeItem.validate(u, c))
  }
  return E.map((i: { readonly key: string; readonly desired: unknown; readonly options?: PlanOptions & { readonly resolution?: Resolution } }): Item => ({
    _tag: 'Desired',
    key: i.key,
    desired: i.desired,
    call: i.options === undefined ? { planOptions: {} } : split(i.options),
  }))(DesiredItem.validate(u, c))
}

const ItemCodec = shallow(new t.Type<Item, Item, unknown>('ApplyItem', (_u): _u is Item => false, validateItem, (a) => a))

/** The items, checked: each one's shape, and each key once. Problems at `[i]…` (the items' own paths). */
export const decodeItems = (u: unknown): E.Either<Problem[], ReadonlyArray<Item>> => {
  const read = readOwn(u)
  if (E.isLeft(read)) return read
  if (!Array.isArray(read.right)) return E.left([problem([], `the items must be an array, got ${describeType(read.right)}`)])
  const problems: Problem[] = []
  const items: Item[] = []
  const seen = new Map<string, number>()
  for (const [i, raw] of (read.right as ReadonlyArray<unknown>).entries()) {
    const d = ItemCodec.validate(raw, [{ key: '', type: ItemCodec, actual: raw }])
    if (E.isLeft(d)) {
      problems.push(...reportProblems(d.left).map((p) => problem([i, ...p.path], p.message)))
      continue
    }
    const first = seen.get(d.right.key)
    if (first !== undefined) problems.push(problem(d.right._tag === 'Change' ? [i, 'change', 'key'] : [i, 'key'], `is also the key of item ${first}: give each key once`))
    else seen.set(d.right.key, i)
    items.push(d.right)
  }
  return problems.length > 0 ? E.left(problems) : E.right(items)
}

/** `applyAll`'s options, checked, defaults filled in. */
export interface AllOptions {
  readonly concurrency: number
  readonly onProgress?: (p: Progress) => void
  readonly signal?: AbortSignal
  readonly claimed: ClaimedMode
}

const ApplyAllOptionsCodec = shallow(
  strict<AllOptions>({
    name: 'ApplyAllOptions',
    noun: 'the options',
    member: 'an option of applyAll',
    fields: [
      { key: 'concurrency', name: 'concurrency', codec: wholeNumber('Concurrency', 1), presence: 'default', default: 8 },
      { key: 'onProgress', name: 'onProgress', codec: FunctionCodec, presence: 'optional' },
      { key: 'signal', name: 'signal', codec: SignalCodec, presence: 'optional' },
      { key: 'claimed', name: 'claimed', codec: oneOf<ClaimedMode>('ClaimedMode', ['fail', 'skip']), presence: 'default', default: 'fail' },
    ],
  }),
)

/** `applyAll`'s options (`undefined`: the defaults). */
export const decodeAllOptions = (u: unknown): E.Either<Problem[], AllOptions> =>
  absent(u) ? E.right({ concurrency: 8, claimed: 'fail' }) : decodeAt(ApplyAllOptionsCodec, u, 'options')
