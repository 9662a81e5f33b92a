import { describeStateStoreContract } from '../../src/testing/state-store-contract.js'
import { mapStore } from '../engine/fakes.js'

// The suite run against the smallest correct store: it must pass there, so any failure elsewhere is the adapter's.
describeStateStoreContract('reference Map store', () => ({ store: mapStore() }))
