/**
 * The README's session, run as written: its config and handlers in a fresh
 * folder, each `$ lambda-invocation …` line through the built binary, and
 * what it prints compared with the lines the README shows under it.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { folder, removeFolder, requireBuiltBinary, runBin } from './harness.js'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const ROOT_README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8')

/** The fenced blocks of the README's "A session" section, by language. */
const sessionBlocks = (): Record<string, string> => {
  const start = README.indexOf('\n## A session\n')
  const end = README.indexOf('\n## ', start + 1)
  if (start < 0 || end < 0) throw new Error('the CLI README has no "## A session" section')
  const blocks: Record<string, string> = {}
  for (const m of README.slice(start, end).matchAll(/```(\w+)\n([\s\S]*?)```/g)) blocks[m[1]!] ??= m[2]!
  return blocks
}

/** `$ lambda-invocation …` lines and the output shown under each. */
const steps = (transcript: string): Array<{ argv: string[]; shown: string }> => {
  const out: Array<{ argv: string[]; shown: string }> = []
  for (const line of transcript.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) {
      const [bin, ...argv] = line.slice(2).split(' ')
      expect(bin).toBe('lambda-invocation')
      out.push({ argv, shown: '' })
    } else if (out.length > 0) out[out.length - 1]!.shown += `${line}\n`
  }
  return out.map((s) => ({ ...s, shown: s.shown.replace(/\n$/, '') }))
}

describe('the README session', () => {
  const blocks = sessionBlocks()
  let dir = ''
  beforeAll(() => {
    requireBuiltBinary()
    dir = folder({ 'lambda-invocation.json': blocks['json']!, 'handlers.mjs': blocks['js']! })
  })
  afterAll(() => removeFolder(dir))

  it('has a config, a handlers module and a transcript with plan --out, apply FILE, output and state list', () => {
    expect(Object.keys(blocks).sort()).toEqual(['console', 'js', 'json'])
    const commands = steps(blocks['console']!).map((s) => s.argv.join(' '))
    expect(commands).toEqual(expect.arrayContaining(['plan --out tf.plan', 'apply tf.plan', 'output', 'state list']))
  })

  it("is the session the repository's README lists", () => {
    const start = ROOT_README.indexOf('## The command line, as a Terraform user types it')
    const listed = /```sh\n([\s\S]*?)```/.exec(ROOT_README.slice(start))?.[1]
    expect(start).toBeGreaterThan(-1)
    expect(listed?.trim().split('\n')).toEqual(steps(blocks['console']!).map((s) => `lambda-invocation ${s.argv.join(' ')}`))
  })

  it('prints what the README shows, command after command', () => {
    for (const { argv, shown } of steps(blocks['console']!)) {
      const r = runBin(dir, argv)
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0)
      expect(r.stdout, argv.join(' ')).toBe(`${shown}\n`)
    }
  })
})
