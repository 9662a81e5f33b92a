/**
 * The data model shared by every package: arguments, stored state, invoke
 * requests and plans. Everything is readonly and plain JSON.
 */

/** `CREATE_ONLY` invokes on create (and update); `CRUD` also on delete and adds the lifecycle key. */
export type LifecycleScope = 'CREATE_ONLY' | 'CRUD'

/** The lifecycle action a single invocation performs. */
export type LifecycleAction = 'create' | 'update' | 'delete'

/** The arguments a user writes, before defaults. `pulumiKey` is an alias of `terraformKey`. */
export interface InvocationArgs {
  readonly functionName: string
  readonly input: string
  readonly qualifier?: string
  readonly triggers?: Readonly<Record<string, string>>
  readonly lifecycleScope?: LifecycleScope
  readonly terraformKey?: string
  readonly pulumiKey?: string
  readonly tenantId?: string
  readonly region?: string
}

/** Arguments after validation, with every default filled in. */
export interface ResolvedArgs {
  readonly functionName: string
  readonly input: string
  readonly qualifier: string
  readonly triggers: Readonly<Record<string, string>>
  readonly lifecycleScope: LifecycleScope
  readonly terraformKey: string
  readonly tenantId?: string
  readonly region?: string
}

/** What is stored after a successful create or update (Terraform's state, schema 1). */
export interface InvocationState extends ResolvedArgs {
  readonly schemaVersion: 1
  /** `functionName,qualifier,md5hex(payload)` of the last create or update invocation. */
  readonly id: string
  /** The function's response payload, as text. */
  readonly result: string
}

/** One invocation a plan asks for, in the order the plan lists them. */
export interface InvokeRequest {
  readonly functionName: string
  readonly qualifier: string
  /** The exact payload, as a string; sent as its UTF-8 bytes. */
  readonly payload: string
  readonly lifecycle: LifecycleAction
  readonly tenantId?: string
  readonly region?: string
}

/** An attribute whose change causes an update or forces a replace. */
export type Attribute =
  | 'functionName'
  | 'input'
  | 'qualifier'
  | 'triggers'
  | 'lifecycleScope'
  | 'terraformKey'
  | 'tenantId'
  | 'region'

/** Which half of a replace runs first: Terraform's `delete-first` (default) or Pulumi's `create-first`. */
export type ReplaceOrder = 'delete-first' | 'create-first'

/** How a CRUD payload is encoded: byte-identical to Terraform (default), or keeping the user's key order and number text. */
export type Encoding = 'terraform' | 'preserve'

/** Options of `plan`. */
export interface PlanOptions {
  readonly replaceOrder?: ReplaceOrder
  readonly encoding?: Encoding
  /**
   * The region that calls without `region` go to (the client's), when the
   * caller knows it. Arguments without `region` then resolve to it, as
   * Terraform fills the provider's region; unknown, they keep the prior's.
   */
  readonly defaultRegion?: string
}

/** What to do, and the invocations to run in order. */
export type Plan =
  | {
      readonly action: 'noop'
      readonly invocations: readonly []
      readonly prior: InvocationState | undefined
      readonly desired: ResolvedArgs | undefined
    }
  | {
      readonly action: 'create'
      readonly invocations: readonly [InvokeRequest]
      readonly prior: undefined
      readonly desired: ResolvedArgs
    }
  | {
      readonly action: 'update'
      readonly invocations: readonly [InvokeRequest]
      readonly prior: InvocationState
      readonly desired: ResolvedArgs
      /** The attributes whose change causes the update. */
      readonly changed: ReadonlyArray<Attribute>
    }
  | {
      readonly action: 'replace'
      /** One (prior scope CREATE_ONLY: the create) or two (delete and create, in `order`). */
      readonly invocations: readonly [InvokeRequest] | readonly [InvokeRequest, InvokeRequest]
      readonly prior: InvocationState
      readonly desired: ResolvedArgs
      /** The attributes that force the replace. */
      readonly forcedBy: ReadonlyArray<Attribute>
      readonly order: ReplaceOrder
    }
  | {
      readonly action: 'delete'
      /** Empty when the prior scope is CREATE_ONLY: the state is just dropped. */
      readonly invocations: readonly [] | readonly [InvokeRequest]
      readonly prior: InvocationState
      readonly desired: undefined
    }

/** The action a plan takes. */
export type Action = Plan['action']
