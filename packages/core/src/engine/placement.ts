import { recordOf } from './cursor.js'
import type { Placement } from './run-steps.js'

/** The main plan's settlement goes into `state` and `deposed`. */
export const placeMain: Placement = (settled) => recordOf(settled.state, settled.deposed)

/** A deposed state's delete leaves the current state alone and keeps only what is still to delete. */
export const placeDeposed: Placement = (settled, before) => recordOf(before.state, settled.state)
