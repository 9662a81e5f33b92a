import * as E from 'fp-ts/lib/Either.js'
import type { FunctionName, Qualifier, Region, TenantId, TerraformKey } from '../model/brand.js'
import { checked } from './codec.js'
import { quote } from './describe.js'

// Lambda's FunctionName pattern (Invoke API), anchored.
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9-_]+)$/
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/

/** Checks a function name, partial ARN or ARN: Lambda's pattern, 1–64 characters bare, at most 256 otherwise. */
export const checkFunctionName = (s: string): E.Either<string, FunctionName> => {
  if (s.length === 0) return E.left('must not be empty')
  const bare = !s.includes(':')
  if (bare && s.length > 64) return E.left(`must be at most 64 characters as a bare function name, got ${s.length}`)
  if (s.length > 256) return E.left(`must be at most 256 characters, got ${s.length}`)
  if (!FUNCTION_NAME.test(s)) {
    return E.left(
      `${quote(s)} is not a function name, partial ARN or ARN (letters, digits, "-" and "_", e.g. "my-function" or "arn:aws:lambda:us-east-1:123456789012:function:my-function")`,
    )
  }
  return E.right(s as FunctionName)
}

/** Checks a qualifier: 1–128 characters, `$LATEST`, a version or an alias. */
export const checkQualifier = (s: string): E.Either<string, Qualifier> => {
  if (s.length === 0) return E.left('must not be empty (omit it for $LATEST)')
  if (s.length > 128) return E.left(`must be at most 128 characters, got ${s.length}`)
  if (!QUALIFIER.test(s)) return E.left(`${quote(s)} is not $LATEST, a version or an alias (letters, digits, "-" and "_")`)
  return E.right(s as Qualifier)
}

/** Checks a region name such as `us-east-1`, `us-gov-west-1`, `cn-north-1`. */
export const checkRegion = (s: string): E.Either<string, Region> =>
  REGION.test(s) ? E.right(s as Region) : E.left(`${quote(s)} is not an AWS region name (e.g. "us-east-1", "eu-central-2")`)

/** Checks a tenant id: 1–256 characters. */
export const checkTenantId = (s: string): E.Either<string, TenantId> =>
  s.length === 0
    ? E.left('must not be empty (omit it for no tenant)')
    : s.length > 256
      ? E.left(`must be at most 256 characters, got ${s.length}`)
      : E.right(s as TenantId)

/** Checks a lifecycle key: a non-empty string. */
export const checkTerraformKey = (s: string): E.Either<string, TerraformKey> =>
  s.length === 0 ? E.left('must not be empty (omit it for "tf")') : E.right(s as TerraformKey)

/** Function names, partial ARNs and ARNs, as `checkFunctionName` takes them. */
export const FunctionNameCodec = checked('FunctionName', checkFunctionName)
/** Qualifiers, as `checkQualifier` takes them. */
export const QualifierCodec = checked('Qualifier', checkQualifier)
/** Region names, as `checkRegion` takes them. */
export const RegionCodec = checked('Region', checkRegion)
/** Tenant ids, as `checkTenantId` takes them. */
export const TenantIdCodec = checked('TenantId', checkTenantId)
/** Lifecycle keys, as `checkTerraformKey` takes them. */
export const TerraformKeyCodec = checked('TerraformKey', checkTerraformKey)
