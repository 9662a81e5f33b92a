import * as E from 'fp-ts/lib/Either.js'
import type { Clock } from '../../src/ports/clock.js'
import type { InvokeCall, InvokeFailure, Invoker, InvokeResponse } from '../../src/ports/invoker.js'
import type { StateStore, StoreFailure, Version, Versioned } from '../../src/ports/state-store.js'
import type { ResourceRecord } from '../../src/model/record.js'

/** An invoker that answers from a script, one answer per call, then echoes; records the calls. */
export const scriptedInvoker = (...script: Array<E.Either<InvokeFailure, InvokeResponse>>) => {
  const calls: InvokeCall[] = []
  const invoker: Invoker = {
    invoke: (call) => {
      calls.push(call)
      return Promise.resolve(script.shift() ?? E.right({ statusCode: 200, payload: call.payload }))
    },
  }
  return { invoker, calls }
}

/** A failure of the given tag for function `fn`. */
export const failure = (tag: InvokeFailure['_tag'], extra: Partial<InvokeFailure> = {}): E.Either<InvokeFailure, InvokeResponse> =>
  E.left({ _tag: tag, functionName: 'fn', message: `${tag} (fake)`, ...extra } as InvokeFailure)

/** A clock that never waits and remembers the sleeps. */
export const fakeClock = () => {
  const sleeps: number[] = []
  const clock: Clock = { now: () => new Date('2026-01-01T00:00:00.000Z'), sleep: (ms) => (sleeps.push(ms), Promise.resolve()) }
  return { clock, sleeps }
}

/** The smallest correct state store: a Map with a counter for versions and JSON copies in and out. */
export const mapStore = (): StateStore => {
  const entries = new Map<string, { json: string; version: Version }>()
  let counter = 0
  const conflict = (key: string, expected: Version | undefined): E.Either<StoreFailure, never> =>
    E.left({ _tag: 'Conflict', key, expected, message: 'version moved' })
  return {
    read: (key) => {
      const e = entries.get(key)
      return Promise.resolve(E.right<StoreFailure, Versioned | undefined>(e === undefined ? undefined : { record: JSON.parse(e.json) as ResourceRecord, version: e.version }))
    },
    write: (key, record, expected) => {
      if (entries.get(key)?.version !== expected) return Promise.resolve(conflict(key, expected))
      const version = `v${++counter}`
      entries.set(key, { json: JSON.stringify(record), version })
      return Promise.resolve(E.right(version))
    },
    delete: (key, expected) => {
      const e = entries.get(key)
      if (e === undefined || e.version !== expected) return Promise.resolve(conflict(key, expected))
      entries.delete(key)
      return Promise.resolve(E.right(undefined))
    },
    list: () => Promise.resolve(E.right([...entries.keys()].sort())),
  }
}
