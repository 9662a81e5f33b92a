/**
 * The io-ts combinators every codec of the package is built from. Each
 * failure carries the message a person reads (io-ts's own are for
 * programmers); `reporter.ts` only adds the path. The struct combinator
 * `strict` rejects unknown keys with a suggestion, where io-ts's `t.type`
 * keeps them and `t.exact` drops them without a word.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { readOwn, readPlain } from './read.js'
import { describeType, isArrayValue, isRecord, quote, showValue } from './describe.js'
import { closest } from './suggest.js'
import type { PathSegment } from '../model/problem.js'

// ---- values

/**
 * A codec whose decoding gives the very value it was given, or fails: a
 * struct takes a value its `is` accepts as it is, without building the
 * context of a failure (the common case, and most of the cost otherwise).
 */
class Checking<A> extends t.Type<A, A, unknown> {}

/** Strings passing `check`, typed as what the check proves (a brand, a literal union). */
export const checked = <B extends string>(name: string, check: (s: string) => E.Either<string, B>): t.Type<B, string, unknown> =>
  new Checking<B>(
    name,
    (u): u is B => typeof u === 'string' && E.isRight(check(u)),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `must be a string, got ${describeType(u)}`)
      const r = check(u)
      return E.isLeft(r) ? t.failure(u, c, r.left) : t.success(r.right)
    },
    (b) => b,
  )

/** Any string. */
export const AnyString: t.Type<string, string, unknown> = checked('string', (s) => E.right(s))

/** A string that is not empty. */
export const NonEmptyString: t.Type<string, string, unknown> = checked('NonEmptyString', (s) =>
  s.length === 0 ? E.left('must not be empty') : E.right(s),
)

/** One of the given strings; any other value is named in the message. */
export const oneOf = <const T extends string>(name: string, values: ReadonlyArray<T>): t.Type<T, T, unknown> => {
  const is = (u: unknown): u is T => typeof u === 'string' && (values as ReadonlyArray<string>).includes(u)
  const expected = values.map((v) => JSON.stringify(v)).join(' or ')
  return new Checking<T>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c, `must be ${expected}, got ${showValue(u)}`)), (a) => a)
}

/** Exactly the number `n`; an absent value is "nothing" in the message. */
export const exactly = <const N extends number>(n: N): t.Type<N, N, unknown> => {
  const is = (u: unknown): u is N => u === n
  return new Checking<N>(String(n), is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c, `must be ${n}, got ${showValue(u)}`)), (a) => a)
}

/** Numbers passing `check` (finite ones only: JSON has no other). */
export const checkedNumber = (name: string, check: (n: number) => E.Either<string, number>): t.Type<number, number, unknown> =>
  new Checking<number>(
    name,
    (u): u is number => typeof u === 'number' && Number.isFinite(u) && E.isRight(check(u)),
    (u, c) => {
      if (typeof u !== 'number' || !Number.isFinite(u)) return t.failure(u, c, `must be a number, got ${typeof u === 'number' ? String(u) : describeType(u)}`)
      const r = check(u)
      return E.isLeft(r) ? t.failure(u, c, r.left) : t.success(r.right)
    },
    (n) => n,
  )

/** A whole number from `min` up. */
export const wholeNumber = (name: string, min: number): t.Type<number, number, unknown> =>
  checkedNumber(name, (n) => (Number.isInteger(n) && n >= min ? E.right(n) : E.left(`must be a whole number from ${min} up, got ${n}`)))

/** An array of values of `codec`, each problem at its index; the copy it gives is a new array. */
export const arrayOf = <A, O>(name: string, codec: t.Type<A, O, unknown>): t.Type<ReadonlyArray<A>, ReadonlyArray<O>, unknown> =>
  new t.Type<ReadonlyArray<A>, ReadonlyArray<O>, unknown>(
    name,
    (u): u is ReadonlyArray<A> => isArrayValue(u) && (u as ReadonlyArray<unknown>).every((x) => codec.is(x)),
    (u, c) => {
      if (!isArrayValue(u)) return t.failure(u, c, `must be an array, got ${describeType(u)}`)
      const items = u as ReadonlyArray<unknown>
      const errors: t.ValidationError[] = []
      const out: A[] = []
      for (let i = 0; i < items.length; i++) {
        const r = codec.validate(items[i], t.appendContext(c, String(i), codec, items[i]))
        if (E.isLeft(r)) errors.push(...r.left)
        else out.push(r.right)
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out)
    },
    (a) => a.map((x) => codec.encode(x)),
  )

/** A map of string to string. The copy it gives keeps a `__proto__` key as a plain key. */
export const StringMap: t.Type<Readonly<Record<string, string>>, Readonly<Record<string, string>>, unknown> = new t.Type(
  'StringMap',
  (u): u is Readonly<Record<string, string>> => isRecord(u) && Object.values(u).every((v) => typeof v === 'string'),
  (u, c) => {
    if (!isRecord(u)) return t.failure(u, c, `must be a map of string to string, got ${describeType(u)}`)
    const errors: t.ValidationError[] = []
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(u)) {
      if (typeof v !== 'string') errors.push({ value: v, context: t.appendContext(c, k, AnyString, v), message: `must be a string, got ${describeType(v)}` })
      else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out)
  },
  (a) => a,
)

