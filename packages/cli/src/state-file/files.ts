/**
 * The file operations the state file is made of, each atomic or durable as
 * its name says. They throw on failure; the store turns that into a
 * `StoreFailure`.
 */
import { closeSync, fchmodSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { isProcessAlive } from './lock.js'

/** The backup of a state file: `<file>.backup`. */
export const backupPathFor = (file: string): string => `${file}.backup`

/** Which file is at a path: its device and inode, and its size and modification time to notice writes. */
export interface FileIdentity {
  readonly dev: bigint
  readonly ino: bigint
  readonly size: bigint
  readonly mtimeNs: bigint
}

/** The identity of a file from its stats. */
export const identityOf = (st: BigIntStats): FileIdentity => ({ dev: st.dev, ino: st.ino, size: st.size, mtimeNs: st.mtimeNs })

/** Whether two identities name the same file (not necessarily at the same size). */
export const sameFile = (a: FileIdentity, b: FileIdentity): boolean => a.dev === b.dev && a.ino === b.ino

/** Writes all of `bytes` at `position` of an open file; a short write (a full disk) is an error. */
export const writeAll = (fd: number, bytes: Uint8Array, position: number): void => {
  for (let done = 0; done < bytes.length; ) {
    const n = writeSync(fd, bytes, done, bytes.length - done, position + done)
    if (n <= 0) throw new Error(`no room to write the last ${bytes.length - done} bytes`)
    done += n
  }
}

/** Writes `text` to a new file `tmp` with mode 0600, fsynced when `sync`. */
export const writeTemp = (tmp: string, text: string | Uint8Array, sync: boolean): void => {
  const fd = openSync(tmp, 'w', 0o600)
  try {
    fchmodSync(fd, 0o600)
    writeAll(fd, typeof text === 'string' ? Buffer.from(text) : text, 0)
    if (sync) fsyncSync(fd)
  } catch (e) {
    closeSync(fd)
    unlinkQuietly(tmp)
    throw e
  }
  closeSync(fd)
}

/**
 * Makes `backup` a hard link to `file`, the version about to be replaced (no
 * copy; the rename that follows gives the state file a new inode), or where
 * links are not supported a copy. Atomic either way; not fsynced of its own,
 * as the folder is fsynced after the state file's rename.
 */
export const keepBackup = (file: string, backup: string): void => {
  const tmp = `${backup}.tmp-${process.pid}`
  unlinkQuietly(tmp)
  try {
    linkSync(file, tmp)
  } catch {
    writeTemp(tmp, readFileSync(file), false)
  }
  renameSync(tmp, backup)
  // When the backup already was this file (a rewrite killed between keeping
  // it and replacing the file), the rename does nothing and leaves tmp.
  unlinkQuietly(tmp)
}

/** Replaces `path` with `text` through a temporary file: write, fsync, rename, then fsync the folder. */
export const writeAtomically = (path: string, text: string): void => {
  const tmp = `${path}.tmp-${process.pid}`
  writeTemp(tmp, text, true)
  renameSync(tmp, path)
  syncDir(dirname(path))
}

/** Fsyncs a folder, so a rename in it is durable; some platforms cannot, and there the rename is still atomic. */
export const syncDir = (dir: string): void => {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // see above
  }
}

/** Removes a file if it is there. */
export const unlinkQuietly = (path: string): void => {
  try {
    unlinkSync(path)
  } catch {
    // usually absent
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Removes the temporary files of `file` and of its backup that a process
 * killed mid-rewrite left behind (`<file>.tmp-<pid>`, `<file>.backup.tmp-<pid>`,
 * whose process is gone). Best effort: a folder that cannot be listed is left as it is.
 */
export const removeStaleTemporaries = (file: string): void => {
  const dir = dirname(file)
  const pattern = new RegExp(`^${escapeRegExp(basename(file))}(?:\\.backup)?\\.tmp-(\\d+)$`)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const pid = pattern.exec(name)?.[1]
    if (pid !== undefined && Number(pid) !== process.pid && !isProcessAlive(Number(pid))) unlinkQuietly(join(dir, name))
  }
}
