import { constants } from 'node:os'
import { describe, expect, it } from 'vitest'
import { exitCodeOfSignal, signalName, STOP_SIGNALS, type StopSignal } from '../../src/setup/stop-signal.js'

describe('the stop signals', () => {
  it("exit with 128 plus the signal's number, as a shell reports it", () => {
    for (const s of Object.keys(STOP_SIGNALS) as StopSignal[]) expect(exitCodeOfSignal(s)).toBe(128 + constants.signals[s])
    expect([exitCodeOfSignal('SIGINT'), exitCodeOfSignal('SIGTERM'), exitCodeOfSignal('SIGHUP')]).toEqual([130, 143, 129])
  })

  it('name Ctrl-C as people press it', () => {
    expect(signalName('SIGINT')).toBe('Ctrl-C')
    expect(signalName('SIGTERM')).toBe('SIGTERM')
  })
})
