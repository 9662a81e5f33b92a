import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

// The built package (dist/, what is published) loaded by name as a user's program loads it: with
// require from CommonJS (as most CDK apps are) and with import from ESM. The package resolves its
// own name through its exports, so the children run in its folder with no source condition.

const run = promisify(execFile)
const dir = fileURLToPath(new URL('..', import.meta.url))

beforeAll(() => {
  for (const f of ['dist/index.js', 'dist/cdk/index.js', 'dist/handler/index.js']) {
    if (!existsSync(`${dir}${f}`)) throw new Error(`${f} is missing: this test loads the built package; run \`pnpm build\` first`)
  }
})

const node = async (type: 'commonjs' | 'module', code: string): Promise<string> => {
  const { stdout } = await run(process.execPath, ['--input-type', type, '-e', code], { cwd: dir })
  return stdout.trim()
}

// A CommonJS CDK app: the construct from require(), aws-cdk-lib from require(), one synth.
const cdkApp = (load: string) => `
${load}
const app = new App()
const stack = new Stack(app, 'S')
const fn = new lambda.Function(stack, 'F', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1') })
const inv = new LambdaInvocation(stack, 'I', { function: fn, input: { a: 1 } })
const t = app.synth().getStackByName('S').template
const r = Object.values(t.Resources).find((x) => x.Type === 'Custom::LambdaInvocation')
console.log(JSON.stringify([typeof inv.result, r.Properties.Input]))`

// Each child loads aws-cdk-lib and synthesizes: seconds of CPU, more on a busy machine.
describe('the built package', { timeout: 180_000 }, () => {
  it('loads with require: the handler entry and the construct, in a CommonJS CDK app', async () => {
    expect(await node('commonjs', "const m = require('@lambda-invocation/cloudformation'); console.log([typeof m.handler, typeof m.makeCustomResourceHandler, typeof m.jsonencode].join())")).toBe(
      'function,function,function',
    )
    const out = await node('commonjs', cdkApp("const { App, Stack } = require('aws-cdk-lib'); const lambda = require('aws-cdk-lib/aws-lambda'); const { LambdaInvocation } = require('@lambda-invocation/cloudformation/cdk')"))
    expect(out).toBe('["string","{\\"a\\":1}"]')
  })

  it('loads with import, and loading the handler entry does not load aws-cdk-lib', async () => {
    expect(
      await node('module', "const m = await import('@lambda-invocation/cloudformation'); const { createRequire } = await import('node:module'); const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('aws-cdk-lib')); console.log([typeof m.handler, typeof m.onEvent, loaded].join())"),
    ).toBe('function,function,false')
    const out = await node('module', cdkApp("import { App, Stack } from 'aws-cdk-lib'; import * as lambda from 'aws-cdk-lib/aws-lambda'; import { LambdaInvocation } from '@lambda-invocation/cloudformation/cdk'"))
    expect(out).toBe('["string","{\\"a\\":1}"]')
  })
})