// ---- structs

/**
 * How a struct field treats an absent value (`undefined` or `null`, which
 * means absent): `required` reports it, `default` gives `Field.default`,
 * `optional` leaves it out, `raw` lets the field's codec judge it, and
 * `constant` does not read the input at all and always gives the default.
 * `present` asks for the key itself and lets the codec judge its value, so
 * that `{ desired: undefined }` written out differs from a key left out.
 */
export type FieldPresence = 'required' | 'default' | 'optional' | 'raw' | 'constant' | 'present'

/** One field of a struct: read at `key`, given as `name`. */
export interface Field {
  readonly key: string
  readonly name: string
  readonly codec: t.Mixed
  readonly presence: FieldPresence
  readonly default?: unknown
  /** Other keys that may give the value instead (`pulumiKey` for `terraformKey`); given both, they must agree. */
  readonly aliases?: ReadonlyArray<string>
  /** What a missing `required` or `present` field is told; default `is required`. */
  readonly missing?: string
}

/** A struct: which fields, and how its messages name it. */
export interface StrictSpec {
  readonly name: string
  /** What the value is, at the root of a message: `the arguments must be an object`. */
  readonly noun: string
  /** What a known key is, for an unknown one: `is not an argument; did you mean …`. */
  readonly member: string
  readonly fields: ReadonlyArray<Field>
  /** Unknown keys holding `null` are let through: Terraform writes null for unset attributes, and a later provider may add some. */
  readonly nullUnknown?: boolean
  /** Absent fields are encoded as `null` (as Terraform writes them) instead of left out. */
  readonly encodeAbsentAsNull?: boolean
}

/** What a struct's fields came to: every problem, and each field that decoded (an absent optional one is left out). */
export interface DecodedFields {
  readonly errors: ReadonlyArray<t.ValidationError>
  readonly fields: Readonly<Record<string, unknown>>
}

const isAbsent = (u: unknown): boolean => u === undefined || u === null

/** The problem of a value that is not an object; at the root the message names what was expected (`noun`), nested the path does. */
export const notAnObject = (noun: string, u: unknown, c: t.Context): t.ValidationError => ({
  value: u,
  context: c,
  message: `${c.length <= 1 ? `${noun} must be an object` : 'must be an object'}, got ${describeType(u)}`,
})

/** What a spec's unknown-key check needs, computed once per spec. */
interface Keys {
  readonly known: ReadonlySet<string>
  readonly suggestions: ReadonlyArray<string>
}

const keysOfSpec = new WeakMap<StrictSpec, Keys>()

const keysOf = (spec: StrictSpec): Keys => {
  let keys = keysOfSpec.get(spec)
  if (keys === undefined) {
    const keyed = spec.fields.filter((f) => f.presence !== 'constant')
    const suggestions = keyed.map((f) => f.key)
    keys = { known: new Set([...suggestions, ...keyed.flatMap((f) => f.aliases ?? [])]), suggestions }
    keysOfSpec.set(spec, keys)
  }
  return keys
}

const unknownKeys = (spec: StrictSpec, u: Readonly<Record<string, unknown>>, c: t.Context, errors: t.ValidationError[]): void => {
  const { known, suggestions } = keysOf(spec)
  for (const key of Object.keys(u)) {
    if (known.has(key) || (spec.nullUnknown === true && u[key] === null)) continue
    const hint = closest(key, suggestions)
    errors.push({
      value: u[key],
      context: t.appendContext(c, key, t.unknown, u[key]),
      message: hint === undefined ? `is not ${spec.member} (known: ${suggestions.join(', ')})` : `is not ${spec.member}; did you mean "${hint}"?`,
    })
  }
}

/** Validates one present value of a field; pushes its errors and gives whether it decoded. */
const validateAt = (codec: t.Mixed, u: unknown, c: t.Context, key: string, errors: t.ValidationError[]): E.Either<null, unknown> => {
  if (codec instanceof Checking && codec.is(u)) return E.right(u)
  const r = codec.validate(u, t.appendContext(c, key, codec, u))
  if (E.isLeft(r)) {
    errors.push(...r.left)
    return E.left(null)
  }
  return E.right(r.right)
}

/**
 * Decodes the fields of a struct: unknown keys first (each with the closest
 * known one), then the fields in order, collecting every problem and going on.
 * Not an object: one problem at the value itself.
 */
