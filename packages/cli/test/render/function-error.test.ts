import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { EngineError } from '@lambda-invocation/core'
import { describe, expect, it } from 'vitest'
import { makeColours } from '../../src/render/colour.js'
import { errorPayload, functionErrorText, runnerFrame } from '../../src/render/function-error.js'

const plain = makeColours(false)

const failure = (payload: string): Extract<EngineError, { _tag: 'FunctionError' }> => ({
  _tag: 'FunctionError',
  key: 'seed',
  request: { functionName: 'fn', qualifier: '$LATEST', lifecycle: 'create', payload: '{}' } as never,
  functionName: 'fn',
  functionError: 'Unhandled',
  payload,
})

describe('functionErrorText', () => {
  it("shows the handler's errorType and message, then each stack frame on its own line", () => {
    const payload = JSON.stringify({
      errorType: 'TypeError',
      errorMessage: 'rows must be a number',
      trace: ['TypeError: rows must be a number', '    at seed (file:///app/handlers.mjs:3:11)', '    at run (node:internal/x:1:1)'],
    })
    expect(functionErrorText(failure(payload), plain)).toBe(
      [
        'The function fn failed (Unhandled) in the create invocation of fn:$LATEST for "seed":',
        '  TypeError: rows must be a number',
        '      at seed (file:///app/handlers.mjs:3:11)',
        '      ... (1 frame of lambda-invocation and Node.js)',
        'The state is as it was before this step, so the next apply runs it again.',
      ].join('\n'),
    )
  })

  it("leaves out the local runner's frames below the handler's, saying how many", () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const trace = ['Error: boom', '    at seed (file:///app/handlers.mjs:3:11)', `    at runHandler (${pathToFileURL(join(root, 'dist/bin-chunks/run.js')).href}:1:1)`, '    at new Promise (<anonymous>)', '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)']
    const text = functionErrorText(failure(JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace })), plain)
    expect(text.split('\n').slice(1, 4)).toEqual(['  Error: boom', '      at seed (file:///app/handlers.mjs:3:11)', '      ... (3 frames of lambda-invocation and Node.js)'])
    expect(runnerFrame('at Runtime.handler (file:///var/task/index.mjs:3:9)')).toBe(false)
    // A trace of nothing but the runner's is kept whole: there is no handler frame to show instead.
    const only = functionErrorText(failure(JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at new Promise (<anonymous>)'] })), plain)
    expect(only).toContain('      at new Promise (<anonymous>)\n')
  })

  it('adds the payload as it came with --show-payloads', () => {
    const payload = JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: [] })
    expect(functionErrorText(failure(payload), plain, true)).toContain(`\n  payload: ${payload}\n`)
    expect(functionErrorText(failure(payload), plain)).not.toContain('payload:')
  })

  it('keeps a trace that does not start with the error, and a message of several lines', () => {
    const payload = JSON.stringify({ errorType: 'Error', errorMessage: 'one\ntwo', trace: ['Error: one', 'two', 'at x'] })
    expect(functionErrorText(failure(payload), plain).split('\n').slice(1, 4)).toEqual(['  Error: one', '  two', '      at x'])
    const other = JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: ['at x'] })
    expect(functionErrorText(failure(other), plain)).toContain('  Error: boom\n      at x\n')
  })

  it('shows a payload that is not a Node.js-style error as it is', () => {
    expect(functionErrorText(failure('not json'), plain)).toBe(
      'The function fn failed (Unhandled) in the create invocation of fn:$LATEST for "seed": not json\nThe state is as it was before this step, so the next apply runs it again.',
    )
    expect(errorPayload('{"message":"x"}')).toBeUndefined()
    expect(errorPayload('[1]')).toBeUndefined()
    expect(errorPayload('{"errorMessage":"x"}')).toEqual({ errorType: 'Error', errorMessage: 'x', trace: [] })
  })
})
