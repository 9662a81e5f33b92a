/**
 * `completion bash|zsh`: prints the completion script. `completion resources`
 * (what the scripts call) prints the config's resource names, one a line,
 * from a plain `JSON.parse`: cheap enough to run on every Tab, and silent when
 * the config is missing or invalid (completion offers nothing then).
 * Loads neither the core nor the state.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { bashCompletion, zshCompletion } from '../render/completion-script.js'
import type { CliArgs } from '../setup/args.js'
import type { CliIo } from '../setup/io.js'

const DEFAULT_CONFIG_FILE = 'lambda-invocation.json'

/** The config's resource names, or none when it cannot be read. */
export const configResourceNames = (file: string): ReadonlyArray<string> => {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { resources?: unknown }
    const r = doc.resources
    return typeof r === 'object' && r !== null && !Array.isArray(r) ? Object.keys(r).filter((k) => k !== '' && !/\s/.test(k)) : []
  } catch {
    return []
  }
}

/** Runs `completion`; gives the exit code. */
export const runCompletion = (args: CliArgs, io: CliIo): number => {
  switch (args.operands[0]) {
    case 'bash':
      io.stdout.write(bashCompletion())
      return 0
    case 'zsh':
      io.stdout.write(zshCompletion())
      return 0
    default:
      io.stdout.write(configResourceNames(resolve(io.cwd, args.config ?? DEFAULT_CONFIG_FILE)).map((n) => `${n}\n`).join(''))
      return 0
  }
}
