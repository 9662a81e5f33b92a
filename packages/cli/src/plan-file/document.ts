/**
 * The saved plan (`plan --out FILE`, run by `apply FILE`): a versioned JSON
 * document holding what the plan was made from (the config's digest, the
 * state and every record's version, the invoker, the options) and the exact
 * planned changes, payloads included. Decoded by an io-ts codec built with the
 * core's `strict`: unknown keys are refused, every problem is reported.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { NonEmptyString, PlannedChangeCodec, readable, reportProblems, ResolutionCodec, strict, type PlannedChange, type Resolution } from '@lambda-invocation/core'

/** The `format` of a plan file: what tells it from any other JSON. */
export const PLAN_FORMAT = 'lambda-invocation/plan'

/** The format version this command writes and reads. */
export const PLAN_FORMAT_VERSION = 1

/** Where the invocations go: local handlers, or the real functions in AWS (`--aws`, with `--region` when given). */
export interface SavedInvoker {
  readonly kind: 'local' | 'aws'
  readonly region?: string
}

/** A resource's record when the plan was made (`version` absent: no record). */
export interface SavedRecord {
  readonly key: string
  readonly version?: string
}

/** The options the plan was made with, for people and for the checks. */
export interface SavedOptions {
  readonly targets: ReadonlyArray<string>
  readonly replace: ReadonlyArray<string>
  readonly resolution?: Resolution
}

/** A saved plan. */
export interface SavedPlan {
  readonly format: typeof PLAN_FORMAT
  readonly formatVersion: typeof PLAN_FORMAT_VERSION
  /** The config file, and the SHA-256 (hex) of its bytes. */
  readonly config: { readonly file: string; readonly sha256: string }
  /** Where the state lives (the file, or `s3://bucket/prefix/`). */
  readonly state: string
  readonly invoker: SavedInvoker
  readonly options: SavedOptions
  /** Every record of the state, and every planned resource, with its version then. */
  readonly records: ReadonlyArray<SavedRecord>
  /** The planned changes, every resource's (noops included), in order. */
  readonly changes: ReadonlyArray<PlannedChange>
}

const showValue = (u: unknown): string => (u === undefined ? 'nothing' : u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u === 'object' ? 'an object' : JSON.stringify(u))

/** A list of `codec`'s values; each bad entry reported at its index. */
const listOf = <A>(name: string, codec: t.Type<A, unknown, unknown>): t.Type<ReadonlyArray<A>, unknown, unknown> =>
  new t.Type<ReadonlyArray<A>, unknown, unknown>(
    name,
    (u): u is ReadonlyArray<A> => Array.isArray(u) && u.every((x) => codec.is(x)),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, `must be a list, got ${showValue(u)}`)
      const errors: t.ValidationError[] = []
      const out: A[] = []
      u.forEach((x, i) => {
        const r = codec.validate(x, t.appendContext(c, String(i), codec, x))
        if (E.isLeft(r)) errors.push(...r.left)
        else out.push(r.right)
      })
      return errors.length > 0 ? t.failures(errors) : t.success(out)
    },
    (a) => a.map((x) => codec.encode(x)),
  )

const Sha256 = new t.Type<string, string, unknown>(
  'Sha256',
  (u): u is string => typeof u === 'string' && /^[0-9a-f]{64}$/.test(u),
  (u, c) => (typeof u === 'string' && /^[0-9a-f]{64}$/.test(u) ? t.success(u) : t.failure(u, c, `must be a SHA-256 digest (64 lower-case hex digits), got ${showValue(u)}`)),
  (a) => a,
)

const InvokerKind = new t.Type<'local' | 'aws', string, unknown>(
  'InvokerKind',
  (u): u is 'local' | 'aws' => u === 'local' || u === 'aws',
  (u, c) => (u === 'local' || u === 'aws' ? t.success(u) : t.failure(u, c, `must be "local" or "aws", got ${showValue(u)}`)),
  (a) => a,
)

const literal = <const L extends string | number>(value: L): t.Type<L, L, unknown> =>
  new t.Type<L, L, unknown>(String(value), (u): u is L => u === value, (u, c) => (u === value ? t.success(value) : t.failure(u, c, `must be ${JSON.stringify(value)}, got ${showValue(u)}`)), (a) => a)

const ConfigStruct = strict<SavedPlan['config'], unknown>({
  name: 'SavedConfig',
  noun: 'the plan\'s "config"',
  member: 'a field of the plan\'s "config"',
  fields: [
    { key: 'file', name: 'file', codec: NonEmptyString, presence: 'required' },
    { key: 'sha256', name: 'sha256', codec: Sha256, presence: 'required' },
  ],
})

