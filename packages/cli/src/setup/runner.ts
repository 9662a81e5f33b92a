/**
 * This process as a runner: the holder the engine records in every intent it
 * writes (so that another process can say who runs a step, and since when),
 * and how long another runner's step may still be running.
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Holder } from '@lambda-invocation/core'
import type { CliArgs } from './args.js'
import type { Config } from './config.js'

/** A new runner: a random id, this host and pid, and when it started (which tells a reused pid apart). */
export const makeRunner = (now: Date = new Date()): Holder => ({ id: randomBytes(6).toString('hex'), host: hostname(), pid: process.pid, startedAt: now.toISOString() })

/** The longest a local handler runs without a timeout: Lambda's longest. */
const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000

/** What a step may take beyond its invocation: storing its result. */
const STORE_MARGIN_MS = 60 * 1000

/**
 * How long after its start another runner's step may still be running: the
 * longest timeout a call of this config may have (a resource's `timeout`,
 * --timeout, else 15 minutes), and a minute to store its result.
 */
export const leaseMsOf = (args: Pick<CliArgs, 'timeoutMs'>, config: Pick<Config, 'timeoutsMs'>): number =>
  Math.max(args.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...config.timeoutsMs.values()) + STORE_MARGIN_MS
