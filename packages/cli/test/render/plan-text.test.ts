import { ATTRIBUTES, plan, settle, type Attribute, type Intent, type InvocationState, type Plan, type PlannedChange } from '@lambda-invocation/core'
import { makeState, type StateFields } from '@lambda-invocation/core/testing'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { makeColours } from '../../src/render/colour.js'
import { hasWork, invokedBy, renderChange, renderInterrupted, renderPlan, summarize, type RenderOptions } from '../../src/render/plan-text.js'

const planOf = (prior: InvocationState | undefined, desired: unknown): Plan => {
  const p = plan(prior, desired)
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
  return p.right
}

const state = (over: StateFields = {}): InvocationState =>
  makeState({
    id: 'fn,$LATEST,00000000000000000000000000000000',
    functionName: 'fn',
    input: '{"table":"users","rows":3}',
    qualifier: '$LATEST',
    triggers: {},
    lifecycleScope: 'CRUD',
    terraformKey: 'tf',
    result: '{"secret":"result"}',
    ...over,
  })

/** A planned change from its main plan and what the read found (a deposed state is deleted in a phase of its own). */
const change = (c: { readonly key: string; readonly plan: Plan; readonly deposed?: InvocationState; readonly interrupted?: Intent }): PlannedChange => {
  const { plan: main, ...found } = c
  const mainPhase = { phase: 'main', plan: main } as const
  return {
    ...found,
    phases: c.deposed === undefined ? [mainPhase] : [{ phase: 'deposed', plan: planOf(c.deposed, undefined) }, mainPhase],
    options: { replaceOrder: 'delete-first', encoding: 'terraform' },
  }
}

const plain: RenderOptions = { colours: makeColours(false), showPayloads: false }
const text = (c: Parameters<typeof change>[0], o: RenderOptions = plain): string => renderChange(change(c), o).join('\n')

/** A noop plan of "seed" whose record holds an interrupted update. */
const interruptedUpdate = () => ({
  key: 'seed',
  plan: planOf(state(), { functionName: 'fn', input: '{}', lifecycleScope: 'CRUD' }),
  interrupted: {
    action: 'update',
    lifecycle: 'update',
    functionName: 'fn',
    qualifier: '$LATEST',
    payloadMd5: '0'.repeat(32),
    startedAt: '2026-01-01T00:00:00.000Z',
  },
} as const)

