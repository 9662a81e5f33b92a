import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_PAYLOAD_BYTES } from '../model/limits.js'
import type { InvokeFailure, Invoker, InvokeResponse } from '../ports/invoker.js'

/** Optional checks, declared up front so that an adapter without them registers no test for them. */
export interface InvokerCapabilities {
  /** The fixture has a `failingFunction` whose calls end in a function error. */
  readonly functionError?: boolean
  /** The invoker supports the `Event` and `DryRun` invocation types. */
  readonly invocationTypes?: boolean
}

/**
 * What an invoker contract run needs. Only `invoker`, `echoFunction` and
 * `missingFunction` are required; each optional field turns on more checks.
 */
export interface InvokerFixture {
  readonly invoker: Invoker
  /** A function that answers with exactly the payload it was sent. */
  readonly echoFunction: string
  /** A function name that does not exist. */
  readonly missingFunction: string
  /** A function whose every call ends in a function error; required when `capabilities.functionError` is set. */
  readonly failingFunction?: string
  readonly cleanup?: () => Promise<void> | void
}

const response = (e: E.Either<InvokeFailure, InvokeResponse>): InvokeResponse => {
  if (E.isLeft(e)) throw new Error(`invoke failed: ${e.left._tag}: ${e.left.message}`)
  return e.right
}

const failure = (e: E.Either<InvokeFailure, InvokeResponse>): InvokeFailure => {
  if (!E.isLeft(e)) throw new Error(`expected a failure, got status ${e.right.statusCode}: ${e.right.payload}`)
  return e.left
}

/** Payloads an invoker must carry byte for byte: HTML-escaped characters, U+2028, astral characters. */
const tricky = ['{}', '{"a":1}', '{"text":"<&> \u2028 ü 🔑","n":-0}', '"just a string"', '  {"spaced" : true }  ']

/**
 * Registers the `Invoker` contract as a Vitest suite: echoed payloads byte for
 * byte, a missing function `Rejected`, an aborted call `NotRun`, no throws,
 * and the optional `capabilities` declared. `make` runs before each test.
 */
export const describeInvokerContract = (
  name: string,
  make: () => Promise<InvokerFixture> | InvokerFixture,
  capabilities: InvokerCapabilities = {},
): void => {
  describe(`Invoker contract: ${name}`, () => {
    let fixture: InvokerFixture
    beforeEach(async () => {
      fixture = await make()
    })
    afterEach(async () => {
      await fixture.cleanup?.()
    })

    it('answers a RequestResponse call with status 200 and the function payload, byte for byte', async () => {
      for (const payload of tricky) {
        const r = response(await fixture.invoker.invoke({ functionName: fixture.echoFunction, payload }))
        expect(r.statusCode).toBe(200)
        expect(r.functionError).toBeUndefined()
        expect(r.payload).toBe(payload)
      }
    })

    it('accepts an explicit $LATEST qualifier and the lifecycle hint', async () => {
      const r = response(
        await fixture.invoker.invoke({
          functionName: fixture.echoFunction,
          qualifier: '$LATEST',
          payload: '{"tf":{"action":"create","prev_input":null}}',
          lifecycle: 'create',
        }),
      )
      expect(r.payload).toBe('{"tf":{"action":"create","prev_input":null}}')
    })

    it('rejects a call to a function that does not exist, naming it', async () => {
      const f = failure(await fixture.invoker.invoke({ functionName: fixture.missingFunction, payload: '{}' }))
      expect(f._tag).toBe('Rejected')
      expect(f.functionName).toBe(fixture.missingFunction)
      expect(f.message.length).toBeGreaterThan(0)
    })

    it('gives NotRun, without throwing, when the signal aborted before the call', async () => {
      const controller = new AbortController()
      controller.abort()
      const f = failure(
        await fixture.invoker.invoke({ functionName: fixture.echoFunction, payload: '{}' }, { signal: controller.signal }),
      )
      expect(f._tag).toBe('NotRun')
    })

    it(`rejects a payload over ${MAX_PAYLOAD_BYTES} bytes`, async () => {
      const payload = `"${'x'.repeat(MAX_PAYLOAD_BYTES)}"`
      const f = failure(await fixture.invoker.invoke({ functionName: fixture.echoFunction, payload }))
      expect(f._tag).toBe('Rejected')
    })

    it('answers an invalid function name with a typed failure, never an exception', async () => {
      const outcome = await fixture.invoker.invoke({ functionName: 'not a valid name!', payload: '{}' }).then(
        (e) => (E.isLeft(e) ? e.left._tag : 'Right'),
        (thrown: unknown) => `threw ${String(thrown)}`,
      )
      expect(['Rejected', 'NotRun', 'Unknown']).toContain(outcome)
    })

    if (capabilities.functionError === true) {
      it('reports a function error in the response, not as a failure', async () => {
        const failing = fixture.failingFunction
        if (failing === undefined) throw new Error('capabilities.functionError is set but the fixture has no failingFunction')
        const r = response(await fixture.invoker.invoke({ functionName: failing, payload: '{}' }))
        expect(['Handled', 'Unhandled']).toContain(r.functionError)
        expect(r.payload.length).toBeGreaterThan(0)
      })
    }

    if (capabilities.invocationTypes === true) {
      it('supports Event (202, empty payload) and DryRun (204)', async () => {
        const echo = fixture.echoFunction
        const event = response(await fixture.invoker.invoke({ functionName: echo, payload: '{}', invocationType: 'Event' }))
        expect(event.statusCode).toBe(202)
        expect(event.payload).toBe('')
        const dry = response(await fixture.invoker.invoke({ functionName: echo, payload: '{}', invocationType: 'DryRun' }))
        expect(dry.statusCode).toBe(204)
      })
    }
  })
}
