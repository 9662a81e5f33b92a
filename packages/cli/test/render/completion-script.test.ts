import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { bashCompletion, zshCompletion } from '../../src/render/completion-script.js'
import { COMMAND_USAGE, OPTION_USAGE, type CommandName, type OptionName } from '../../src/setup/usage.js'

describe('the completion scripts', () => {
  it('are valid bash, and name every command of the usage table with each of its flags', () => {
    const check = spawnSync('bash', ['-n'], { input: bashCompletion(), encoding: 'utf8' })
    expect(check.status, check.stderr).toBe(0)
    for (const script of [bashCompletion(), zshCompletion()]) {
      for (const c of Object.keys(COMMAND_USAGE) as CommandName[]) {
        const line = script.split('\n').find((l) => l.includes(`'${c}')`) && l.includes('--'))
        for (const o of COMMAND_USAGE[c].options) expect(line, `${c} --${o}`).toContain(`--${o}`)
      }
    }
  })

  it('skip the value of every option that takes one when finding the command', () => {
    const valued = (Object.keys(OPTION_USAGE) as OptionName[]).filter((o) => OPTION_USAGE[o].value !== undefined).map((o) => `--${o}`)
    expect(bashCompletion()).toContain(`      ${valued.join('|')}) skip=1 ;;`)
    expect(zshCompletion()).toContain(`      (${valued.join('|')}) skip=1 ;;`)
  })
})
