import { describe, expect, it } from 'vitest'
import { colourWanted, makeColours } from '../../src/render/colour.js'

describe('colourWanted', () => {
  const tty = { isTTY: true }
  const pipe = { isTTY: false }
  it('colours a terminal and not a pipe', () => {
    expect(colourWanted(tty, {}, false)).toBe(true)
    expect(colourWanted(pipe, {}, false)).toBe(false)
  })
  it('never colours with NO_COLOR set (non-empty) or --no-color, even when forced', () => {
    expect(colourWanted(tty, { NO_COLOR: '1' }, false)).toBe(false)
    expect(colourWanted(tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, false)).toBe(false)
    expect(colourWanted(tty, {}, true)).toBe(false)
    expect(colourWanted(tty, { NO_COLOR: '' }, false)).toBe(true)
  })
  it('colours a pipe when FORCE_COLOR asks, and not a dumb terminal', () => {
    expect(colourWanted(pipe, { FORCE_COLOR: '1' }, false)).toBe(true)
    expect(colourWanted(pipe, { FORCE_COLOR: '0' }, false)).toBe(false)
    expect(colourWanted(tty, { TERM: 'dumb' }, false)).toBe(false)
  })
})

describe('makeColours', () => {
  it('wraps in ANSI codes when on and is the identity when off', () => {
    expect(makeColours(true).green('+')).toBe('\u001b[32m+\u001b[39m')
    expect(makeColours(true).bold('')).toBe('')
    const off = makeColours(false)
    expect([off.red('x'), off.bold('x'), off.dim('x'), off.yellow('x'), off.cyan('x'), off.green('x')]).toEqual(['x', 'x', 'x', 'x', 'x', 'x'])
  })
})
