import { describe, expect, it } from 'vitest'
import { CallSignal } from '../src/call-signal.js'

describe('CallSignal', () => {
  it('starts unaborted and aborts once, with its reason', () => {
    const s = new CallSignal()
    expect(s.aborted).toBe(false)
    const reason = new Error('stop')
    s.abort(reason)
    s.abort(new Error('again'))
    expect(s.aborted).toBe(true)
    expect(s.reason).toBe(reason)
  })

  it('calls onabort and each abort listener once, in order; removed listeners are not called', () => {
    const s = new CallSignal()
    const seen: string[] = []
    const removed = () => seen.push('removed')
    s.onabort = (e) => seen.push(`onabort:${e.type}`)
    s.addEventListener('abort', () => seen.push('first'))
    s.addEventListener('abort', removed)
    s.addEventListener('abort', () => seen.push('second'))
    s.addEventListener('other', () => seen.push('other'))
    s.removeEventListener('abort', removed)
    s.abort()
    s.abort()
    expect(seen).toEqual(['onabort:abort', 'first', 'second'])
  })
})
