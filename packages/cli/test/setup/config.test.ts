import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { loadConfig, parseConfig } from '../../src/setup/config.js'

const messages = (text: string): string[] => {
  const r = parseConfig(text, '/p/lambda-invocation.json')
  return E.isLeft(r) ? [...r.left.messages] : []
}

describe('parseConfig', () => {
  it('keeps a string input byte for byte and encodes an object input as Terraform\'s jsonencode: keys sorted, compact, numbers by cty', () => {
    const r = parseConfig(
      '{ "resources": {\n  "a": { "functionName": "f", "input": "{ \\"x\\": 1 }" },\n  "b": { "functionName": "g", "input": { "z": 1.50, "a": [ 12345678901234567890 ] } }\n} }',
      '/p/c.json',
    )
    if (!E.isRight(r)) throw new Error(r.left.messages.join('\n'))
    // (Each resource's arguments are the core's, defaults filled in.)
    expect(r.right.resources.get('a')).toMatchObject({ functionName: 'f', input: '{ "x": 1 }', qualifier: '$LATEST' })
    expect(r.right.resources.get('b')).toMatchObject({ functionName: 'g', input: '{"a":[12345678901234567890],"z":1.5}' })
  })

  it('encodes the same object in any key order or spacing to the same input, with Go\'s escapes', () => {
    const inputOf = (json: string): string | undefined => {
      const r = parseConfig(`{"resources": {"a": {"functionName": "f", "input": ${json}}}}`, '/p/c.json')
      if (!E.isRight(r)) throw new Error(r.left.messages.join('\n'))
      return r.right.resources.get('a')?.input
    }
    expect(inputOf('{"b": {"y": 1e3, "x": "<&>"}, "a": [true, null]}')).toBe('{"a":[true,null],"b":{"x":"\\u003c\\u0026\\u003e","y":1000}}')
    expect(inputOf('{ "a" : [ true , null ] ,\n "b": { "x": "<&>", "y": 1000.0 } }')).toBe(inputOf('{"b": {"y": 1e3, "x": "<&>"}, "a": [true, null]}'))
    expect(inputOf('-0.0')).toBe('-0')
  })

  it('keeps an object input\'s source text (key order, number text) under the preserve encoding', () => {
    const r = parseConfig('{"encoding": "preserve", "resources": {"a": {"functionName": "f", "input": { "z": 1.50, "a": [ 1e3 ] }}}}', '/p/c.json')
    if (!E.isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.resources.get('a')?.input).toBe('{"z":1.50,"a":[1e3]}')
  })

  it('refuses an object input with a key given twice (as HCL does), naming where, with the other problems', () => {
    expect(messages('{"resources": {"a": {"functionName": "f", "input": {"k": {"x": 1, "x": 2}}}, "b": {"functionName": "f"}}}')).toEqual([
      '/p/lambda-invocation.json: resources["a"].input.k.x: is given twice in the same object, which Terraform refuses ("Duplicate object attribute"): keep one',
      '/p/lambda-invocation.json: resources["b"].input: is required',
    ])
  })

  it('reads an object input\'s source text after a byte order mark, the last one when a resource name repeats', () => {
    const r = parseConfig('\uFEFF{"resources": {"a": {"functionName": "f", "input": {"n": 1.0}}, "a": {"functionName": "g", "input": [ 2.50 ]}}}', '/p/c.json')
    if (!E.isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.resources.get('a')).toMatchObject({ functionName: 'g', input: '[2.5]' })
  })

  it('takes an input of null as absent (the core then says it is required), not as the JSON text "null"; the string "null" stays', () => {
    // The arguments are checked as the config loads: an absent input is reported there, naming the file and the resource.
    expect(messages('{ "resources": { "a": { "functionName": "f", "input": null }, "b": { "functionName": "f", "input": "null" } } }')).toEqual([
      '/p/lambda-invocation.json: resources["a"].input: is required',
    ])
    const r = parseConfig('{ "resources": { "b": { "functionName": "f", "input": "null" } } }', '/p/c.json')
    if (!E.isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.resources.get('b')).toMatchObject({ functionName: 'f', input: 'null' })
  })

  it('resolves handlers and state against the config folder and reads the plan options', () => {
    const r = parseConfig(
      '{"handlers":"./h.mjs","state":"s/state.json","replaceOrder":"create-first","encoding":"preserve","resources":{}}',
      '/p/q/c.json',
    )
    expect(E.isRight(r) && r.right).toMatchObject({
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
      '/p/lambda-invocation.json: resource: is not a setting; did you mean "resources"?',
      '/p/lambda-invocation.json: replaceOrder: must be "delete-first" or "create-first", got "sideways"',
      '/p/lambda-invocation.json: resources["a"]: must be an object of invocation arguments, got number 3',
    ])
    expect(messages('{}')).toEqual(['/p/lambda-invocation.json: resources: is missing: name each resource under "resources"'])
  })

  it("checks each resource's arguments with the core's codec as it loads: every problem, with the file, the resource and the path", () => {
    expect(
      messages(
        '{"zzz": 1, "resources": {"a": {"functionName": "f", "input": "{}", "lifecycleScope": "SOMETIMES"}, "c d": {"functionName": "f", "input": {"n": 1}, "triggers": {"x": 1}, "fuctionName": 2}, "": {}}}',
      ),
    ).toEqual([
      '/p/lambda-invocation.json: zzz: is not a setting (known: $schema, handlers, state, replaceOrder, encoding, resources)',
      '/p/lambda-invocation.json: resources["a"].lifecycleScope: must be "CREATE_ONLY" or "CRUD", got "SOMETIMES"',
      '/p/lambda-invocation.json: resources["c d"].fuctionName: is not an argument; did you mean "functionName"?',
      '/p/lambda-invocation.json: resources["c d"].triggers.x: must be a string, got number',
      '/p/lambda-invocation.json: resources[""]: a resource name must be non-empty, without control characters',
    ])
    // A CRUD input must be an object: the core's check, at load.
    expect(messages('{"resources": {"a": {"functionName": "f", "input": [1], "lifecycleScope": "CRUD"}}}')).toEqual([
      '/p/lambda-invocation.json: resources["a"].input: must be a JSON object in CRUD scope, got an array',
    ])
  })

  it('gives the arguments as the core resolves them: defaults filled in, the pulumiKey alias read', () => {
    const r = parseConfig('{"$schema": "./schema.json", "resources": {"a": {"functionName": "f", "input": "{}", "lifecycleScope": "CRUD", "pulumiKey": "lk"}}}', '/p/c.json')
    if (!E.isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.resources.get('a')).toEqual({ functionName: 'f', input: '{}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CRUD', terraformKey: 'lk' })
  })

  it('says how to create a config when there is none, and what to give for a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'li-config-'))
    try {
      const r = loadConfig(join(dir, 'lambda-invocation.json'))
      expect(E.isLeft(r) && r.left.messages[0]).toMatch(/no config file at .*--config/)
      writeFileSync(join(dir, 'c.json'), '[]')
      const r2 = loadConfig(join(dir, 'c.json'))
      expect(E.isLeft(r2) && r2.left.messages[0]).toContain('must be a JSON object')
      const folder = loadConfig(dir)
      expect(E.isLeft(folder) && folder.left.messages).toEqual([`the config ${dir} is a folder: name the config file in it (e.g. --config ${join(dir, 'lambda-invocation.json')})`])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("a resource's timeout", () => {
  it('is read in seconds, kept apart from the invocation arguments, in milliseconds', () => {
    const r = parseConfig('{ "resources": { "a": { "functionName": "f", "input": {}, "timeout": 2.5 }, "b": { "functionName": "f", "input": {} } } }', '/p/c.json')
    if (!E.isRight(r)) throw new Error(r.left.messages.join('\n'))
    expect(r.right.timeoutsMs).toEqual(new Map([['a', 2500]]))
    expect(r.right.resources.get('a')).not.toHaveProperty('timeout')
    expect(r.right.resources.get('a')).toEqual(r.right.resources.get('b'))
  })

  it.each([0, -1, 'ten', 2_147_484])('is refused when not seconds above 0 and at most 2147483: %s', (timeout) => {
    expect(messages(`{ "resources": { "a": { "functionName": "f", "input": {}, "timeout": ${JSON.stringify(timeout)} } } }`)).toEqual([
      `/p/lambda-invocation.json: resources["a"].timeout: must be a number of seconds above 0 and at most 2147483, got ${typeof timeout === 'string' ? `string "${timeout}"` : `number ${timeout}`}`,
    ])
  })
})
