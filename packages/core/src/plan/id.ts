import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { problem, type Problem } from '../model/problem.js'
import { checkFunctionName, checkQualifier, checkRegion } from '../decode/aws.js'
import { asText, describeType, quote } from '../decode/describe.js'
import type { FunctionName, Qualifier, Region } from '../model/brand.js'

/** An id taken apart. */
export interface ParsedId {
  readonly functionName: FunctionName
  readonly qualifier: Qualifier
  readonly hash: string
  /** `,` for current ids, `_` for ids of older states (and the data source). */
  readonly separator: ',' | '_'
  /** The region an import id names with an `@region` suffix (provider v6); absent otherwise. */
  readonly region?: Region
}

/** md5 hex of the UTF-8 bytes of `payload` (lone surrogates count as U+FFFD, as when sent). */
export const md5Hex = (payload: string): string => createHash('md5').update(asText(payload), 'utf8').digest('hex')

// The ids take any value from untyped callers: a value that is not a string counts as its `String` text.

/** The resource's id from the md5 of its payload, when that is known already: `functionName,qualifier,md5`. */
export const idOf = (functionName: string, qualifier: string, payloadMd5: string): string => `${asText(functionName)},${asText(qualifier)},${payloadMd5}`

/** The resource's id: `functionName,qualifier,md5hex(payload)`. Never throws. */
export const invocationId = (functionName: string, qualifier: string, payload: string): string => idOf(functionName, qualifier, md5Hex(payload))

/** The data source's id: `functionName_qualifier_md5hex(payload)`. Never throws. */
export const dataSourceId = (functionName: string, qualifier: string, payload: string): string =>
  `${asText(functionName)}_${asText(qualifier)}_${md5Hex(payload)}`

/** An id cut at its separators, nothing checked yet. */
interface IdParts {
  readonly functionName: string
  readonly qualifier: string
  readonly hash: string
  readonly separator: ',' | '_'
}

const split = (id: string): IdParts | undefined => {
  if (id.includes(',')) {
    const parts = id.split(',')
    if (parts.length !== 3) return undefined
    const [functionName = '', qualifier = '', hash = ''] = parts
    return { functionName, qualifier, hash, separator: ',' }
  }
  // Names and aliases may hold `_`: the hash is the last part, the qualifier the one before it.
  const last = id.lastIndexOf('_')
  const middle = last > 0 ? id.lastIndexOf('_', last - 1) : -1
  if (middle < 0) return undefined
  return { functionName: id.slice(0, middle), qualifier: id.slice(middle + 1, last), hash: id.slice(last + 1), separator: '_' }
}

/**
 * Takes an id apart: `name,qualifier,hash` or the older `name_qualifier_hash`
 * (split from the right). Checks the name and qualifier formats. Never throws.
 */
export const parseId = (id: unknown): E.Either<Problem[], ParsedId> => {
  if (typeof id !== 'string') return E.left([problem([], `an id must be a string, got ${describeType(id)}`)])
  const parts = split(id)
  if (parts === undefined) {
    return E.left([problem([], `${quote(id)} is not an id: expected "functionName,qualifier,hash" (or the older "functionName_qualifier_hash")`)])
  }
  const problems: Problem[] = []
  const name = checkFunctionName(parts.functionName)
  if (E.isLeft(name)) problems.push(problem(['functionName'], name.left))
  const qualifier = checkQualifier(parts.qualifier)
  if (E.isLeft(qualifier)) problems.push(problem(['qualifier'], qualifier.left))
  if (parts.hash.length === 0) problems.push(problem(['hash'], 'must not be empty'))
  if (E.isLeft(name) || E.isLeft(qualifier) || problems.length > 0) return E.left(problems)
  return E.right({ functionName: name.right, qualifier: qualifier.right, hash: parts.hash, separator: parts.separator })
}

// The provider's own pattern for the region suffix of an import id: what does not match stays in the id.
const IMPORT_REGION = /^(.+)@([a-z]{2}(?:-[a-z]+)+-\d{1,2})$/

/**
 * Parses an import id as Terraform does: like `parseId`, and the qualifier
 * must be `$LATEST` or a version number and the hash 32 lower-case hex digits.
 * The id may end with `@region` (provider v6), given back as `region`.
 */
export const parseImportId = (id: unknown): E.Either<Problem[], ParsedId> => {
  const suffixed = typeof id === 'string' ? IMPORT_REGION.exec(id) : null
  const parsed = parseId(suffixed === null ? id : suffixed[1])
  if (E.isLeft(parsed)) return parsed
  const { qualifier, hash } = parsed.right
  const problems: Problem[] = []
  if (qualifier !== '$LATEST' && !/^\d+$/.test(qualifier)) {
    problems.push(problem(['qualifier'], `must be $LATEST or a version number to import, got ${quote(qualifier)}`))
  }
  if (!/^[0-9a-f]{32}$/.test(hash)) problems.push(problem(['hash'], `must be 32 lower-case hex digits (an md5), got ${quote(hash)}`))
  if (problems.length > 0) return E.left(problems)
  // The suffix matched the provider's pattern, which only region names match.
  const region = suffixed === null ? undefined : checkRegion(suffixed[2] as string)
  return E.right(region === undefined || E.isLeft(region) ? parsed.right : { ...parsed.right, region: region.right })
}
