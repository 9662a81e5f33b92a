import type * as E from 'fp-ts/lib/Either.js'
import type { Problem } from '../model/problem.js'
import type { ResourceRecord } from '../model/record.js'

/** An opaque version token; it changes on every write. */
export type Version = string

/** A record with the version it was read at. */
export interface Versioned {
  readonly record: ResourceRecord
  readonly version: Version
}

/**
 * Why a store call failed:
 * - `Conflict`: the stored version is not the expected one (another writer won);
 * - `Unavailable`: the store could not be reached or refused the call;
 * - `Corrupt`: what is stored is not a record.
 */
export type StoreFailure =
  | { readonly _tag: 'Conflict'; readonly key: string; readonly expected: Version | undefined; readonly message: string }
  | { readonly _tag: 'Unavailable'; readonly key?: string; readonly message: string; readonly cause?: unknown }
  | { readonly _tag: 'Corrupt'; readonly key: string; readonly message: string; readonly problems?: ReadonlyArray<Problem> }

/** The port that keeps records per resource key, with compare-and-set. Implementations never throw. */
export interface StateStore {
  /** The record and its version, or `undefined` when there is none. */
  read(key: string): Promise<E.Either<StoreFailure, Versioned | undefined>>
  /**
   * Writes if the stored version is `expected` (`undefined`: only if no record
   * exists), and gives the new version; otherwise a `Conflict`, writing nothing.
   */
  write(key: string, record: ResourceRecord, expected: Version | undefined): Promise<E.Either<StoreFailure, Version>>
  /** Deletes if the stored version is `expected`; otherwise a `Conflict`. */
  delete(key: string, expected: Version): Promise<E.Either<StoreFailure, void>>
  /** Every key with a record, sorted. */
  list(): Promise<E.Either<StoreFailure, ReadonlyArray<string>>>
}
