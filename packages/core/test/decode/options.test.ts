import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { PlanOptionsCodec } from '../../src/decode/options.js'
import { reportProblems } from '../../src/decode/reporter.js'

const problems = (u: unknown): unknown => {
  const r = PlanOptionsCodec.decode(u)
  return E.isLeft(r) ? reportProblems(r.left) : []
}

describe('PlanOptionsCodec', () => {
  it('fills the defaults and keeps what is given', () => {
    expect(PlanOptionsCodec.decode({})).toEqual(E.right({ replaceOrder: 'delete-first', encoding: 'terraform' }))
    expect(PlanOptionsCodec.decode({ replaceOrder: 'create-first', encoding: 'preserve', defaultRegion: 'eu-west-1' })).toEqual(
      E.right({ replaceOrder: 'create-first', encoding: 'preserve', defaultRegion: 'eu-west-1' }),
    )
    expect(PlanOptionsCodec.decode({ encoding: null })).toEqual(E.right({ replaceOrder: 'delete-first', encoding: 'terraform' }))
    expect(PlanOptionsCodec.decode({ forceReplace: true })).toEqual(E.right({ replaceOrder: 'delete-first', encoding: 'terraform', forceReplace: true }))
    expect(PlanOptionsCodec.decode({ forceReplace: false })).toEqual(E.right({ replaceOrder: 'delete-first', encoding: 'terraform', forceReplace: false }))
    expect(PlanOptionsCodec.decode({ forceReplace: null })).toEqual(E.right({ replaceOrder: 'delete-first', encoding: 'terraform' }))
    expect(PlanOptionsCodec.encode({ replaceOrder: 'delete-first', encoding: 'terraform', forceReplace: true })).toEqual({ replaceOrder: 'delete-first', encoding: 'terraform', forceReplace: true })
  })

  it('takes forceReplace as a boolean only', () => {
    expect(problems({ forceReplace: 'true' })).toEqual([{ path: ['forceReplace'], message: 'must be true or false, got "true"' }])
    expect(problems({ forceReplace: 1 })).toEqual([{ path: ['forceReplace'], message: 'must be true or false, got 1' }])
    expect(problems({ forceReplace: {} })).toEqual([{ path: ['forceReplace'], message: 'must be true or false, got object' }])
    expect(problems({ forcedReplace: true })).toEqual([{ path: ['forcedReplace'], message: 'is not an option of plan; did you mean "forceReplace"?' }])
  })

  it('refuses bad values and unknown options, each at its path', () => {
    expect(problems({ replaceOrder: 3, encodng: 'preserve', defaultRegion: 'mars' })).toEqual([
      { path: ['encodng'], message: 'is not an option of plan; did you mean "encoding"?' },
      { path: ['replaceOrder'], message: 'must be "delete-first" or "create-first", got 3' },
      { path: ['defaultRegion'], message: '"mars" is not an AWS region name (e.g. "us-east-1", "eu-central-2")' },
    ])
    expect(problems('fast')).toEqual([{ path: [], message: 'the options must be an object, got string' }])
  })
})
