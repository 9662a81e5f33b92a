/**
 * The attribute table: one row per argument and per computed attribute of
 * the resource, and everything the package knows about it. The arguments
 * codec, the state codecs (ours and Terraform's), `plan`'s change detection,
 * `settle`'s new state and the CLI's renderings all read this table, and the
 * types `ResolvedArgs`, `InvocationArgs` and `InvocationState` are derived
 * from it: an attribute is added by adding its row (and its tests).
 */
import type * as t from 'io-ts'
import { FunctionNameCodec, QualifierCodec, RegionCodec, TenantIdCodec, TerraformKeyCodec } from '../decode/aws.js'
import { AnyString, NonEmptyString, oneOf, StringMap } from '../decode/codec.js'
import type { Qualifier, Region, TerraformKey } from './brand.js'

/** `CREATE_ONLY` invokes on create (and update); `CRUD` also on delete and adds the lifecycle key. */
export type LifecycleScope = 'CREATE_ONLY' | 'CRUD'

/** Lifecycle scopes. */
export const LifecycleScopeCodec = oneOf<LifecycleScope>('LifecycleScope', ['CREATE_ONLY', 'CRUD'])

/**
 * Whether a value must be given (`required`), takes the row's default when
 * absent (`default`), or may be absent (`optional`). `null` means absent.
 */
export type Presence = 'required' | 'default' | 'optional'

/** What a change of an attribute does to the resource: replace it, update it in place, or nothing. */
export type Change = 'replace' | 'update' | 'none'

/** What comparing two values of an attribute may need to know. */
export interface CompareContext {
  /** The region an absent `region` means (the client's), when known. */
  readonly defaultRegion: Region | undefined
}

/** One attribute: its names, its codec, where it must be given, how values compare and what a change means. */
export interface AttributeRow<
  N extends string = string,
  A = unknown,
  O = unknown,
  Arg extends Presence | 'computed' = Presence | 'computed',
  Stored extends Presence = Presence,
  Alias extends string = string,
> {
  /** Our name (camelCase): in arguments, our state, plans. */
  readonly name: N
  /** Terraform's name (snake_case), in a Terraform state's `attributes`. */
  readonly terraformName: string
  /** Other names an argument may be given under (Pulumi's documented `pulumiKey`). */
  readonly aliases: ReadonlyArray<Alias>
  /** Checks a given value and gives it typed (branded where AWS formats it). */
  readonly codec: t.Type<A, O, unknown>
  /** The value an absent one means, where the presence is `default`. */
  readonly default: A | undefined
  /** As an argument; `computed` for what only a state holds (`id`, `result`). */
  readonly argument: Arg
  /** In our stored state, where every default is filled in. */
  readonly stored: Stored
  /** In a Terraform state's attributes (schema 0 lacks some: they take their defaults). */
  readonly terraform: Presence
  /** Whether a stored value and a desired one are the same (method syntax: rows of any type fit one list). */
  same(prior: A | undefined, desired: A | undefined, context: CompareContext): boolean
  /** What a change means, by the desired lifecycle scope. */
  readonly change: Readonly<Record<LifecycleScope, Change>>
}

type RowInput<N extends string, A, O, Arg extends Presence | 'computed', Stored extends Presence, Alias extends string> = Omit<
  AttributeRow<N, A, O, Arg, Stored, Alias>,
  'aliases' | 'default' | 'same'
> & {
  readonly aliases?: ReadonlyArray<Alias>
  readonly default?: A
  same?(prior: A | undefined, desired: A | undefined, context: CompareContext): boolean
}

const row = <const N extends string, A, O, const Arg extends Presence | 'computed', const Stored extends Presence, const Alias extends string = never>(
  r: RowInput<N, A, O, Arg, Stored, Alias>,
): AttributeRow<N, A, O, Arg, Stored, Alias> => ({
  ...r,
  aliases: r.aliases ?? [],
  default: r.default,
  same: r.same ?? ((prior, desired) => prior === desired),
})

const sameMap = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean => {
  const x = a ?? {}
  const y = b ?? {}
  const keys = Object.keys(x)
  if (keys.length !== Object.keys(y).length) return false
  return keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && x[k] === y[k])
}

const REPLACES = { CREATE_ONLY: 'replace', CRUD: 'replace' } as const
const UPDATES = { CREATE_ONLY: 'update', CRUD: 'update' } as const
const COMPUTED = { CREATE_ONLY: 'none', CRUD: 'none' } as const

// Constants of checked formats: each passes its own codec (the attribute table's test decodes every default).
/** The qualifier Terraform fills in when none is given. */
export const DEFAULT_QUALIFIER = '$LATEST' as Qualifier
/** The lifecycle scope Terraform fills in when none is given. */
export const DEFAULT_SCOPE: LifecycleScope = 'CREATE_ONLY'
/** The lifecycle key Terraform fills in when none is given. */
export const DEFAULT_KEY = 'tf' as TerraformKey

