import { goString } from '../json/go-encode.js'
import { encodeGoFast } from '../json/go-encode-fast.js'
import { minifyJson } from '../json/minify.js'
import * as E from 'fp-ts/lib/Either.js'
import { findTreeFault, hasHighChars, treeFaultMessage, wellFormed, type Json } from '../json/parse.js'
import type { TerraformKey } from '../model/brand.js'
import type { Encoding, LifecycleAction } from '../model/types.js'

const HIGH = /[\ud800-\uffff]/

/**
 * The CRUD payload: the input object plus the lifecycle key set to
 * `{"action":…,"prev_input":<prior input or null>}`. `terraform` is Go's
 * `json.Marshal` of the decoded map, byte for byte; `preserve` keeps the
 * user's key order, number text and escapes (whitespace between tokens
 * removed) and appends the key. The input must be an object without the key.
 * A Left is what Go would refuse in an input parsed with `checkTree: false`.
 */
export const crudPayload = (
  encoding: Encoding,
  key: TerraformKey,
  action: LifecycleAction,
  input: Json,
  prevInput: Json | undefined,
): E.Either<string, string> => {
  if (encoding === 'preserve') {
    const fault = input.treeChecked ? undefined : findTreeFault(input.value)
    if (fault !== undefined) return E.left(treeFaultMessage(fault, input.text))
    const body = minifyJson(input.text)
    const lifecycle = `{"action":"${action}","prev_input":${prevInput === undefined ? 'null' : minifyJson(prevInput.text)}}`
    const head = body.slice(0, body.length - 1)
    return E.right(`${head}${head === '{' ? '' : ','}${goString(key)}:${lifecycle}}`)
  }
  const hints = {
    loneSurrogates: wellFormed(key) !== key, // parsed JSON holds none
    highKeys: hasHighChars(input.text) || (prevInput !== undefined && prevInput !== input && hasHighChars(prevInput.text)) || HIGH.test(key),
  }
  const encoded = encodeGoFast(input.value, hints, { key, value: { action, prev_input: prevInput === undefined ? null : prevInput.value } })
  return E.mapLeft((fault: 'depth' | 'range') => treeFaultMessage(fault, input.text))(encoded)
}
