/** One segment of the path to a problem: an object key or an array index. */
export type PathSegment = string | number

/** A validation problem: where it is and what a person should know about it. */
export interface Problem {
  readonly path: ReadonlyArray<PathSegment>
  readonly message: string
}

/** Builds a problem. */
export const problem = (path: ReadonlyArray<PathSegment>, message: string): Problem => ({ path, message })

const renderPath = (path: ReadonlyArray<PathSegment>): string =>
  path.reduce<string>(
    (acc, seg) =>
      typeof seg === 'number'
        ? `${acc}[${seg}]`
        : /^[A-Za-z_$][\w$-]*$/.test(seg)
          ? acc === '' ? seg : `${acc}.${seg}`
          : `${acc}[${JSON.stringify(seg)}]`,
    '',
  )

/** Renders problems for people, one per line: `path: message` (or just the message at the root). */
export const formatProblems = (problems: ReadonlyArray<Problem>): string =>
  problems
    .map((p) => {
      const where = renderPath(p.path)
      return where === '' ? p.message : `${where}: ${p.message}`
    })
    .join('\n')
