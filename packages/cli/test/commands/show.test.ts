import { ATTRIBUTES } from '@lambda-invocation/core'
import { makeState } from '@lambda-invocation/core/testing'
import { describe, expect, it } from 'vitest'
import { stateLines } from '../../src/commands/show.js'
import { makeColours } from '../../src/render/colour.js'

const plain = { colours: makeColours(false), showPayloads: false }

describe('show: stateLines', () => {
  const state = makeState({ functionName: 'fn', input: '{"a":1}', tenantId: 't-1', region: 'eu-west-1', triggers: { build: '7' } })
  const lines = stateLines(state, plain, '  ')

  it.each(ATTRIBUTES.map((r) => r.name).filter((n) => n !== 'result'))('shows %s, from the core attribute table', (name) => {
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${name} +=`)))
  })

  it('prints triggers as plan does (one shared renderer)', () => {
    const line = stateLines(makeState({ triggers: { z: '1', build: '7' } }), plain, '').find((l) => l.startsWith('triggers'))
    expect(line).toMatch(/^triggers +=/)
    expect(line?.replace(/^triggers +/, '')).toBe('= { "build" = "7", "z" = "1" }')
  })

  it('hides the result unless asked, leaves out what is absent or empty', () => {
    expect(lines.at(-1)).toMatch(/^ {2}result +=.*hidden; --show-payloads/)
    expect(stateLines(state, { ...plain, showPayloads: true }, '').at(-1)).toMatch(/^result +=.*"\{\\"ok\\":true\}"$/)
    const bare = stateLines(makeState({ triggers: {} }), plain, '')
    expect(bare.some((l) => /^(triggers|tenantId|region) /.test(l))).toBe(false)
  })
})