const InvokerStruct = strict<SavedInvoker, unknown>({
  name: 'SavedInvoker',
  noun: 'the plan\'s "invoker"',
  member: 'a field of the plan\'s "invoker"',
  fields: [
    { key: 'kind', name: 'kind', codec: InvokerKind, presence: 'required' },
    { key: 'region', name: 'region', codec: NonEmptyString, presence: 'optional' },
  ],
})

const RecordStruct = strict<SavedRecord, unknown>({
  name: 'SavedRecord',
  noun: 'a record of the plan',
  member: 'a field of a record of the plan',
  fields: [
    { key: 'key', name: 'key', codec: NonEmptyString, presence: 'required' },
    { key: 'version', name: 'version', codec: NonEmptyString, presence: 'optional' },
  ],
})

const OptionsStruct = strict<SavedOptions, unknown>({
  name: 'SavedOptions',
  noun: 'the plan\'s "options"',
  member: 'an option of the plan',
  fields: [
    { key: 'targets', name: 'targets', codec: listOf('Targets', NonEmptyString), presence: 'required' },
    { key: 'replace', name: 'replace', codec: listOf('Replace', NonEmptyString), presence: 'required' },
    { key: 'resolution', name: 'resolution', codec: ResolutionCodec, presence: 'optional' },
  ],
})

const SavedPlanStruct = strict<SavedPlan, unknown>({
  name: 'SavedPlan',
  noun: 'a plan file',
  member: 'a field of a plan file',
  fields: [
    { key: 'format', name: 'format', codec: literal(PLAN_FORMAT), presence: 'required' },
    { key: 'formatVersion', name: 'formatVersion', codec: literal(PLAN_FORMAT_VERSION), presence: 'required' },
    { key: 'config', name: 'config', codec: ConfigStruct, presence: 'required' },
    { key: 'state', name: 'state', codec: NonEmptyString, presence: 'required' },
    { key: 'invoker', name: 'invoker', codec: InvokerStruct, presence: 'required' },
    { key: 'options', name: 'options', codec: OptionsStruct, presence: 'required' },
    { key: 'records', name: 'records', codec: listOf('Records', RecordStruct), presence: 'required' },
    { key: 'changes', name: 'changes', codec: listOf('Changes', PlannedChangeCodec), presence: 'required' },
  ],
})

/** A plan file's value; unknown keys refused, each change checked by the core's `PlannedChangeCodec`. */
export const SavedPlanCodec: t.Type<SavedPlan, unknown, unknown> = readable(SavedPlanStruct)

/**
 * Checks a plan file's parsed JSON: a foreign document or another format
 * version is said so in one sentence, before any field is looked at; then
 * every problem of the fields, and that each change's record version is the
 * one the records give. Left: the sentences.
 */
export const decodeSavedPlan = (u: unknown): E.Either<ReadonlyArray<string>, SavedPlan> => {
  const o = typeof u === 'object' && u !== null && !Array.isArray(u) ? (u as Record<string, unknown>) : undefined
  if (o === undefined || o['format'] !== PLAN_FORMAT) return E.left([`it is not a lambda-invocation plan (no "format": "${PLAN_FORMAT}")`])
  if (o['formatVersion'] !== PLAN_FORMAT_VERSION)
    return E.left([`it is a plan of format version ${showValue(o['formatVersion'])}, and this version of lambda-invocation reads version ${PLAN_FORMAT_VERSION}: run plan again`])
  const decoded = SavedPlanCodec.decode(u)
  if (E.isLeft(decoded)) return E.left(reportProblems(decoded.left).map((p) => `${p.path.length === 0 ? '' : `${p.path.join('.')}: `}${p.message}`))
  const plan = decoded.right
  const versions = new Map(plan.records.map((r) => [r.key, r.version]))
  const problems: string[] = []
  const seen = new Set<string>()
  for (const r of plan.records) {
    if (seen.has(r.key)) problems.push(`records: "${r.key}" is listed twice`)
    seen.add(r.key)
  }
  plan.changes.forEach((c, i) => {
    if (!versions.has(c.key)) problems.push(`changes.${i}: "${c.key}" is not in the records`)
    else if (versions.get(c.key) !== c.version) problems.push(`changes.${i}: "${c.key}" was planned from another version of its record than the records give`)
  })
  return problems.length > 0 ? E.left(problems) : E.right(plan)
}
