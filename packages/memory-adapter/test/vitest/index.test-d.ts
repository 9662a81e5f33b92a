/** Type test, checked by `tsc` (`pnpm typecheck`), never run: the matchers are typed on `expect(...)` once the subpath is imported. */
import { expect } from 'vitest'
import { MemoryInvoker } from '../../src/invoker.js'
import { invokerMatchers, type InvocationMatch } from '../../src/vitest/index.js'

expect.extend(invokerMatchers)
const invoker = new MemoryInvoker()

expect(invoker).toHaveInvoked('fn')
expect(invoker).toHaveInvoked('fn', { action: 'update', qualifier: 'live', payload: expect.stringContaining('x'), event: { n: 1 } })
expect(invoker).not.toHaveInvokedTimes('fn', 2, { action: 'delete' })
expect(invoker).toHaveInvokedWith('fn', expect.objectContaining({ n: 1 }))
expect(invoker).toHaveLastInvokedWith('fn', { n: 1 })
expect(invoker).toHaveNthInvokedWith('fn', 2, { n: 1 })
const match: InvocationMatch = { action: 'create' }
expect(invoker).toHaveInvoked('fn', match)

// @ts-expect-error: a misspelt key of the match
expect(invoker).toHaveInvoked('fn', { acton: 'update' })
// @ts-expect-error: not a lifecycle action
expect(invoker).toHaveInvoked('fn', { action: 'upsert' })
// @ts-expect-error: times is a number
expect(invoker).toHaveInvokedTimes('fn', '2')
// @ts-expect-error: the nth run is a number
expect(invoker).toHaveNthInvokedWith('fn', { n: 1 })
