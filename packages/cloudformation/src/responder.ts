import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import * as E from 'fp-ts/lib/Either.js'
import { systemClock } from '@lambda-invocation/memory-adapter'

/** Why the response could not be delivered; CloudFormation then waits until its own timeout. */
export interface ResponderFailure {
  readonly _tag: 'ResponseNotDelivered'
  readonly message: string
  /** The HTTP status of the last attempt, when there was one. */
  readonly statusCode?: number
}

/** The port that delivers a response document to CloudFormation's presigned `ResponseURL`. Never throws. */
export interface Responder {
  send(url: string, body: string, options?: { readonly signal?: AbortSignal }): Promise<E.Either<ResponderFailure, void>>
}

/** Options of `makeHttpResponder`. */
export interface HttpResponderOptions {
  /** Attempts in all for a network error or a 5xx (a PUT of the same object is safe to repeat). Default 3. */
  readonly attempts?: number
  /** How long one attempt may take. Default 10,000 ms. */
  readonly attemptTimeoutMs?: number
}

const EXCERPT = 300

interface Attempt {
  readonly ok: boolean
  readonly retryable: boolean
  readonly statusCode?: number
  readonly message: string
}

const put = (url: URL, body: Buffer, timeoutMs: number, signal: AbortSignal | undefined): Promise<Attempt> =>
  new Promise<Attempt>((resolve) => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(signal === undefined ? [] : [signal])]
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest
    // The URL was presigned without a content type: sending one (as fetch would) breaks the signature.
    const req = request(url, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': body.byteLength },
      signal: AbortSignal.any(signals),
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => {
        if (chunks.reduce((n, x) => n + x.byteLength, 0) < EXCERPT) chunks.push(c)
      })
      res.on('end', () => {
        const status = res.statusCode ?? 0
        const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT)
        if (status >= 200 && status < 300) resolve({ ok: true, retryable: false, statusCode: status, message: 'delivered' })
        else resolve({ ok: false, retryable: status >= 500 || status === 429, statusCode: status, message: `the response URL answered HTTP ${status}${text === '' ? '' : `: ${text}`}` })
      })
      res.on('error', (error) => resolve({ ok: false, retryable: true, statusCode: res.statusCode, message: `reading the answer of the response URL failed: ${error.message}` }))
    })
    req.on('error', (error) => resolve({ ok: false, retryable: signal?.aborted !== true, message: `sending the response failed: ${error.message}` }))
    req.end(body)
  })

/**
 * A `Responder` over Node's HTTP(S) client: one PUT of the document with an
 * empty `content-type` (what the presigned URL was signed with) and its
 * length, repeated on a network error or a 5xx. Throws a `TypeError` at once
 * for bad options; never after.
 */
export const makeHttpResponder = (options: HttpResponderOptions = {}): Responder => {
  const attempts = options.attempts ?? 3
  const timeoutMs = options.attemptTimeoutMs ?? 10_000
  if (!Number.isInteger(attempts) || attempts < 1) throw new TypeError(`makeHttpResponder: attempts must be a whole number ≥ 1, got ${String(options.attempts)}`)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new TypeError(`makeHttpResponder: attemptTimeoutMs must be a whole number of milliseconds ≥ 1, got ${String(options.attemptTimeoutMs)}`)
  return {
    send: async (url, body, opts = {}) => {
      let target: URL
      try {
        target = new URL(url)
      } catch {
        return E.left({ _tag: 'ResponseNotDelivered', message: `the response URL is not a URL: ${url.slice(0, EXCERPT)}` })
      }
      const bytes = Buffer.from(body, 'utf8')
      let last: Attempt | undefined
      for (let i = 0; i < attempts; i++) {
        if (i > 0) await systemClock.sleep(250 * 2 ** (i - 1), opts.signal)
        if (opts.signal?.aborted === true) break
        try {
          last = await put(target, bytes, timeoutMs, opts.signal)
        } catch (error) {
          last = { ok: false, retryable: false, message: `sending the response failed: ${error instanceof Error ? error.message : String(error)}` }
        }
        if (last.ok) return E.right(undefined)
        if (!last.retryable) break
      }
      return E.left({
        _tag: 'ResponseNotDelivered',
        message: last?.message ?? 'the response was not sent: out of time',
        ...(last?.statusCode === undefined ? {} : { statusCode: last.statusCode }),
      })
    },
  }
}
