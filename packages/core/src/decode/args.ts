import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { isJsonObject, jsonTypeName, parseJson, type Json } from '../json/parse.js'
import { ARGUMENTS, DEFAULT_KEY, DEFAULT_SCOPE, type InvocationArgs, type ResolvedArgs } from '../model/attributes.js'
import type { Problem } from '../model/problem.js'
import { decodeFields, readable, type Field, type StrictSpec } from './codec.js'
import { readPlain } from './read.js'
import { reportProblems } from './reporter.js'

/** Arguments that passed validation, with the parsed input the payload is built from. */
export interface CheckedArgs {
  readonly args: ResolvedArgs
  readonly input: Json
}

const ARGS: StrictSpec = {
  name: 'InvocationArgs',
  noun: 'the arguments',
  member: 'an argument',
  fields: ARGUMENTS.map(
    (r): Field => ({ key: r.name, name: r.name, codec: r.codec, presence: r.argument, default: r.default, aliases: r.aliases }),
  ),
}

const inputError = (c: t.Context, input: string, message: string): t.ValidationError => ({
  value: input,
  context: t.appendContext(c, 'input', t.string, input),
  message,
})

/**
 * Parses the input as Go would, and in CRUD scope checks that it is an object
 * without the lifecycle key. Runs on the fields that decoded, even when
 * others did not, so that every problem is reported at once.
 */
const checkInput = (fields: Partial<ResolvedArgs>, c: t.Context, deferTreeCheck: boolean): E.Either<t.ValidationError[], Json | undefined> => {
  const text = fields.input
  if (text === undefined) return E.right(undefined)
  const scope = fields.lifecycleScope ?? DEFAULT_SCOPE
  const key = fields.terraformKey ?? DEFAULT_KEY
  // Deferred only in CRUD scope, where the payload encoder walks the value anyway.
  const parsed = parseJson(text, { checkTree: !(deferTreeCheck && scope === 'CRUD') })
  if (E.isLeft(parsed)) return E.left([inputError(c, text, parsed.left)])
  const value = parsed.right.value
  if (scope === 'CRUD') {
    if (!isJsonObject(value)) return E.left([inputError(c, text, `must be a JSON object in CRUD scope, got ${jsonTypeName(value)}`)])
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      return E.left([inputError(c, text, `lifecycle key ${JSON.stringify(key)} is already a key of the input; choose another terraformKey`)])
    }
  }
  return E.right(parsed.right)
}

/**
 * Validates plain arguments (copied by the safe reader) and parses the input.
 * `deferTreeCheck` leaves a CRUD input's depth and float64 checks to the
 * caller (`Json.treeChecked` is then false): `plan`'s Terraform encoder makes
 * them in its own walk.
 */
export const validateArgs = (u: unknown, c: t.Context, deferTreeCheck: boolean): t.Validation<CheckedArgs> => {
  const decoded = decodeFields(ARGS, u, c)
  const fields = decoded.fields as Partial<ResolvedArgs>
  const input = checkInput(fields, c, deferTreeCheck)
  const errors = [...decoded.errors, ...(E.isLeft(input) ? input.left : [])]
  if (errors.length > 0 || E.isLeft(input) || input.right === undefined) return t.failures(errors)
  // No problem: every field decoded, so `fields` holds all the table's arguments.
  return t.success({ args: fields as ResolvedArgs, input: input.right })
}

const NAMES: ReadonlySet<string> = new Set(ARGUMENTS.map((r) => r.name))

/** Whether valid arguments already are resolved: every default filled in, no alias. */
const isResolved = (u: Readonly<Record<string, unknown>>): boolean =>
  Object.keys(u).every((k) => NAMES.has(k) && u[k] !== null) && ARGUMENTS.every((r) => r.argument === 'optional' || u[r.name] !== undefined)

/** Reads any value safely, validates it and parses the input (see `validateArgs`): `plan`'s entry. Never throws. */
export const checkArgs = (u: unknown, deferTreeCheck: boolean): E.Either<Problem[], CheckedArgs> => {
  const read = readPlain(u)
  if (E.isLeft(read)) return read
  return E.mapLeft(reportProblems)(validateArgs(read.right, [{ key: '', type: t.unknown, actual: read.right }], deferTreeCheck))
}

/** The arguments on plain data (inside a value the safe reader copied, such as a planned change): as `InvocationArgsCodec`. */
export const PlainArgs: t.Type<ResolvedArgs, InvocationArgs, unknown> = new t.Type<ResolvedArgs, InvocationArgs, unknown>(
  'InvocationArgs',
  (u): u is ResolvedArgs => E.isRight(validateArgs(u, [], false)) && isResolved(u as Readonly<Record<string, unknown>>),
  (u, c) => E.map((checked: CheckedArgs) => checked.args)(validateArgs(u, c, false)),
  (a) => a,
)

/** The arguments, from any value: unknown keys refused, AWS formats branded, defaults filled, `null` as absent, input parsed as Go would. */
export const InvocationArgsCodec: t.Type<ResolvedArgs, InvocationArgs, unknown> = readable(PlainArgs)

/**
 * Validates the arguments a user wrote and fills in the defaults. Unknown
 * keys, wrong types and bad formats are all reported; `null` means absent for
 * optional arguments. Never throws.
 */
export const decodeArgs = (u: unknown): E.Either<Problem[], ResolvedArgs> => E.mapLeft(reportProblems)(InvocationArgsCodec.decode(u))
