import { describe, expect, it } from 'vitest'
import { PLAN_FORMAT, type SavedPlan } from '../../src/plan-file/document.js'
import { whatMoved, type Now } from '../../src/plan-file/stale.js'

const plan: SavedPlan = {
  format: PLAN_FORMAT,
  formatVersion: 1,
  config: { file: '/p/c.json', sha256: 'a'.repeat(64) },
  state: '/p/s.json',
  invoker: { kind: 'local' },
  options: { targets: [], replace: [] },
  records: [{ key: 'a', version: '3' }, { key: 'b', version: '7' }, { key: 'new' }],
  changes: [],
}
const now: Now = {
  configFile: '/p/c.json',
  configSha256: 'a'.repeat(64),
  state: '/p/s.json',
  invoker: { kind: 'local' },
  versions: new Map([
    ['a', '3'],
    ['b', '7'],
    ['new', undefined],
  ]),
}

describe('whatMoved', () => {
  it('is empty when the config bytes, the state, the invoker and every record are as planned', () => {
    expect(whatMoved(plan, now)).toEqual([])
  })

  it('names each thing that moved', () => {
    expect(
      whatMoved(plan, {
        ...now,
        configSha256: 'b'.repeat(64),
        invoker: { kind: 'aws', region: 'eu-west-1' },
        versions: new Map([
          ['a', '4'],
          ['new', '1'],
          ['c', '9'],
        ]),
      }),
    ).toEqual([
      'the config /p/c.json changed',
      'it was made to invoke with local handlers, not --aws --region eu-west-1',
      'the record of "a" moved (version 3 when planned, now 4)',
      'the record of "b" was removed from the state',
      '"c" now has a record in the state (none when planned)',
      '"new" now has a record in the state (none when planned)',
    ])
  })

  it('another config file or state is said as such; records of another state are not compared', () => {
    expect(whatMoved(plan, { ...now, configFile: '/q/c.json', state: 's3://b/p/', versions: new Map() })).toEqual([
      'it was made from the config /p/c.json, not /q/c.json',
      'it was made for the state /p/s.json, not s3://b/p/',
    ])
  })
})
