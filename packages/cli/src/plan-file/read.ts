/**
 * Reading a plan file: its text, its JSON, then the document checked
 * (`decodeSavedPlan`); each failure a `CliError` naming the file.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { CliError } from '../setup/cli-error.js'
import { decodeSavedPlan, type SavedPlan } from './document.js'

/** Reads and checks the plan file `file`. Never throws. */
export const readPlanFile = (file: string): E.Either<CliError, SavedPlan> => {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'there is no such file (save one with plan --out)' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e)
    return E.left({ _tag: 'PlanFileUnreadable', file, why })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return E.left({ _tag: 'PlanFileInvalid', file, detail: `it is not valid JSON (${e instanceof Error ? e.message : String(e)})` })
  }
  const decoded = decodeSavedPlan(json)
  return E.isLeft(decoded) ? E.left({ _tag: 'PlanFileInvalid', file, detail: decoded.left.join('; ') }) : decoded
}