export const decodeFields = (spec: StrictSpec, u: unknown, c: t.Context): DecodedFields => {
  if (!isRecord(u)) return { errors: [notAnObject(spec.noun, u, c)], fields: {} }
  const errors: t.ValidationError[] = []
  const fields: Record<string, unknown> = {}
  unknownKeys(spec, u, c, errors)
  for (const f of spec.fields) {
    if (f.presence === 'constant') {
      fields[f.name] = f.default
      continue
    }
    const v = u[f.key]
    let given = false
    if (f.presence === 'present' && !Object.prototype.hasOwnProperty.call(u, f.key)) {
      errors.push({ value: v, context: t.appendContext(c, f.key, f.codec, v), message: f.missing ?? 'is required' })
    } else if (f.presence === 'raw' || f.presence === 'present' || !isAbsent(v)) {
      const r = validateAt(f.codec, v, c, f.key, errors)
      if (E.isRight(r)) fields[f.name] = r.right
      given = true
    } else if (f.presence === 'required') {
      errors.push({ value: v, context: t.appendContext(c, f.key, f.codec, v), message: f.missing ?? 'is required' })
    } else if (f.presence === 'default') {
      fields[f.name] = f.default
    }
    for (const alias of f.aliases ?? []) {
      const av = u[alias]
      if (isAbsent(av)) continue
      const r = validateAt(f.codec, av, c, alias, errors)
      if (E.isLeft(r)) continue
      const main = fields[f.name]
      if (!given) fields[f.name] = r.right
      else if (main !== undefined && main !== r.right) {
        errors.push({
          value: av,
          context: t.appendContext(c, alias, f.codec, av),
          message: `is an alias of ${f.key} and differs from it (${quote(String(r.right))} vs ${quote(String(main))}); give only one`,
        })
      }
    }
  }
  return { errors, fields }
}

/** Whether `u` already is a decoded struct of `spec`: its output names, every resolved field present, nothing else. */
const isStruct = (spec: StrictSpec, u: unknown): boolean => {
  if (!isRecord(u)) return false
  const names = new Set(spec.fields.map((f) => f.name))
  if (Object.keys(u).some((k) => !names.has(k))) return false
  return spec.fields.every((f) => {
    const v = u[f.name]
    if (f.presence === 'present') return Object.prototype.hasOwnProperty.call(u, f.name) && f.codec.is(v)
    return v === undefined ? f.presence === 'optional' : f.codec.is(v)
  })
}

/** Encodes a decoded struct back to its input keys. */
const encodeStruct = (spec: StrictSpec, a: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const f of spec.fields) {
    if (f.presence === 'constant') continue
    const v = a[f.name]
    if (v !== undefined) out[f.key] = f.codec.encode(v)
    else if (spec.encodeAbsentAsNull === true) out[f.key] = null
  }
  return out
}

/**
 * A struct codec of `A`: every field as `spec` says, unknown keys refused
 * with "did you mean", every problem reported at once. `A` must be the type
 * the fields make (each codec's type, optional where `optional`).
 */
export const strict = <A, O = A>(spec: StrictSpec): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    spec.name,
    (u): u is A => isStruct(spec, u),
    (u, c) => {
      const d = decodeFields(spec, u, c)
      return d.errors.length > 0 ? t.failures([...d.errors]) : t.success(d.fields as A)
    },
    (a) => encodeStruct(spec, a as Readonly<Record<string, unknown>>) as O,
  )

// ---- hostile values

/** The io-ts context of a problem the reader found at `path` below the context `c`. */
const contextAt = (c: t.Context, path: ReadonlyArray<PathSegment>): t.Context =>
  path.reduce<t.Context>(
    // An entry above an index holds an array, so that the reporter gives the index as a number.
    (ctx, seg, i) => t.appendContext(ctx, String(seg), t.unknown, typeof path[i + 1] === 'number' ? [] : {}),
    c,
  )

/**
 * The codec made safe for values a caller hands in: the value is first copied
 * into plain data by the safe reader (a throwing getter or proxy trap becomes
 * a problem at its path), then `codec` runs on the copy. Its `is` judges the
 * copy too, and never throws.
 */
export const readable = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    codec.name,
    // Judged on the copy, as decoding is: a proxy's traps run once, and an array's length cannot lie.
    (u): u is A => {
      const read = readPlain(u)
      return E.isRight(read) && codec.is(read.right)
    },
    (u, c) => {
      const read = readPlain(u)
      if (E.isLeft(read)) return t.failures(read.left.map((p) => ({ value: undefined, context: contextAt(c, p.path), message: p.message })))
      return codec.validate(read.right, c)
    },
    (a) => codec.encode(a),
  )

/**
 * The codec made safe for a value whose top level is more than data (an
 * object holding ports, callbacks or a signal; a collection whose entries
 * their own codecs read): one level is read by the safe reader, the values
 * kept as they are, then `codec` runs on that copy. Its fields that hold data
 * must be `readable` themselves. Its `is` never throws.
 */
export const shallow = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    codec.name,
    (u): u is A => {
      const read = readOwn(u)
      return E.isRight(read) && codec.is(read.right)
    },
    (u, c) => {
      const read = readOwn(u)
      if (E.isLeft(read)) return t.failures(read.left.map((p) => ({ value: undefined, context: contextAt(c, p.path), message: p.message })))
      return codec.validate(read.right, c)
    },
    (a) => codec.encode(a),
  )