describe('renderChange', () => {
  it('a create: "+", the attributes and the input as added lines, payload hidden', () => {
    const t = text({ key: 'seed', plan: planOf(undefined, { functionName: 'fn', input: '{"table":"users"}', lifecycleScope: 'CRUD' }) })
    expect(t).toContain('# seed will be created')
    expect(t).toContain('  + seed')
    expect(t).toContain('+ functionName   = "fn"')
    expect(t).toContain('+   "table": "users"')
    expect(t).toContain('invokes fn:$LATEST (create)')
    expect(t).toContain('(payloads hidden; --show-payloads to see them)')
    expect(t).not.toContain('prev_input')
  })

  it('an update: "~" and a line diff of the input', () => {
    const t = text({ key: 'seed', plan: planOf(state(), { functionName: 'fn', input: '{"table":"users","rows":5}', lifecycleScope: 'CRUD' }) })
    expect(t).toContain('# seed will be updated in place')
    expect(t).toContain('  ~ seed')
    expect(t).toMatch(/~ input:\n {10}\{\n {12}"table": "users",\n {8}- {3}"rows": 3\n {8}\+ {3}"rows": 5\n {10}\}/)
  })

  it('a replace: "-/+" with the attribute that forces it', () => {
    const t = text({ key: 'seed', plan: planOf(state(), { functionName: 'fn2', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD' }) })
    expect(t).toContain('# seed must be replaced (delete first, then create)')
    expect(t).toMatch(/^-\/\+ seed$/m)
    expect(t).toContain('~ functionName   = "fn" -> "fn2" # forces replacement')
    expect(t).toContain('invokes fn:$LATEST (delete), then fn2:$LATEST (create)')
  })

  it('a replace asked for with --replace says so, and invokes delete then create though nothing changed', () => {
    const same = { functionName: 'fn', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD', terraformKey: 'tf' }
    const p = plan(state(), same, { forceReplace: true })
    if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
    const t = text({ key: 'seed', plan: p.right })
    expect(t).toContain('# seed will be replaced, as requested with --replace (delete first, then create)')
    expect(t).not.toContain('must be replaced')
    expect(t).toContain('invokes fn:$LATEST (delete), then fn:$LATEST (create)')
  })

  it('a create-first replace: "+/-", as Terraform marks create_before_destroy', () => {
    const p = plan(state(), { functionName: 'fn2', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD' }, { replaceOrder: 'create-first' })
    if (E.isLeft(p)) throw new Error(JSON.stringify(p.left))
    const t = text({ key: 'seed', plan: p.right })
    expect(t).toContain('# seed must be replaced (create first, then delete)')
    expect(t).toMatch(/^\+\/- seed$/m)
    expect(t).not.toContain('-/+')
    expect(t).toContain('invokes fn2:$LATEST (create), then fn:$LATEST (delete)')
  })

  it('a destroy because the resource left the config says so; one that `destroy` asked for does not', () => {
    expect(text({ key: 'seed', plan: planOf(state(), undefined) })).toContain('# seed will be destroyed (not in the config any more)')
    const destroying = text({ key: 'seed', plan: planOf(state(), undefined) }, { ...plain, destroying: true })
    expect(destroying).toContain('# seed will be destroyed\n')
    expect(destroying).not.toContain('not in the config')
  })

  it('a CREATE_ONLY input change forces a replace, marked on the input', () => {
    const t = text({ key: 'k', plan: planOf(state({ lifecycleScope: 'CREATE_ONLY' }), { functionName: 'fn', input: '{"a":1}' }) })
    expect(t).toContain('~ input: # forces replacement')
  })

  it('a destroy: "-" and whether it invokes', () => {
    expect(text({ key: 'seed', plan: planOf(state(), undefined) })).toContain('invokes fn:$LATEST (delete)')
    const quiet = text({ key: 'seed', plan: planOf(state({ lifecycleScope: 'CREATE_ONLY' }), undefined) })
    expect(quiet).toContain('  - seed')
    expect(quiet).toContain('invokes nothing: the state is only dropped (CREATE_ONLY scope)')
  })

  it('shows the exact payloads with --show-payloads', () => {
    const t = text(
      { key: 'seed', plan: planOf(state(), { functionName: 'fn', input: '{"table":"users","rows":5}', lifecycleScope: 'CRUD' }) },
      { ...plain, showPayloads: true },
    )
    expect(t).toContain('payload (update): {"rows":5,"table":"users","tf":{"action":"update","prev_input":{"rows":3,"table":"users"}}}')
  })

  it('says when only whitespace changed, since the input is compared as text', () => {
    const t = text({ key: 'k', plan: planOf(state(), { functionName: 'fn', input: '{"table": "users", "rows": 3}', lifecycleScope: 'CRUD' }) })
    expect(t).toContain('only whitespace or formatting changed')
  })

  it('an interrupted step: what it was and the three ways to resolve it', () => {
    const t = text({
      key: 'seed',
      plan: planOf(state(), { functionName: 'fn', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD' }),
      interrupted: {
        action: 'update',
        lifecycle: 'update',
        functionName: 'fn',
        qualifier: '$LATEST',
        payloadMd5: '0'.repeat(32),
        startedAt: '2026-01-01T00:00:00.000Z',
        outcome: 'unknown',
        message: 'socket hang up',
      },
    })
    expect(t).toContain('! seed has an interrupted step: the update invocation of fn:$LATEST')
    expect(t).toContain('its outcome is unknown (socket hang up)')
    for (const how of ['retry', 'assume-done', 'forget']) expect(t).toContain(`lambda-invocation apply --target seed --resolve ${how}`)
  })

  it('an interrupted delete is resolved by destroy; the sentence reads "an update"', () => {
    const intent = {
      lifecycle: 'delete',
      functionName: 'fn',
      qualifier: '$LATEST',
      payloadMd5: '0'.repeat(32),
      startedAt: '2026-01-01T00:00:00.000Z',
    } as const
    const noop = planOf(state(), { functionName: 'fn', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD' })
    const destroyed = text({ key: 'seed', plan: noop, interrupted: { ...intent, action: 'delete' } })
    for (const how of ['retry', 'assume-done', 'forget']) expect(destroyed).toContain(`lambda-invocation destroy --target seed --resolve ${how}`)
    expect(destroyed).not.toContain('lambda-invocation apply')
    expect(destroyed).toContain('(for a delete)')
    const replaced = text({ key: 'seed', plan: noop, interrupted: { ...intent, action: 'replace' } })
    expect(replaced).toContain('lambda-invocation apply --target seed --resolve retry')
    expect(text({ key: 'seed', plan: noop, interrupted: { ...intent, lifecycle: 'update', action: 'update' } })).toContain('(for an update)')
  })

  it('the suggested commands repeat the setup flags of this run (same config, state and functions), quoted for a shell', () => {
    const change = interruptedUpdate()
    const t = text(change, { ...plain, setupFlags: ['--state-s3', 's3://b/p/', '--aws', '--region', 'eu-west-1', '--config', 'my config.json'] })
    expect(t).toContain("lambda-invocation apply --state-s3 s3://b/p/ --aws --region eu-west-1 --config 'my config.json' --target seed --resolve retry")
  })

  it('an interrupted step about to be resolved: what the chosen --resolve does, not the menu', () => {
    const change = interruptedUpdate()
    const forget = text(change, { ...plain, resolution: { _tag: 'Forget' } })
    expect(forget).toContain('Resolving it with --resolve forget: it is dropped, and the resource is planned afresh')
    expect(forget).not.toContain('refuse')
    expect(text(change, { ...plain, resolution: { _tag: 'AssumeDone', result: '1' } })).toContain('taken as done, with the given result')
    expect(text(change, { ...plain, resolution: { _tag: 'Retry' } })).toContain('Resolving it with --resolve retry: it runs again.')
  })

  it('a deposed state: its delete is counted among the invocations (CRUD), or it is only dropped (CREATE_ONLY)', () => {
    const noop = planOf(state(), { functionName: 'fn', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD' })
    const crud = { key: 'seed', plan: noop, deposed: state({ id: 'fn,$LATEST,11111111111111111111111111111111' }) }
    expect(text(crud)).toContain('has a deposed state (fn,$LATEST,11111111111111111111111111111111) from an unfinished create-first replace: its delete (fn:$LATEST) is invoked first')
    expect(summarize([change(crud)]).invocations).toBe(1)
    expect(renderPlan([change(crud)], plain)).toMatch(/Plan: 0 to add, 0 to change, 1 to destroy\. 1 to invoke\.\n$/)
    const createOnly = { ...crud, deposed: state({ lifecycleScope: 'CREATE_ONLY' }) }
    expect(text(createOnly)).toContain('it is dropped first (CREATE_ONLY scope: nothing is invoked)')
    expect(summarize([change(createOnly)]).invocations).toBe(0)
  })

  it("shows, with --show-payloads, exactly the payloads the change sends: a deposed state's delete first, not a step taken as done", () => {
    const noop = planOf(state(), { functionName: 'fn', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD' })
    const deposed = change({ key: 'seed', plan: noop, deposed: state({ id: 'fn,$LATEST,11111111111111111111111111111111' }) })
    const payloads = (c: PlannedChange): string[] => [...renderChange(c, { ...plain, showPayloads: true }).join('\n').matchAll(/payload \((\w+)\): (.*)/g)].map((m) => m[2]!)
    expect(payloads(deposed)).toEqual(invokedBy(deposed).map((r) => r.payload))
    expect(invokedBy(deposed).map((r) => r.lifecycle)).toEqual(['delete'])
    expect(text({ key: 'seed', plan: noop, deposed: state() })).not.toContain('payload (delete)') // hidden unless asked

    // An interrupted create-first replace's create, taken as done: only the delete is sent.
    const replace = planOf(state(), { functionName: 'fn', input: '{"table":"users","rows":3}', lifecycleScope: 'CRUD', triggers: { v: '2' } })
    if (replace.action !== 'replace') throw new Error('expected a replace')
    const assumed: PlannedChange = { ...change({ key: 'seed', plan: replace }), phases: [{ phase: 'main', plan: replace, assumedResult: '{"ok":1}' }] }
    const [first, second] = replace.invocations
    expect(invokedBy(assumed)).toEqual([second])
    expect(payloads(assumed)).toEqual([second!.payload])
    const shown = renderChange(assumed, { ...plain, showPayloads: true }).join('\n')
    expect(shown).toContain(`takes fn:$LATEST (${first!.lifecycle}) as done (--resolve assume-done: not invoked), then invokes fn:$LATEST (${second!.lifecycle})`)
    expect(summarize([assumed]).invocations).toBe(1)
    const only: PlannedChange = { ...assumed, phases: [{ phase: 'main', plan: { ...replace, invocations: [first!] }, assumedResult: '' }] }
    expect(renderChange(only, { ...plain, showPayloads: true }).join('\n')).not.toContain('payload (')
  })

  it('colours the markers when colour is on', () => {
    const t = renderChange(change({ key: 'k', plan: planOf(undefined, { functionName: 'fn', input: '{}' }) }), { colours: makeColours(true), showPayloads: false }).join('\n')
    expect(t).toContain('\u001b[32m+\u001b[39m')
  })
})

describe('renderPlan', () => {
  it('ends with the counts, or says there is nothing to do', () => {
    const create: PlannedChange = change({ key: 'a', plan: planOf(undefined, { functionName: 'fn', input: '{}' }) })
    const noop: PlannedChange = change({ key: 'b', plan: planOf(state(), { functionName: 'fn', input: state().input, lifecycleScope: 'CRUD' }) })
    expect(renderPlan([create, noop], plain)).toMatch(/\n\nPlan: 1 to add, 0 to change, 0 to destroy\. 1 to invoke\.\n$/)
    expect(renderPlan([noop], plain)).toBe('No changes. 1 resource matches the config.\n')
    expect(renderPlan([noop], plain, 2)).toBe('Nothing to do for the 1 resource planned. 2 resources could not be planned (see the errors).\n')
    expect(renderPlan([], plain, 1)).toBe('Nothing planned: 1 resource could not be planned (see the errors).\n')
    expect(renderPlan([], plain)).toBe('No changes. Neither the config nor the state holds a resource.\n')
    expect(renderPlan([], { ...plain, destroying: true })).toBe('No changes. Nothing to destroy: the state holds no resource.\n')
    expect(renderPlan([], { ...plain, destroying: true, targeted: true })).toMatch(/\n\nNo changes\. Nothing to destroy: the state holds no resource of those targeted\.\n$/)
    expect(renderPlan([create], plain, 1)).toMatch(/1 to invoke\. 1 resource could not be planned \(see the errors\)\.\n$/)
    expect(hasWork([noop])).toBe(false)
    expect(summarize([create, noop])).toEqual({ add: 1, change: 0, destroy: 0, create: 1, update: 0, replace: 0, delete: 0, noop: 1, interrupted: 0, invocations: 1 })
  })

  it('counts as Terraform: a replace is one to add and one to destroy; interrupted steps are counted after', () => {
    const replace = change({ key: 'r', plan: planOf(state(), { functionName: 'fn2', input: state().input, lifecycleScope: 'CRUD' }) })
    const update = change({ key: 'u', plan: planOf(state(), { functionName: 'fn', input: '{"rows":1}', lifecycleScope: 'CRUD' }) })
    const gone = change({ key: 'g', plan: planOf(state(), undefined) })
    expect(renderPlan([replace, update, gone], plain)).toMatch(/\n\nPlan: 1 to add, 1 to change, 2 to destroy\. 4 to invoke\.\n$/)
    expect(renderPlan([change(interruptedUpdate())], plain)).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy\. 1 to invoke\. 1 interrupted step to resolve\.\n$/)
  })

  it('warns, first, that the plan may be incomplete when --target is given', () => {
    const create = change({ key: 'a', plan: planOf(undefined, { functionName: 'fn', input: '{}' }) })
    const warning = 'Warning: Resource targeting is in effect: the plan may be incomplete'
    expect(renderPlan([create], { ...plain, targeted: true }).startsWith(warning)).toBe(true)
    expect(renderPlan([], { ...plain, targeted: true })).toContain(warning)
    expect(renderPlan([create], plain)).not.toContain('targeting')
  })
})

describe('renderChange: every argument of the core attribute table', () => {
  const full = { functionName: 'fn', input: '{"a":1}', lifecycleScope: 'CRUD', qualifier: 'live', triggers: { build: '1' }, terraformKey: 'lc', tenantId: 't-1', region: 'eu-west-1' }
  // Typed by the table: a new argument does not compile here until it has a changed value.
  const changed: { readonly [A in Attribute]: unknown } = { functionName: 'fn2', input: '{"a":2}', lifecycleScope: 'CREATE_ONLY', qualifier: '7', triggers: { build: '2' }, terraformKey: 'lc2', tenantId: 't-2', region: 'us-east-1' }
  const applied = (p: Plan): InvocationState => {
    const s = settle(p, p.invocations.map(() => ({ statusCode: 200, payload: 'r' })))
    if (E.isLeft(s) || s.right.state === undefined) throw new Error('no state')
    return s.right.state
  }

  it.each(ATTRIBUTES.flatMap((r) => (r.argument === 'computed' ? [] : [r.name])))('%s: shown in a create, and its change in an update or replace', (name) => {
    const created = planOf(undefined, full)
    expect(text({ key: 'k', plan: created })).toMatch(new RegExp(`\\+ ${name}( +=|:)`))
    const change = text({ key: 'k', plan: planOf(applied(created), { ...full, [name]: changed[name] }) })
    expect(change).toMatch(new RegExp(`~ ${name}( +=|:)`))
  })
})

describe('a step another apply may still be running', () => {
  const held: Intent = {
    action: 'create',
    lifecycle: 'create',
    functionName: 'work',
    qualifier: '$LATEST',
    payloadMd5: '0'.repeat(32),
    startedAt: '2026-01-01T12:00:00.000Z',
    holder: { id: 'abc123', host: 'build-7', pid: 4242 },
  }
  const o: RenderOptions = { colours: makeColours(false), showPayloads: false, setupFlags: [] }

  it('names its holder and when it started, and offers no resolution', () => {
    const text = renderInterrupted('seed', held, { ...o, heldLive: () => true }).join('\n')
    expect(text).toContain('seed is being applied by another apply: the create invocation of work:$LATEST')
    expect(text).toContain('was started at 2026-01-01T12:00:00.000Z by runner abc123 on build-7 (pid 4242), which may still be running it')
    expect(text).toContain('Wait for it to finish, or run plan to see its result')
    expect(text).not.toContain('--resolve')
  })

  it('is an interrupted step with the resolutions once its holder is not live', () => {
    const text = renderInterrupted('seed', held, { ...o, heldLive: () => false }).join('\n')
    expect(text).toContain('seed has an interrupted step')
    expect(text).toContain('--resolve retry')
  })
})
