/**
 * `completion bash` and `completion zsh`, from the built binary. The bash
 * script is sourced in `bash -c` and its function called as bash's
 * programmable completion would (COMP_WORDS, COMP_CWORD), with the binary on
 * PATH as `lambda-invocation` for the resource names. zsh is checked with
 * `zsh -n` and by calling its function when zsh is installed; where it is not,
 * the test checks the script's structure only, and says so.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, configText, folder, runBin, useFolders } from './harness.js'

const make = useFolders()

/** A folder with a config and `lambda-invocation` on a PATH of its own. */
const setup = (): { dir: string; path: string } => {
  const dir = make({ 'lambda-invocation.json': configText({ 'seed-users': { functionName: 'echo', input: '{}' }, warm: { functionName: 'echo', input: '{}' } }) })
  mkdirSync(join(dir, 'bin'))
  const wrapper = join(dir, 'bin', 'lambda-invocation')
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
  chmodSync(wrapper, 0o755)
  return { dir, path: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}` }
}

const quote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`

/** What the bash completion offers for `words`, the last one being completed. */
const bashComplete = (script: string, dir: string, path: string, words: ReadonlyArray<string>): string[] => {
  const program = `source /dev/stdin <<'LI_SCRIPT'\n${script}LI_SCRIPT\nCOMP_WORDS=(${words.map(quote).join(' ')})\nCOMP_CWORD=${words.length - 1}\n_lambda_invocation\nprintf '%s\\n' "\${COMPREPLY[@]}"`
  const r = spawnSync('bash', ['-c', program], { cwd: dir, env: { ...process.env, PATH: path }, encoding: 'utf8', timeout: 20_000 })
  expect(r.status, r.stderr).toBe(0)
  return r.stdout.split('\n').filter((l) => l !== '')
}

describe('completion bash', () => {
  it('completes commands, state subcommands, each command\'s flags, option values and resource names', () => {
    const { dir, path } = setup()
    const script = runBin(dir, ['completion', 'bash']).stdout
    expect(script).toContain('complete -F _lambda_invocation lambda-invocation')
    const complete = (...words: string[]) => bashComplete(script, dir, path, ['lambda-invocation', ...words])
    expect(complete('')).toEqual(['plan', 'apply', 'destroy', 'show', 'validate', 'output', 'import', 'import-terraform', 'state', 'completion', 'help', 'version'])
    expect(complete('de')).toEqual(['destroy'])
    expect(complete('state', '')).toEqual(['list', 'rm', 'mv'])
    expect(complete('plan', '--d')).toEqual(['--detailed-exitcode'])
    expect(complete('apply', '--auto')).toEqual(['--auto-approve'])
    // A flag of another command is not offered.
    expect(complete('plan', '--auto')).toEqual([])
    expect(complete('apply', '--resolve', 'a')).toEqual(['assume-done'])
    expect(complete('plan', '--target', '')).toEqual(['seed-users', 'warm'])
    expect(complete('output', 's')).toEqual(['seed-users'])
    expect(complete('state', 'rm', 'warm', '')).toEqual(['seed-users', 'warm'])
    // state mv completes the old name only; output takes one name.
    expect(complete('state', 'mv', 'warm', '')).toEqual([])
    expect(complete('output', 'warm', '')).toEqual([])
    // An option's value is not taken for the command.
    expect(complete('--config', 'lambda-invocation.json', 'st')).toEqual(['state'])
    expect(complete('completion', '')).toEqual(['bash', 'zsh'])
  })

  it('reads resource names from the --config on the line, and offers none for a missing config', () => {
    const { dir, path } = setup()
    writeFileSync(join(dir, 'other.json'), configText({ 'only-here': { functionName: 'echo', input: '{}' } }))
    const script = runBin(dir, ['completion', 'bash']).stdout
    expect(bashComplete(script, dir, path, ['lambda-invocation', 'plan', '--config', 'other.json', '--target', ''])).toEqual(['only-here'])
    expect(bashComplete(script, dir, path, ['lambda-invocation', 'plan', '--config', 'missing.json', '--target', ''])).toEqual([])
    expect(runBin(dir, ['completion', 'resources']).stdout).toBe('seed-users\nwarm\n')
  })
})

describe('completion zsh', () => {
  const zsh = spawnSync('zsh', ['--version'], { encoding: 'utf8' })
  const hasZsh = zsh.status === 0

  it(`prints a #compdef script with the same commands, flags and names${hasZsh ? '' : ' (zsh is not installed here: its structure is checked, it is not run)'}`, () => {
    const { dir, path } = setup()
    const script = runBin(dir, ['completion', 'zsh']).stdout
    expect(script.startsWith('#compdef lambda-invocation\n')).toBe(true)
    expect(script).toContain('\n_lambda_invocation() {\n')
    expect(script).toContain('\ncompdef _lambda_invocation lambda-invocation\n')
    expect(script).toContain("('') compadd -- plan apply destroy show validate output import import-terraform state completion help version ;;")
    expect(script).toContain('(state) compadd -- list rm mv ;;')
    expect(script).toMatch(/\('plan'\) compadd -- [^\n]*--detailed-exitcode/)
    expect(script).toContain('(--resolve) compadd -- retry assume-done forget; return ;;')
    expect(script).toContain('(--target) compadd -- ${(f)"$(_lambda_invocation_resources)"}; return ;;')
    expect(script).toContain('completion resources')
    // Every brace, case and if closed.
    expect(script.match(/\{\n/g)?.length).toBe(script.match(/\n\}\n/g)?.length)
    expect(script.match(/\bcase\b/g)?.length).toBe(script.match(/\besac\b/g)?.length)
    if (!hasZsh) {
      process.stderr.write('completion zsh: zsh is not installed; the script was checked as text, not run\n')
      return
    }
    const check = spawnSync('zsh', ['-n'], { input: script, encoding: 'utf8' })
    expect(check.status, check.stderr).toBe(0)
    const program = `autoload -U compinit && compinit -u\nsource <(lambda-invocation completion zsh)\ncompadd() { shift; print -l -- "$@" }\nwords=(lambda-invocation state '')\nCURRENT=3\n_lambda_invocation`
    const r = spawnSync('zsh', ['-c', program], { cwd: dir, env: { ...process.env, PATH: path }, encoding: 'utf8' })
    expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual(['list', 'rm', 'mv'])
  })
})
