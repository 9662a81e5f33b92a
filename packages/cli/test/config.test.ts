import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { loadConfig, parseConfig } from '../src/config.js'

const messages = (text: string): string[] => {
  const r = parseConfig(text, '/p/lambda-invocation.json')
  return isLeft(r) ? [...r.left.messages] : []
}

describe('parseConfig', () => {
  it('keeps a string input byte for byte and takes an object input as its compact source text', () => {
    const r = parseConfig(
      '{ "resources": {\n  "a": { "functionName": "f", "input": "{ \\"x\\": 1 }" },\n  "b": { "functionName": "g", "input": { "z": 1.50, "a": [ 12345678901234567890 ] } }\n} }',
      '/p/c.json',
    )
    if (!isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.resources.get('a')).toEqual({ functionName: 'f', input: '{ "x": 1 }' })
    expect(r.right.resources.get('b')).toEqual({ functionName: 'g', input: '{"z":1.50,"a":[12345678901234567890]}' })
  })

  it('keeps an object input\'s source text after a byte order mark, the last one when a resource name repeats', () => {
    const r = parseConfig('\uFEFF{"resources": {"a": {"functionName": "f", "input": {"n": 1.0}}, "a": {"functionName": "g", "input": [ 2.50 ]}}}', '/p/c.json')
    if (!isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.resources.get('a')).toEqual({ functionName: 'g', input: '[2.50]' })
  })

  it('takes an input of null as absent (the core then says it is required), not as the JSON text "null"; the string "null" stays', () => {
    const r = parseConfig('{ "resources": { "a": { "functionName": "f", "input": null }, "b": { "functionName": "f", "input": "null" } } }', '/p/c.json')
    if (!isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.resources.get('a')).toEqual({ functionName: 'f', input: null })
    expect(r.right.resources.get('b')).toEqual({ functionName: 'f', input: 'null' })
  })

  it('resolves handlers and state against the config folder and reads the plan options', () => {
    const r = parseConfig(
      '{"handlers":"./h.mjs","state":"s/state.json","replaceOrder":"create-first","encoding":"preserve","resources":{}}',
      '/p/q/c.json',
    )
    expect(isRight(r) && r.right).toMatchObject({
      handlers: '/p/q/h.mjs',
      state: '/p/q/s/state.json',
      replaceOrder: 'create-first',
      encoding: 'preserve',
    })
  })

  it('reports a syntax error with its line and column', () => {
    expect(messages('{\n  "resources": {\n    "a": { "functionName": "f", }\n  }\n}')).toEqual([
      '/p/lambda-invocation.json: not valid JSON: unexpected character "}" at line 3, column 33: expected a string key',
    ])
  })

  it('reports every structural problem at once, each with where it is', () => {
    const m = messages('{"resource": {}, "replaceOrder": "sideways", "resources": {"a": 3, "b": {"functionName": "f", "input": "{}"}}}')
    expect(m).toEqual([
      '/p/lambda-invocation.json: "resource": unknown setting; expected one of handlers, state, replaceOrder, encoding, resources',
      '/p/lambda-invocation.json: replaceOrder: must be "delete-first" or "create-first", got string "sideways"',
      '/p/lambda-invocation.json: resources["a"]: must be an object of invocation arguments, got number 3',
    ])
    expect(messages('{}')).toEqual(['/p/lambda-invocation.json: resources: is missing: name each resource under "resources"'])
  })

  it('says how to create a config when there is none, and what to give for a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'li-config-'))
    try {
      const r = loadConfig(join(dir, 'lambda-invocation.json'))
      expect(isLeft(r) && r.left.messages[0]).toMatch(/no config file at .*--config/)
      writeFileSync(join(dir, 'c.json'), '[]')
      const r2 = loadConfig(join(dir, 'c.json'))
      expect(isLeft(r2) && r2.left.messages[0]).toContain('must be a JSON object')
      const folder = loadConfig(dir)
      expect(isLeft(folder) && folder.left.messages).toEqual([`the config ${dir} is a folder: name the config file in it (e.g. --config ${join(dir, 'lambda-invocation.json')})`])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
