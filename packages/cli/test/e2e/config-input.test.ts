import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOGGING_HANDLERS, runBin, useFolders } from './harness.js'

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')

const make = useFolders()

/** A Terraform state holding one CRUD instance whose input is what `jsonencode({ name = "x", n = 1.5, tags = ["<a>"] })` wrote. */
const TERRAFORM_INPUT = '{"n":1.5,"name":"x","tags":["\\u003ca\\u003e"]}'
const tfstate = (): string => {
  const payload = `{"n":1.5,"name":"x","tags":["\\u003ca\\u003e"],"tf":{"action":"create","prev_input":null}}`
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.0',
    serial: 1,
    lineage: 'l',
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'aws_lambda_invocation',
        name: 'seed',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            schema_version: 1,
            attributes: {
              id: `echo,$LATEST,${md5(payload)}`,
              function_name: 'echo',
              input: TERRAFORM_INPUT,
              qualifier: '$LATEST',
              triggers: null,
              lifecycle_scope: 'CRUD',
              terraform_key: 'tf',
              result: '{"ok":"x"}',
            },
          },
        ],
      },
    ],
  })
}

describe('a config input written as a JSON object', () => {
  it('is encoded as jsonencode writes it: imported from Terraform, the same object in another key order and spacing plans a noop', () => {
    // Keys out of order, a number written another way, a raw "<": jsonencode gives the text Terraform stored.
    const config = `{
  "resources": {
    "seed": {
      "functionName": "echo",
      "lifecycleScope": "CRUD",
      "input": { "tags": [ "<a>" ], "name": "x", "n": 1.50 }
    }
  }
}
`
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'terraform.tfstate': tfstate(), 'lambda-invocation.json': config })
    const imported = runBin(dir, ['import-terraform', 'terraform.tfstate'])
    expect(imported.code, imported.stderr).toBe(0)
    const plan = runBin(dir, ['plan', '--detailed-exitcode'])
    expect(plan.code, plan.stdout + plan.stderr).toBe(0)
    expect(plan.stdout).toContain('No changes.')
    expect(existsSync(join(dir, 'ran.log'))).toBe(false)
  })

  it('keeps a string input exactly as written: the same object as a string in another key order is a change', () => {
    const config = JSON.stringify({ resources: { seed: { functionName: 'echo', lifecycleScope: 'CRUD', input: '{"name":"x","n":1.5,"tags":["\\u003ca\\u003e"]}' } } })
    const dir = make({ 'handlers.mjs': LOGGING_HANDLERS, 'terraform.tfstate': tfstate(), 'lambda-invocation.json': config })
    expect(runBin(dir, ['import-terraform', 'terraform.tfstate']).code).toBe(0)
    const plan = runBin(dir, ['plan', '--detailed-exitcode', '--json'])
    expect(plan.code, plan.stderr).toBe(2)
    const doc = JSON.parse(plan.stdout) as { changes: Array<{ key: string; action: string; changed: string[] }> }
    expect(doc.changes.map((c) => [c.key, c.action, c.changed])).toEqual([['seed', 'update', ['input']]])
  })
})
