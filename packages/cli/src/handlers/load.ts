/**
 * Local functions: a module exporting one handler per function name (named
 * exports, or a default export object), run through the memory invoker the
 * way Lambda's Node.js runtime would run them.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { parseFunctionRef, type Handler } from '@lambda-invocation/memory-adapter'
import type { CliError } from '../setup/cli-error.js'
import { loadingModule } from './guard.js'

/** The handlers a module exports, by function name. */
export interface HandlerModule {
  readonly file: string
  readonly handlers: ReadonlyMap<string, Handler>
}

/** Why handlers could not be used. */
export interface HandlersError {
  readonly _tag: 'HandlersError'
  readonly message: string
}

const fail = (message: string): E.Either<HandlersError, never> => E.left({ _tag: 'HandlersError', message })

/** Imports the handlers module at `file` (an absolute path). Never throws: a module that fails to load is a `HandlersError`. */
export const loadHandlers = async (file: string): Promise<E.Either<HandlersError, HandlerModule>> => {
  if (!existsSync(file))
    return fail(`no handlers module at ${file}: write one that exports a function per function name, or choose one with --handlers (or use --aws)`)
  if (statSync(file).isDirectory()) return fail(`the handlers module ${file} is a folder: name the module file in it (e.g. ${join(file, 'handlers.mjs')})`)
  let mod: Record<string, unknown>
  try {
    mod = (await loadingModule(file, () => import(pathToFileURL(file).href))) as Record<string, unknown>
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_UNKNOWN_FILE_EXTENSION')
      return fail(`cannot load the handlers module ${file}: Node does not run this kind of file; give a JavaScript module (.mjs, .js or .cjs), compiling TypeScript first`)
    const where = e instanceof SyntaxError ? syntaxErrorLine(file) : undefined
    return fail(`cannot load the handlers module ${file}${where === undefined ? '' : ` (line ${where})`}: ${e instanceof Error ? e.message : String(e)}`)
  }
  const handlers = new Map<string, Handler>()
  const fallback = mod['default']
  if (typeof fallback === 'object' && fallback !== null) {
    for (const [name, fn] of Object.entries(fallback)) if (typeof fn === 'function') handlers.set(name, fn as Handler)
  }
  for (const [name, fn] of Object.entries(mod)) if (name !== 'default' && typeof fn === 'function') handlers.set(name, fn as Handler)
  return E.right({ file, handlers })
}

/**
 * The line of a syntax error in `file`: Node does not put it in the error an
 * `import()` rejects with, but `node --check` prints it.
 */
const syntaxErrorLine = (file: string): number | undefined => {
  const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 })
  const first = checked.stderr?.split('\n', 1)[0] ?? ''
  const m = /:(\d+)$/.exec(first)
  return first.includes(file) && m !== null ? Number(m[1]) : undefined
}

/** The bare function name a handler is looked up by (an ARN or `name:qualifier` gives its name). */
export const handlerName = (functionName: string): string => parseFunctionRef(functionName).name

// Words `export const` cannot take as a name.
const RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(' '),
)

/** Whether `name` can be exported as `export const name = …`. */
const isIdentifier = (name: string): boolean => /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name)

/** The line to add to the module for a function: a named export, or a key of the default export object for a name that is no JavaScript identifier. */
export const handlerHint = (name: string): string =>
  isIdentifier(name) ? `export const ${name} = async (event) => ...` : `export default { ${JSON.stringify(name)}: async (event) => ... }`

/**
 * Checks every function that will be invoked has a handler; the message names
 * each missing one once per resource, what the module exports, and the line
 * to add for each (a default export object's key for a name like `my-fn`).
 */
export const checkHandlers = (
  module: HandlerModule,
  needed: ReadonlyArray<{ readonly key: string; readonly functionName: string }>,
): E.Either<HandlersError, void> => {
  const lines = new Set<string>()
  const names = new Set<string>()
  for (const n of needed) {
    const name = handlerName(n.functionName)
    if (module.handlers.has(name)) continue
    names.add(name)
    lines.add(`resource "${n.key}": no handler for function "${name}" in ${module.file}`)
  }
  if (lines.size === 0) return E.right(undefined)
  const exported = [...module.handlers.keys()].sort()
  return fail(
    `${[...lines].join('\n')}\n(it exports: ${exported.length === 0 ? 'no functions' : exported.join(', ')}.) Add ${names.size === 1 ? 'it' : 'them'}, or use --aws to invoke the real ${names.size === 1 ? 'function' : 'functions'}:\n` +
      [...names].map((n) => `  ${handlerHint(n)}`).join('\n'),
  )
}

/**
 * The handlers module `file`, loaded and checked to have a handler for each of
 * `needed`: a module that does not load is `MissingHandlers`, a function
 * without a handler `MissingHandler` (each missing one named).
 */
export const loadCheckedHandlers = async (
  file: string,
  needed: ReadonlyArray<{ readonly key: string; readonly functionName: string }>,
): Promise<E.Either<CliError, HandlerModule>> => {
  const module = await loadHandlers(file)
  if (E.isLeft(module)) return E.left({ _tag: 'MissingHandlers', message: module.left.message })
  const checked = checkHandlers(module.right, needed)
  return E.isLeft(checked) ? E.left({ _tag: 'MissingHandler', message: checked.left.message }) : E.right(module.right)
}
