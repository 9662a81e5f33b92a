import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CLI_ERRORS, ENGINE_ERRORS } from '../../src/setup/cli-error.js'

/** The rows of the README's error table: tag and exit code. */
const readmeRows = (): Array<[string, number]> => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('## Error tags'))
  const table = section.slice(0, section.indexOf('\n## ') === -1 ? undefined : section.indexOf('\n## '))
  return [...table.matchAll(/^\| `(\w+)` \| (\d+) \|/gm)].map((m) => [m[1]!, Number(m[2])])
}

describe('the error tags', () => {
  it('are the README table, one row each with its exit code, no more and no fewer', () => {
    const rows = readmeRows()
    const code: Record<string, number> = { ...ENGINE_ERRORS, ...CLI_ERRORS }
    expect(rows.map(([tag]) => tag).sort()).toEqual(Object.keys(code).sort())
    for (const [tag, exitCode] of rows) expect([tag, exitCode]).toEqual([tag, code[tag]])
  })

  it('give the same exit code where a command failure and a resource failure share a tag', () => {
    for (const tag of Object.keys(ENGINE_ERRORS).filter((t) => t in CLI_ERRORS))
      expect(CLI_ERRORS[tag as keyof typeof CLI_ERRORS]).toBe(ENGINE_ERRORS[tag as keyof typeof ENGINE_ERRORS])
  })
})
