/**
 * The program side, under Pulumi's own mocks: what `Invocation` registers with
 * the engine (type, inputs, the serialized provider) and how it reads back the
 * outputs the engine gives it.
 */
import { readFileSync } from 'node:fs'
import * as pulumi from '@pulumi/pulumi'
import { beforeAll, describe, expect, it } from 'vitest'
import { Invocation } from '../src/invocation.js'
import { makeProvider } from '../src/provider.js'
import { HOST_MODULE } from '../src/serializable-provider.js'

/** Registrations by resource name, as the engine received them. */
const registered = new Map<string, pulumi.runtime.MockResourceArgs>()

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      // Stands in for the engine and the provider: the outputs are the inputs plus what a create adds.
      newResource: (args) => {
        registered.set(args.name, args)
        return {
          id: `${String(args.inputs['functionName'])},$LATEST,0123456789abcdef0123456789abcdef`,
          state: { qualifier: '$LATEST', terraformKey: args.inputs['pulumiKey'] ?? 'tf', ...args.inputs, result: '{"seeded":3}' },
        }
      },
      call: (args) => args.inputs,
    },
    'project',
    'stack',
    false,
  )
})

const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve))

/** The registration of `inv`, once Pulumi has sent it. */
const registration = async (inv: Invocation): Promise<pulumi.runtime.MockResourceArgs> => {
  const name = (await valueOf(inv.urn)).split('::').pop() ?? ''
  const args = registered.get(name)
  if (args === undefined) throw new Error(`no registration for ${name}`)
  return args
}

describe('Invocation under pulumi.runtime.setMocks', () => {
  it('registers a dynamic resource of its own type with the arguments as given and the serialized provider', async () => {
    const inv = new Invocation('seed', { functionName: pulumi.output('db-seeder'), input: '{"rows":3}', lifecycleScope: 'CRUD' })
    const r = await registration(inv)
    expect(r.type).toBe('pulumi-nodejs:dynamic/lambda-invocation:Invocation')
    expect(Object.keys(r.inputs).sort()).toEqual(['__provider', 'functionName', 'input', 'lifecycleScope'])
    expect(r.inputs).toMatchObject({ functionName: 'db-seeder', input: '{"rows":3}', lifecycleScope: 'CRUD' })
    const text = String(r.inputs['__provider'])
    // The host module by its published name (the package's `./host` export).
    expect(text).toContain(`require(${JSON.stringify(HOST_MODULE)})`)
    expect(Object.keys((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: object }).exports)).toContain('./host')
    expect(text).toContain('replaceOrder = "create-first"')
    // Only the spec and the forwarding methods travel: no library code.
    expect(text.length).toBeLessThan(4000)
    expect(text).not.toMatch(/fp-ts|io-ts|aws-sdk/)
  })

  it('gives the outputs the engine returns: id, result and the arguments as stored', async () => {
    const inv = new Invocation('outputs', { functionName: 'db-seeder', input: '{}' })
    expect(await valueOf(inv.id)).toBe('db-seeder,$LATEST,0123456789abcdef0123456789abcdef')
    expect(await valueOf(inv.result)).toBe('{"seeded":3}')
    expect(await valueOf(inv.functionName)).toBe('db-seeder')
    expect(await valueOf(inv.qualifier)).toBe('$LATEST')
    expect(await valueOf(inv.tenantId)).toBeUndefined()
  })

  it('passes pulumiKey on for the provider to honour, and reads the key back as terraformKey', async () => {
    const inv = new Invocation('aliased', { functionName: 'db-seeder', input: '{}', lifecycleScope: 'CRUD', pulumiKey: 'lifecycle' })
    const r = await registration(inv)
    expect(r.inputs['pulumiKey']).toBe('lifecycle')
    expect(await valueOf(inv.terraformKey)).toBe('lifecycle')
  })

  it('passes a misspelt argument on, so that the provider check names it', async () => {
    const inv = new Invocation('typo', { functionName: 'db-seeder', input: '{}', qualifer: '3' } as never)
    expect((await registration(inv)).inputs['qualifer']).toBe('3')
  })

  it('serializes a provider from makeProvider with its own options', async () => {
    const inv = new Invocation('custom', { functionName: 'db-seeder', input: '{}' }, {}, makeProvider({ replaceOrder: 'delete-first', invoker: { module: './invoker.cjs' } }))
    const text = String((await registration(inv)).inputs['__provider'])
    expect(text).toContain('replaceOrder = "delete-first"')
    expect(text).toContain('module: "./invoker.cjs"')
  })

  it("runs the README's first example as it is written", async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const program = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
    expect(program).toContain("import { Invocation } from '@lambda-invocation/pulumi'")
    // The program as a function body: its one import is the class under test, its export a returned value.
    const body = program.replace(/^import .*$/m, '').replace('export const seedResult =', 'return')
    const seedResult = new Function('Invocation', body)(Invocation) as pulumi.Output<string>
    expect(await valueOf(seedResult)).toBe('{"seeded":3}')
    expect(registered.get('seed-users')?.inputs).toMatchObject({
      functionName: 'db-seeder',
      input: '{"table":"users","rows":100}',
      lifecycleScope: 'CRUD',
    })
  })
})