/** Every attribute, in the order of Terraform's schema (and of our state, messages and renderings). */
export const ATTRIBUTES = [
  row({ name: 'id', terraformName: 'id', codec: NonEmptyString, argument: 'computed', stored: 'required', terraform: 'required', change: COMPUTED }),
  row({ name: 'functionName', terraformName: 'function_name', codec: FunctionNameCodec, argument: 'required', stored: 'required', terraform: 'required', change: REPLACES }),
  // Compared as exact text: whitespace or key order is a change.
  row({ name: 'input', terraformName: 'input', codec: AnyString, argument: 'required', stored: 'required', terraform: 'required', change: { CREATE_ONLY: 'replace', CRUD: 'update' } }),
  row({ name: 'qualifier', terraformName: 'qualifier', codec: QualifierCodec, default: DEFAULT_QUALIFIER, argument: 'default', stored: 'required', terraform: 'default', change: REPLACES }),
  // An empty map is the same as none, wherever it is written.
  row({ name: 'triggers', terraformName: 'triggers', codec: StringMap, default: {}, argument: 'default', stored: 'default', terraform: 'default', same: sameMap, change: REPLACES }),
  row({ name: 'lifecycleScope', terraformName: 'lifecycle_scope', codec: LifecycleScopeCodec, default: DEFAULT_SCOPE, argument: 'default', stored: 'required', terraform: 'default', change: UPDATES }),
  row({ name: 'terraformKey', terraformName: 'terraform_key', aliases: ['pulumiKey'], codec: TerraformKeyCodec, default: DEFAULT_KEY, argument: 'default', stored: 'required', terraform: 'default', change: UPDATES }),
  row({ name: 'tenantId', terraformName: 'tenant_id', codec: TenantIdCodec, argument: 'optional', stored: 'optional', terraform: 'optional', change: UPDATES }),
  // A prior without region (provider v5) was made in the client's region: the provider exempts that change from the replace.
  row({
    name: 'region',
    terraformName: 'region',
    codec: RegionCodec,
    argument: 'optional',
    stored: 'optional',
    terraform: 'optional',
    same: (prior, desired, context) => (prior ?? context.defaultRegion) === desired,
    change: REPLACES,
  }),
  // The function's response payload, as text; Terraform's schema 0 states may lack it.
  row({ name: 'result', terraformName: 'result', codec: AnyString, default: '', argument: 'computed', stored: 'required', terraform: 'default', change: COMPUTED }),
] as const

type Row = (typeof ATTRIBUTES)[number]
type ArgumentRow = Exclude<Row, { readonly argument: 'computed' }>
type Simplify<T> = { [K in keyof T]: T[K] } & {}

/** An argument, by our name; the attributes a plan says changed or forced a replace. */
export type Attribute = ArgumentRow['name']

/** The arguments after validation, with every default filled in (formats branded). */
export type ResolvedArgs = Simplify<
  { readonly [R in ArgumentRow as R['argument'] extends 'optional' ? never : R['name']]: t.TypeOf<R['codec']> } & {
    readonly [R in ArgumentRow as R['argument'] extends 'optional' ? R['name'] : never]?: t.TypeOf<R['codec']>
  }
>

/** The arguments a user writes, before defaults (`pulumiKey` is an alias of `terraformKey`). */
export type InvocationArgs = Simplify<
  { readonly [R in ArgumentRow as R['argument'] extends 'required' ? R['name'] : never]: t.OutputOf<R['codec']> } & {
    readonly [R in ArgumentRow as R['argument'] extends 'required' ? never : R['name']]?: t.OutputOf<R['codec']>
  } & { readonly [R in ArgumentRow as R['aliases'][number]]?: t.OutputOf<R['codec']> }
>

/**
 * What is stored after a successful create or update (Terraform's state,
 * schema 1): the resolved arguments, the `id` (`functionName,qualifier,md5hex(payload)`
 * of the last create or update invocation) and the function's `result`.
 */
export type InvocationState = Simplify<
  { readonly schemaVersion: 1 } & { readonly [R in Row as R['stored'] extends 'optional' ? never : R['name']]: t.TypeOf<R['codec']> } & {
    readonly [R in Row as R['stored'] extends 'optional' ? R['name'] : never]?: t.TypeOf<R['codec']>
  }
>

/** The rows of the arguments, in order. */
export const ARGUMENTS: ReadonlyArray<ArgumentRow> = ATTRIBUTES.filter((r): r is ArgumentRow => r.argument !== 'computed')

/** The attributes a change of which replaces or updates, in table order, for the desired scope. */
export const changesOf = (
  prior: InvocationState,
  desired: ResolvedArgs,
  context: CompareContext,
): { readonly replace: Attribute[]; readonly update: Attribute[] } => {
  const replace: Attribute[] = []
  const update: Attribute[] = []
  for (const r of ARGUMENTS as ReadonlyArray<AttributeRow<Attribute, unknown>>) {
    if (r.same(prior[r.name], desired[r.name], context)) continue
    const change = r.change[desired.lifecycleScope]
    if (change === 'replace') replace.push(r.name)
    else if (change === 'update') update.push(r.name)
  }
  return { replace, update }
}

/** The state a successful create or update stores: the resolved arguments, with the id and result of that invocation. */
export const stateOf = (desired: ResolvedArgs, computed: { readonly id: string; readonly result: string }): InvocationState => {
  const state: Record<string, unknown> = { schemaVersion: 1 }
  for (const r of ATTRIBUTES) {
    const v = r.argument === 'computed' ? computed[r.name] : desired[r.name]
    if (v !== undefined) state[r.name] = v
  }
  // Every row is either computed (given) or an argument (resolved): the type's fields, all there.
  return state as InvocationState
}
