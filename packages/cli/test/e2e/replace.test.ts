/**
 * `--replace NAME` end to end: the named resource runs again, its delete
 * invocation then its create (Terraform's `-replace`), through the core's
 * `forceReplace`; the next plan is a noop; a name not in the config is a
 * usage error with the nearest one.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configText, LOGGING_HANDLERS, ranLog, runBin, useFolders } from './harness.js'


const folders = useFolders()
const applied = (): string => {
  const dir = folders({
    'lambda-invocation.json': configText({
      'seed-users': { functionName: 'echo', input: { n: 1 }, lifecycleScope: 'CRUD' },
      other: { functionName: 'other', input: { n: 2 }, lifecycleScope: 'CRUD' },
    }),
    'handlers.mjs': LOGGING_HANDLERS,
  })
  const r = runBin(dir, ['apply', '--auto-approve'])
  if (r.code !== 0) throw new Error(r.stderr)
  writeFileSync(join(dir, 'ran.log'), '')
  return dir
}


describe('--replace', () => {
  it('plan marks the resource as replaced on request, and invokes nothing', () => {
    const dir = applied()
    const r = runBin(dir, ['plan', '--replace', 'seed-users'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('# seed-users will be replaced, as requested with --replace (delete first, then create)')
    expect(r.stdout).toContain('invokes echo:$LATEST (delete), then echo:$LATEST (create)')
    expect(r.stdout).not.toContain('# other')
    expect(r.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy. 2 to invoke.')
    expect(ranLog(dir)).toEqual([])
  })

  it('apply invokes the delete, then the create, of that resource only; plan after it is a noop', () => {
    const dir = applied()
    const r = runBin(dir, ['apply', '--auto-approve', '--replace', 'seed-users'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('seed-users: replaced')
    expect(ranLog(dir).map((l) => [l.fn, l.event.tf?.action])).toEqual([
      ['echo', 'delete'],
      ['echo', 'create'],
    ])
    const after = runBin(dir, ['plan', '--detailed-exitcode'])
    expect(after.code, after.stdout).toBe(0)
    expect(after.stdout).toContain('No changes. 2 resources match the config.')
  })

  it('is repeatable', () => {
    const dir = applied()
    expect(runBin(dir, ['apply', '--auto-approve', '--replace', 'seed-users', '--replace', 'other']).code).toBe(0)
    expect(ranLog(dir).map((l) => [l.fn, l.event.tf?.action])).toEqual([
      ['other', 'delete'],
      ['other', 'create'],
      ['echo', 'delete'],
      ['echo', 'create'],
    ])
  })

  it('a name not in the config is a usage error with the nearest name, nothing invoked; so is one only in the state', () => {
    const dir = applied()
    const typo = runBin(dir, ['apply', '--auto-approve', '--replace', 'seed-user'])
    expect(typo.code).toBe(1)
    expect(typo.stderr).toContain(`--replace "seed-user" is not a resource of the config (${join(dir, 'lambda-invocation.json')}); did you mean "seed-users"?`)
    const json = runBin(dir, ['plan', '--json', '--replace', 'seed-user'])
    expect(JSON.parse(json.stdout).errors.map((e: { error: string }) => e.error)).toEqual(['UsageError'])
    // "other" left the config: it is in the state only, to be destroyed, not replaced.
    writeFileSync(join(dir, 'lambda-invocation.json'), configText({ 'seed-users': { functionName: 'echo', input: { n: 1 }, lifecycleScope: 'CRUD' } }))
    const gone = runBin(dir, ['apply', '--auto-approve', '--replace', 'other'])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toContain('--replace "other" is not a resource of the config')
    expect(ranLog(dir)).toEqual([])
  })
})
