/**
 * Format 1, the state file as the command wrote it before the journal: one
 * JSON document holding every key's record, rewritten whole on every write.
 * Read so that such a state is used as it is and migrated on the first write;
 * written only by the tests that check that migration.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseJsonDocument } from '@lambda-invocation/core/json'
import { checkRecord } from './record-check.js'
import { STATE_FORMAT, type StateFile } from './state.js'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Checks the text of a format-1 state file: the state, or why it is not one
 * (a phrase to put after "is corrupt: "). Never throws.
 */
export const parseStateV1 = (text: string): E.Either<string, StateFile> => {
  const parsed = parseJsonDocument(text)
  if (E.isLeft(parsed)) return E.left(`it is not valid JSON (${parsed.left.message})`)
  const doc = parsed.right
  if (!isObject(doc)) return E.left('it is not a JSON object')
  if (doc['format'] !== STATE_FORMAT) return E.left(`"format" must be ${JSON.stringify(STATE_FORMAT)}`)
  if (doc['formatVersion'] !== 1) return E.left(`"formatVersion" ${JSON.stringify(doc['formatVersion'])} is not one this version reads (1 or 2)`)
  const serial = doc['serial']
  if (typeof serial !== 'number' || !Number.isSafeInteger(serial) || serial < 0) return E.left('"serial" must be a whole number')
  const records = doc['records']
  if (!isObject(records)) return E.left('"records" must be an object')
  for (const [key, entry] of Object.entries(records)) {
    if (!isObject(entry)) return E.left(`the entry of ${JSON.stringify(key)} is not an object`)
    if (typeof entry['version'] !== 'string') return E.left(`the entry of ${JSON.stringify(key)} has no version`)
    const problem = checkRecord(entry['record'])
    if (problem !== undefined) return E.left(`the record of ${JSON.stringify(key)} is not valid: ${problem}`)
  }
  return E.right(doc as unknown as StateFile)
}

/**
 * A format-1 file's text, as `JSON.stringify(state, null, 2)` would write it
 * with the keys sorted, built from each entry's text: `memo` keeps the text of
 * entries already written (a version is never reused), so a rewrite costs the
 * bytes, not a new encoding of every record.
 */
export const serializeStateV1 = (state: StateFile, memo: Map<string, string> = new Map()): string => {
  const keys = Object.keys(state.records).sort()
  const used = new Map<string, string>()
  const entries = keys.map((key) => {
    const entry = state.records[key]!
    const id = `${entry.version}\u0000${key}`
    const text = memo.get(id) ?? `    ${JSON.stringify(key)}: ${JSON.stringify({ version: entry.version, record: entry.record }, null, 2).replace(/\n/g, '\n    ')}`
    used.set(id, text)
    return text
  })
  memo.clear()
  for (const [id, text] of used) memo.set(id, text)
  const records = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`
  return `{\n  "format": ${JSON.stringify(state.format)},\n  "formatVersion": ${state.formatVersion},\n  "serial": ${state.serial},\n  "records": ${records}\n}\n`
}
