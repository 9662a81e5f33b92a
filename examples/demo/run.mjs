#!/usr/bin/env node
// The quick-start demo: in a temporary copy of this folder, runs the built
// `lambda-invocation` binary through a CRUD invocation's life — plan and apply
// a create, change the input, plan and apply the update, destroy — printing
// each plan and the payload the handler received. Plain Node, no dependencies
// beyond the built workspace (`pnpm build` first).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const bin = join(here, '..', '..', 'packages', 'cli', 'dist', 'bin.js')
if (!existsSync(bin)) {
  console.error(`The demo runs the built command line, and ${bin} is missing: run \`pnpm build\` first.`)
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'lambda-invocation-demo-'))
for (const file of ['lambda-invocation.json', 'handlers.mjs']) cpSync(join(here, file), join(work, file))

const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[1m${s}\u001b[22m` : s)

/** Runs the binary in the demo folder, showing the command and its output; stops the demo on an unexpected exit code. */
const run = (args, expected = [0]) => {
  console.log(`\n${bold(`$ lambda-invocation ${args.join(' ')}`)}`)
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, stdio: 'inherit', env: process.env })
  if (!expected.includes(r.status ?? -1)) {
    console.error(`\nThe demo stopped: \`lambda-invocation ${args.join(' ')}\` exited with ${r.status ?? r.signal}. Its folder is kept: ${work}`)
    process.exit(1)
  }
}

const step = (text) => console.log(`\n${bold(`== ${text}`)}`)

try {
  console.log(`Demo folder (a temporary copy of examples/demo): ${work}`)
  step('1. A new CRUD invocation: the plan creates it, apply invokes the handler with action "create"')
  run(['plan', '--show-payloads'])
  run(['apply', '--auto-approve', '--show-payloads'])

  step('2. Change its input (rows 3 -> 5): the plan updates it in place, the handler gets "update" and the previous input')
  const configFile = join(work, 'lambda-invocation.json')
  writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('"rows": 3', '"rows": 5'))
  run(['plan', '--show-payloads', '--detailed-exitcode'], [2])
  run(['apply', '--auto-approve', '--show-payloads'])

  step('3. Nothing changed since: the plan is empty (exit code 0 with --detailed-exitcode)')
  run(['plan', '--detailed-exitcode'])
  run(['show', '--show-payloads'])

  step('4. Destroy: a CRUD invocation is told it is deleted')
  run(['destroy', '--auto-approve', '--show-payloads'])
  run(['show'])
  console.log(`\n${bold('Demo complete.')}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
