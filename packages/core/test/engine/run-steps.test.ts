import { describe, expect, it } from 'vitest'
import { place } from '../../src/engine/run-steps.js'
import { sampleState } from '../../src/testing/fixtures.js'

const now = sampleState('now')
const old = sampleState('old')

describe('place', () => {
  it('the main plan settles into state and deposed', () => {
    expect(place('main', { state: now, deposed: old }, { schemaVersion: 1 })).toEqual({ schemaVersion: 1, state: now, deposed: old })
    expect(place('main', { state: undefined, deposed: undefined }, { schemaVersion: 1, state: old })).toEqual({ schemaVersion: 1 })
  })

  it('a deposed delete keeps the current state and drops the deposed one once deleted', () => {
    expect(place('deposed', { state: undefined, deposed: undefined }, { schemaVersion: 1, state: now, deposed: old })).toEqual({ schemaVersion: 1, state: now })
  })
})
