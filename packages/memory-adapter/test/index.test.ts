import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

interface Imported {
  readonly specifier: string
  /** `import type` / `export type`: gone from the JavaScript. */
  readonly typeOnly: boolean
}

const importsOf = (file: string): Imported[] => {
  const text = readFileSync(file, 'utf8')
  const found: Imported[] = []
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    found.push({ specifier: m[2] ?? '', typeOnly: m[1] !== undefined })
  }
  return found
}

/** Every package a module and the modules it imports (relatively) import, with whether each import is for types only. */
const graphOf = (entry: string): Map<string, Imported[]> => {
  const out = new Map<string, Imported[]>()
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const i of importsOf(file)) {
      if (i.specifier.startsWith('.')) visit(resolve(dirname(file), i.specifier.replace(/\.js$/, '.ts')))
      else out.set(i.specifier, [...(out.get(i.specifier) ?? []), i])
    }
  }
  visit(join(SRC, entry))
  return out
}

describe('what the entry points bring into a user\'s program', () => {
  it('the main entry imports neither Vitest nor @types/aws-lambda, so neither needs to be installed', () => {
    const packages = [...graphOf('index.ts').keys()]
    expect(packages.length).toBeGreaterThan(0)
    expect(packages.filter((p) => /^(vitest|@vitest\/|aws-lambda|@types\/aws-lambda)/.test(p))).toEqual([])
  })

  it('the vitest entry imports Vitest for its types only, and not @types/aws-lambda', () => {
    const graph = graphOf('vitest/index.ts')
    expect(graph.get('vitest')?.length).toBeGreaterThan(0)
    expect(graph.get('vitest')?.every((i) => i.typeOnly)).toBe(true)
    expect([...graph.keys()].filter((p) => /aws-lambda/.test(p))).toEqual([])
  })
})
