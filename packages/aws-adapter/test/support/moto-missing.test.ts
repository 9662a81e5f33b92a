import type { TestProject } from 'vitest/node'
import { afterEach, describe, expect, it, vi } from 'vitest'
import setup, { motoMissingBanner } from './moto-missing.js'

// The notice a run without moto ends with: every left-out file named once,
// and what to do about it.

const project = (files: string[]): TestProject => ({ getProvidedContext: () => ({ motoSkipped: files }) }) as unknown as TestProject

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the moto-missing banner', () => {
  it('names each file, the Pythons tried, and how to run them', () => {
    const text = motoMissingBanner(['packages/a/test/x.moto.test.ts', 'packages/a/test/y.moto.test.ts'], ['/p/bin/python3', 'python3'])
    expect(text).toContain('2 moto-backed test files did NOT run')
    expect(text).toContain('\n    packages/a/test/x.moto.test.ts\n    packages/a/test/y.moto.test.ts\n')
    expect(text).toContain('tried /p/bin/python3, python3')
    expect(text).toContain('pip install "moto[server]"')
    expect(text).toContain('MOTO_ENDPOINT')
    expect(text).toContain('CI=true')
  })

  it('is printed once, at the first teardown, for every project that left files out', () => {
    const written: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    const teardowns = [setup(project(['packages/a/test/x.moto.test.ts'])), setup(project(['packages/b/test/e2e/y.moto.test.ts']))]
    expect(written).toEqual([])
    for (const t of teardowns) t()
    expect(written).toHaveLength(1)
    expect(written[0]).toContain('2 moto-backed test files did NOT run')
    expect(written[0]).toContain('packages/a/test/x.moto.test.ts')
    expect(written[0]).toContain('packages/b/test/e2e/y.moto.test.ts')
  })
})
