import { readFileSync } from 'node:fs'
import { plan, type Action, type Attribute, type Intent, type LifecycleAction, type PlannedChange } from '@lambda-invocation/core'
import { makeState } from '@lambda-invocation/core/testing'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { JSON_COMMANDS, jsonChange, jsonCliError, jsonCommand, jsonDocument, jsonEngineError } from '../../src/render/json-output.js'

// Typed by the unions: a new action, lifecycle, step or attribute does not compile here until it is listed.
const ACTIONS: { readonly [A in Action]: true } = { create: true, update: true, replace: true, delete: true, noop: true }
const LIFECYCLES: { readonly [L in LifecycleAction]: true } = { create: true, update: true, delete: true }
const STEP_ACTIONS: { readonly [A in Intent['action']]: true } = { create: true, update: true, replace: true, delete: true }
const ATTRIBUTE_NAMES: { readonly [A in Attribute]: true } = {
  functionName: true,
  input: true,
  qualifier: true,
  triggers: true,
  lifecycleScope: true,
  terraformKey: true,
  tenantId: true,
  region: true,
}

/** The README's list of the values of `tag`: the code spans of its bullet, up to the next bullet. */
const documented = (tag: string): string[] => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const start = readme.indexOf(`\n- \`${tag}\``)
  if (start < 0) throw new Error(`the README lists no values of ${tag}`)
  const rest = readme.slice(start + 1)
  const end = rest.search(/\n(- |\n)/)
  const bullet = rest.slice(rest.indexOf(':') + 1, end < 0 ? undefined : end)
  return [...bullet.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).sort()
}

describe('the tags of the JSON documents', () => {
  it.each([
    ['command', Object.keys(JSON_COMMANDS)],
    ['action', Object.keys(ACTIONS)],
    ['lifecycle', Object.keys(LIFECYCLES)],
    ['interrupted.action', Object.keys(STEP_ACTIONS)],
    ['forcedBy', Object.keys(ATTRIBUTE_NAMES)],
  ])('the README lists every %s, no more and no fewer', (tag, values) => {
    expect(documented(tag)).toEqual([...values].sort())
  })
})

const prior = makeState({ id: 'fn,$LATEST,00000000000000000000000000000000', functionName: 'fn', input: '{"a":1}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CRUD', terraformKey: 'tf', result: '{"secret":1}' })

const changeOf = (desired: unknown, from: typeof prior | 'none' = prior): PlannedChange => {
  const p = plan(from === 'none' ? undefined : from, desired)
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
  return { key: 'k', phases: [{ phase: 'main', plan: p.right }], options: { replaceOrder: 'delete-first', encoding: 'terraform' } }
}

describe('jsonChange', () => {
  it('carries the attribute values before and after; the result and the payloads only with --show-payloads', () => {
    const update = changeOf({ functionName: 'fn', input: '{"a":2}', lifecycleScope: 'CRUD' })
    const hidden = jsonChange(update, false)
    expect(hidden.before).toEqual({ id: prior.id, functionName: 'fn', input: '{"a":1}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CRUD', terraformKey: 'tf' })
    expect(hidden.after).toEqual({ functionName: 'fn', input: '{"a":2}', qualifier: '$LATEST', triggers: {}, lifecycleScope: 'CRUD', terraformKey: 'tf' })
    expect(hidden.invocations[0]).not.toHaveProperty('payload')
    const shown = jsonChange(update, true)
    expect(shown.before).toMatchObject({ result: '{"secret":1}' })
    expect(shown.invocations[0]?.payload).toContain('"prev_input"')
  })

  it('has no before for a create and no after for a destroy', () => {
    const create = jsonChange(changeOf({ functionName: 'fn', input: '{}' }, 'none'), false)
    expect(create.before).toBeNull()
    expect(create.after).toMatchObject({ functionName: 'fn', input: '{}' })
    expect(jsonChange(changeOf(undefined), false).after).toBeNull()
  })
})

describe('jsonDocument', () => {
  it('always has command, changes, summary and errors', () => {
    const doc = JSON.parse(jsonDocument({ command: 'show', resources: [], errors: [] })) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual(['formatVersion', 'command', 'changes', 'summary', 'resources', 'errors'])
    expect(doc['changes']).toEqual([])
    expect(doc['summary']).toMatchObject({ add: 0, change: 0, destroy: 0, invocations: 0 })
  })

  it("names a command only when the command line's word is one", () => {
    expect(jsonCommand('import-terraform')).toBe('import-terraform')
    expect(jsonCommand('plna')).toBe('')
    expect(jsonCommand('toString')).toBe('')
  })
})

describe('the errors', () => {
  it('give the problems of an invalid config or resource as { path, message }', () => {
    const config = jsonCliError({ _tag: 'ConfigError', messages: ['c.json: resources["a"].x: no'], problems: [{ path: ['resources', 'a', 'x'], message: 'no' }] })
    expect(config).toEqual({ key: '', error: 'ConfigError', message: 'c.json: resources["a"].x: no', problems: [{ path: ['resources', 'a', 'x'], message: 'no' }] })
    const invalid = jsonEngineError({ _tag: 'InvalidInput', key: 'a', problems: [{ path: ['input'], message: 'must be JSON' }] })
    expect(invalid.problems).toEqual([{ path: ['input'], message: 'must be JSON' }])
    expect(jsonCliError({ _tag: 'UsageError', message: 'bad' }).problems).toEqual([])
  })
})
