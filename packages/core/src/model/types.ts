/**
 * The data model shared by every package: arguments, stored state, invoke
 * requests and plans. Everything is readonly and plain JSON.
 */

import type { Attribute, InvocationArgs, InvocationState, LifecycleScope, ResolvedArgs } from './attributes.js'
import type { FunctionName, Qualifier, Region, TenantId } from './brand.js'

export type { Attribute, InvocationArgs, InvocationState, LifecycleScope, ResolvedArgs }

/** The lifecycle action a single invocation performs. */
export type LifecycleAction = 'create' | 'update' | 'delete'

/** One invocation a plan asks for, in the order the plan lists them. */
export interface InvokeRequest {
  readonly functionName: FunctionName
  readonly qualifier: Qualifier
  /** The exact payload, as a string; sent as its UTF-8 bytes. */
  readonly payload: string
  readonly lifecycle: LifecycleAction
  readonly tenantId?: TenantId
  readonly region?: Region
}

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
  /**
   * Replace the resource even when nothing changed, as Terraform's
   * `-replace=ADDRESS` does (a command-line behaviour, not the resource's):
   * with a prior state and arguments the plan is a `replace` (in CRUD scope
   * the delete invocation and the create, in `replaceOrder`) marked
   * `requested`. With no prior state it is a plain create; with no arguments
   * (a destroy) it is refused, as there would be nothing to create.
   */
  readonly forceReplace?: boolean
}

/** Plan options after validation, defaults filled in. */
export interface ResolvedPlanOptions {
  readonly replaceOrder: ReplaceOrder
  readonly encoding: Encoding
  readonly defaultRegion?: Region
  /** Present when given (`false` is the same as absent). */
  readonly forceReplace?: boolean
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
      /** The attributes that force the replace (with `requested`, those that would have forced it anyway: often none). */
      readonly forcedBy: ReadonlyArray<Attribute>
      readonly order: ReplaceOrder
      /** Present when the replace was asked for (`PlanOptions.forceReplace`, Terraform's `-replace`): "replaced, as requested". */
      readonly requested?: true
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
