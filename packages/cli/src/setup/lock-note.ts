/**
 * For the commands that take no lock (plan, show): a word about a lock that
 * another process holds, or that one left behind.
 */
import { readFileSync } from 'node:fs'
import { isProcessAlive, shellQuote } from '../state-file/lock.js'

/** What to tell a reader about the lock at `path`; `undefined` when there is none. */
export const lockNote = (path: string): string | undefined => {
  let text: string
  try {
    text = readFileSync(path, 'utf8').trim()
  } catch {
    return undefined
  }
  const pid = /^\d+$/.test(text) ? Number(text) : undefined
  if (pid !== undefined && isProcessAlive(pid)) return `process ${pid} holds the state lock (${path}) and may be applying right now; a step it runs shows as interrupted here.`
  return `a stale lock was left by ${pid === undefined ? 'an unknown process' : `process ${pid}, which is no longer running`}: apply will refuse until you remove it (rm ${shellQuote(path)}).`
}
