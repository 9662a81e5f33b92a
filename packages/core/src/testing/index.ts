/**
 * @lambda-invocation/core/testing: the contract suites every adapter runs
 * against itself, and fixtures for them. Imports Vitest (an optional peer).
 */
export { describeInvokerContract } from './invoker-contract.js'
export type { InvokerCapabilities, InvokerFixture } from './invoker-contract.js'
export { describeStateStoreContract } from './state-store-contract.js'
export type { StateStoreFixture } from './state-store-contract.js'
export { lifecycleKey, makeRequest, makeState, sampleRecord, sampleState } from './fixtures.js'
export type { RequestFields, StateFields } from './fixtures.js'
