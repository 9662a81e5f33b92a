/**
 * `--replace NAME`: the resources to run again (a delete, then a create, in
 * the config's replace order), as Terraform's `-replace`. Each name must be a
 * resource of the config: replacing needs its arguments, and one only in the
 * state can be destroyed, not replaced.
 */
import * as E from 'fp-ts/lib/Either.js'
import { closest } from '@lambda-invocation/core'
import type { CliError } from '../setup/cli-error.js'
import type { Context } from '../setup/context.js'

/** The `--replace` names, checked against the config (and the `--target`s, when given); a name that is not there is a usage error with the nearest one. */
export const replaceOptions = (ctx: Context): E.Either<CliError, ReadonlySet<string>> => {
  const known = [...ctx.config.resources.keys()]
  for (const name of ctx.args.replace) {
    if (!ctx.config.resources.has(name)) {
      const guess = closest(name, known)
      return E.left({
        _tag: 'UsageError',
        message:
          `--replace "${name}" is not a resource of the config (${ctx.config.file})` +
          (guess !== undefined ? `; did you mean "${guess}"?` : known.length > 0 ? `. Its resources: ${[...known].sort().join(', ')}.` : ': it has no resources.') +
          `\nRun 'lambda-invocation --help' for usage.`,
      })
    }
    if (ctx.args.targets.length > 0 && !ctx.args.targets.includes(name))
      return E.left({ _tag: 'UsageError', message: `--replace "${name}" is not among the --target resources: add --target ${name}, or drop the --target options\nRun 'lambda-invocation --help' for usage.` })
  }
  return E.right(new Set(ctx.args.replace))
}
