import type { PathSegment } from '@lambda-invocation/core'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * A problem's path in Pulumi's property-path syntax, as `CheckFailure.property`
 * wants it: `triggers.build`, `triggers["build id"]`, `list[0]`; the root is `""`.
 */
export const propertyPath = (path: ReadonlyArray<PathSegment>): string =>
  path.reduce<string>((acc, seg) => {
    if (typeof seg === 'number') return `${acc}[${seg}]`
    if (IDENTIFIER.test(seg)) return acc === '' ? seg : `${acc}.${seg}`
    return `${acc}[${JSON.stringify(seg)}]`
  }, '')
