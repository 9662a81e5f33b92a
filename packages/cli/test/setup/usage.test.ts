import { describe, expect, it } from 'vitest'
import { HELP, parseCliArgs } from '../../src/setup/args.js'
import { COMMAND_USAGE, commandHelp, OPTION_USAGE, type CommandName, type OptionName } from '../../src/setup/usage.js'

const COMMANDS = Object.keys(COMMAND_USAGE) as CommandName[]
const OPTIONS = Object.keys(OPTION_USAGE) as OptionName[]

describe('the usage table', () => {
  it('names only options the parser takes, and the general help lists every option and command', async () => {
    for (const o of OPTIONS) {
      const value = OPTION_USAGE[o].value === undefined ? [] : ['x']
      // An unknown option is refused as such; a known one may fail for other reasons, never as unknown.
      const parsed = await parseCliArgs(['plan', `--${o}`, ...value])
      if (parsed._tag === 'Left') expect(parsed.left.message).not.toContain('unknown option')
      expect(HELP).toContain(o === 'help' ? '-h, --help' : `--${o}`)
    }
    for (const c of COMMANDS) expect(HELP).toContain(`  ${COMMAND_USAGE[c].usage.split(' [')[0]}`)
  })

  it('gives each command a help with its usage line and each of its flags', () => {
    for (const c of COMMANDS) {
      const text = commandHelp(c)
      expect(text.startsWith(`Usage: lambda-invocation ${COMMAND_USAGE[c].usage}`)).toBe(true)
      for (const o of COMMAND_USAGE[c].options) expect(text).toContain(`--${o}`)
    }
    expect(commandHelp('plan')).toContain('  --detailed-exitcode')
    expect(commandHelp('plan')).not.toContain('--concurrency')
  })

  it('gives every parser option to some command', () => {
    const used = new Set(COMMANDS.flatMap((c) => COMMAND_USAGE[c].options))
    expect(OPTIONS.filter((o) => o !== 'version' && !used.has(o))).toEqual([])
  })
})
