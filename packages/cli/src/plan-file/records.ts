/**
 * The versions of the state's records now: every key the store lists and
 * every other key asked about (absent: no record). What a saved plan records
 * and what `apply FILE` compares it with.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StateStore } from '@lambda-invocation/core'
import type { CliError } from '../setup/cli-error.js'

/** Every listed key's version, and `also`'s (`undefined`: no record), sorted by key. */
export const recordVersions = async (store: StateStore, stateLabel: string, also: ReadonlyArray<string>): Promise<E.Either<CliError, ReadonlyMap<string, string | undefined>>> => {
  const listed = await store.list()
  if (E.isLeft(listed)) return E.left({ _tag: 'StoreFailed', key: '', message: `cannot list the state (${stateLabel}): ${listed.left.message}` })
  const versions = new Map<string, string | undefined>()
  for (const key of [...new Set([...listed.right, ...also])].sort()) {
    const read = await store.read(key)
    if (E.isLeft(read)) return E.left({ _tag: 'StoreFailed', key, message: `cannot read "${key}" in the state (${stateLabel}): ${read.left.message}` })
    versions.set(key, read.right?.version)
  }
  return E.right(versions)
}
