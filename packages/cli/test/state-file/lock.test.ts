import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireLock, isProcessAlive, tryLock } from '../../src/state-file/lock.js'

/** The pid of a process that has exited. */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(r.stdout.toString())
}

describe('lock file', () => {
  let dir: string
  let path: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'li-lock-'))
    path = join(dir, 'state.json.lock')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('holds the pid with mode 0600 and is removed on release', () => {
    const lock = tryLock(path)
    if (!E.isRight(lock)) throw new Error(lock.left.message)
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    lock.right.release()
    expect(existsSync(path)).toBe(false)
  })

  it('refuses a second holder, naming the live pid', () => {
    const first = tryLock(path)
    expect(E.isRight(first)).toBe(true)
    const second = tryLock(path)
    expect(E.isLeft(second) && second.left._tag).toBe('Held')
    expect(E.isLeft(second) && second.left.message).toContain(`locked by process ${process.pid}`)
  })

  it('reports a lock left by a dead process as stale, with the command to clear it, and leaves it in place', () => {
    const pid = deadPid()
    expect(isProcessAlive(pid)).toBe(false)
    writeFileSync(path, `${pid}\n`)
    const r = tryLock(path)
    expect(E.isLeft(r) && r.left._tag).toBe('Stale')
    expect(E.isLeft(r) && r.left.message).toContain(`process ${pid}, which is no longer running`)
    expect(E.isLeft(r) && r.left.message).toContain(`rm ${path}`)
    expect(readFileSync(path, 'utf8')).toBe(`${pid}\n`)
  })

  it('does not release a lock another process took over', () => {
    const lock = tryLock(path)
    if (!E.isRight(lock)) throw new Error('lock failed')
    writeFileSync(path, '1\n')
    lock.right.release()
    expect(readFileSync(path, 'utf8')).toBe('1\n')
  })

  it('waits for a live holder to release, up to the wait limit', async () => {
    const first = tryLock(path)
    if (!E.isRight(first)) throw new Error('lock failed')
    setTimeout(() => first.right.release(), 60)
    const second = await acquireLock(path, { waitMs: 2000, pollMs: 10 })
    expect(E.isRight(second)).toBe(true)
    const third = await acquireLock(path, { waitMs: 30, pollMs: 10 })
    expect(E.isLeft(third) && third.left._tag).toBe('Held')
  })

  it('treats a lock file that stays empty as stale', async () => {
    writeFileSync(path, '')
    const r = await acquireLock(path, { waitMs: 0 })
    expect(E.isLeft(r) && r.left._tag).toBe('Stale')
    expect(E.isLeft(r) && r.left.message).toContain('unreadable process id')
  })
})

describe('isProcessAlive', () => {
  it('is true for this process and false for ids that cannot be processes', () => {
    expect(isProcessAlive(process.pid)).toBe(true)
    expect(isProcessAlive(0)).toBe(false)
    expect(isProcessAlive(-1)).toBe(false)
    expect(isProcessAlive(1.5)).toBe(false)
  })

  it.runIf(process.platform === 'linux')('is false for a killed child nobody has reaped yet (a zombie)', async () => {
    const { spawn } = await import('node:child_process')
    // The child exits at once; its parent (a shell) sleeps without reaping it, so it stays a zombie for a while.
    const shell = spawn('sh', ['-c', 'node -e "process.exit(0)" & echo $!; exec sleep 3'], { stdio: ['ignore', 'pipe', 'ignore'] })
    const pid = await new Promise<number>((resolve) => shell.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))))
    try {
      const deadline = Date.now() + 5000
      while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      expect(isProcessAlive(pid)).toBe(false)
      let answersSignal0 = true
      try {
        process.kill(pid, 0)
      } catch {
        answersSignal0 = false
      }
      expect(answersSignal0).toBe(true) // still a zombie: signal 0 alone would call it alive
    } finally {
      shell.kill('SIGKILL')
    }
  })
})
