import * as E from 'fp-ts/lib/Either.js'
import { Token, Tokenization } from 'aws-cdk-lib'
import { formatProblems } from '@lambda-invocation/core'
import { jsonencode, type EncodeHook } from '@lambda-invocation/core/json'

const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && [Object.prototype, null].includes(Object.getPrototypeOf(u) as object | null)

// A string token survives the encoding as it is (its text needs no JSON escape) and resolves in place;
// a number token is put in as the text it resolves to; anything else would resolve to structure, not text.
const tokens: EncodeHook = (value) => {
  if (typeof value === 'number' && Token.isUnresolved(value)) return E.right(Tokenization.stringifyNumber(value))
  if (typeof value === 'string') return undefined
  if (Array.isArray(value) && Token.isUnresolved(value)) return E.left('is a list token, whose items CDK cannot write into a JSON text; give the items, or the whole input as a string')
  if (isPlainObject(value)) {
    const key = Object.keys(value).find((k) => Token.isUnresolved(k))
    if (key !== undefined) return E.left(`has a key that is a token (${key}): keys are sorted at synth time, so they must be known then`)
    return undefined
  }
  if (typeof value === 'object' && value !== null && Token.isUnresolved(value)) {
    return E.left('is a token that resolves to a value, not text; give its parts, or the whole input as a string (e.g. Stack.toJsonString)')
  }
  return undefined
}

/**
 * The `Input` property of a construct's input: a string as it is, anything
 * else as Terraform's `jsonencode` writes it, at synth time (so numbers and
 * booleans stay numbers and booleans: CloudFormation would turn them into
 * strings in an object property). Tokens inside strings resolve in place,
 * their values inserted without JSON escaping (right for names, ARNs and ids).
 * Throws an `Error` naming the construct and the path of a value that cannot be encoded.
 */
export const inputProperty = (path: string, input: unknown): string => {
  if (typeof input === 'string') return input
  const encoded = jsonencode(input, { hook: tokens })
  if (E.isLeft(encoded)) {
    const where = encoded.left.map((p) => ({ ...p, path: ['input', ...p.path] }))
    throw new Error(`LambdaInvocation ${path}: ${formatProblems(where).replaceAll('\n', '; ')}`)
  }
  return encoded.right
}
