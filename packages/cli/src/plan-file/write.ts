/**
 * Writing a plan file: it holds the payloads, so it is created with mode
 * 0600, and atomically (a temporary file beside it, synced, then renamed
 * over it), so a reader never sees half a plan.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { CliError } from '../setup/cli-error.js'

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'its folder does not exist'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'it is a folder'
  return e instanceof Error ? e.message : String(e)
}

/** Writes `text` to `file` with mode 0600, replacing it atomically. Never throws. */
export const writePlanFile = (file: string, text: string): E.Either<CliError, void> => {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', 0o600)
    writeSync(fd, text)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, file)
    return E.right(undefined)
  } catch (e) {
    if (fd !== undefined) closeSync(fd)
    rmSync(temp, { force: true })
    return E.left({ _tag: 'PlanFileUnwritable', file, why: why(e) })
  }
}
