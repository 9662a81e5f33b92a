/** A function reference split into its parts: the name, and the qualifier, partition, region and account it carries, if any. */
export interface FunctionRef {
  readonly name: string
  readonly qualifier?: string
  /** From a full ARN (`aws`, `aws-cn`, ...). */
  readonly partition?: string
  /** From a full ARN, or a partial one that names it (`eu-west-1:123456789012:function:name`). */
  readonly region?: string
  /** From a full or partial ARN. */
  readonly accountId?: string
}

const ACCOUNT = /^\d{12}$/

/**
 * Splits what Lambda accepts as a function name: `name`, `name:qualifier`,
 * `account:function:name[:qualifier]` or a full ARN `arn:aws:lambda:region:account:function:name[:qualifier]`.
 */
export const parseFunctionRef = (functionName: string): FunctionRef => {
  const parts = functionName.split(':')
  const at = parts.indexOf('function')
  // A function may be named `function`: the word is a separator only when a name follows it.
  if (at < 0 || at === parts.length - 1) return withQualifier({ name: parts[0] ?? '' }, parts[1])
  const [name = '', qualifier] = parts.slice(at + 1)
  const prefix = parts.slice(0, at)
  const isArn = prefix[0] === 'arn'
  let ref: FunctionRef = isArn && prefix[1] !== undefined && prefix[1] !== '' ? { name, partition: prefix[1] } : { name }
  for (const part of isArn ? prefix.slice(3) : prefix) {
    if (ACCOUNT.test(part)) ref = { ...ref, accountId: part }
    else if (part !== '') ref = { ...ref, region: part }
  }
  return withQualifier(ref, qualifier)
}

const withQualifier = (ref: FunctionRef, qualifier: string | undefined): FunctionRef =>
  qualifier === undefined ? ref : { ...ref, qualifier }

const PARTITIONS: ReadonlyArray<readonly [string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
]

/** The partition a region belongs to, as its ARNs spell it (`aws` unless the region is in China, GovCloud, an ISO or the sovereign cloud). */
export const partitionOf = (region: string): string => PARTITIONS.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws'
