import { describe, expect, it } from 'vitest'
import { terraformInstanceKey } from '../../src/commands/import-terraform.js'

describe('terraformInstanceKey', () => {
  it('names an instance as Terraform addresses it, without the type', () => {
    expect(terraformInstanceKey({ name: 'seed' }, undefined)).toBe('seed')
    expect(terraformInstanceKey({ name: 'seed' }, 0)).toBe('seed[0]')
    expect(terraformInstanceKey({ name: 'seed' }, 'eu "west"')).toBe('seed["eu \\"west\\""]')
    expect(terraformInstanceKey({ module: 'module.app', name: 'seed' }, 2)).toBe('module.app.seed[2]')
    expect(terraformInstanceKey({ module: 'module.app["x"]', name: 'seed' }, undefined)).toBe('module.app["x"].seed')
  })
})
