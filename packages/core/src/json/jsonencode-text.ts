import * as E from 'fp-ts/lib/Either.js'
import { MAX_PAYLOAD_BYTES } from '../model/limits.js'
import type { PathSegment, Problem } from '../model/problem.js'
import { ctyNumber, type CtyNumberFault } from './cty-number.js'
import { compareUtf8, goString } from './go-encode.js'
import { wellFormed } from './parse.js'
import { isJsonSpace, scanJson } from './scan.js'

/**
 * Terraform's `jsonencode` of a value written as JSON text (a config's
 * `input` object as its author wrote it): what `jsonencode(local.x)` gives
 * when `x` is that text in a `.tf.json` file. The rules, as observed with
 * Terraform 1.11 and read in cty and HCL:
 *
 * - object keys sorted by their UTF-8 bytes (Go's `sort.Strings`), at every
 *   depth; arrays in order; `{}` and `[]` stay; no whitespace;
 * - numbers from their digits, never through float64 (see `ctyNumber`):
 *   `1.0` → `1`, `1e21` → `1000000000000000000000`, `1e-7` → `0.0000001`,
 *   `-0` → `-0`, `12345678901234567890` kept;
 * - strings as Go's `json.Marshal` writes them: `<` `>` `&` U+2028 U+2029
 *   as `\u003c` `\u003e` `\u0026` `\u2028` `\u2029`, `\b \f \n \r \t`
 *   short, other control characters `\u00XX`, a lone surrogate (raw or
 *   escaped) U+FFFD, everything else raw UTF-8 (`\/` becomes `/`);
 * - a key given twice in one object is refused, as HCL's JSON syntax
 *   refuses it ("Duplicate object attribute"), not kept last as `JSON.parse`
 *   or HCL's native syntax would.
 *
 * Two things differ from Terraform, by design. Strings are not normalised
 * to Unicode NFC: Terraform normalises every configuration string, but this
 * project keeps the exact string the author wrote (a string `input` too), so
 * a text not already in NFC (rare: editors write NFC) keeps its characters
 * here, and two keys that are equal only after normalisation stay two keys.
 * And strings are taken literally: `${…}` and `%{…}` are not templates.
 */

const LITERAL_LENGTH: Readonly<Record<string, number>> = { t: 4, f: 5, n: 4 }
const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/** A value read from the text: its encoded text when it is a scalar, or its members. */
type Node = string | ArrayNode | ObjectNode

interface ArrayNode {
  readonly items: Node[]
}

interface ObjectNode {
  /** Decoded, well-formed keys, in the order written. */
  readonly keys: string[]
  readonly values: Node[]
}

/** An object or array being read. */
interface OpenNode {
  readonly node: ArrayNode | ObjectNode
  readonly seen: Set<string> | undefined
  /** The key whose value comes next (an object), `undefined` while a key is expected. */
  key: string | undefined
  /** The value of this key is dropped (the key was given before). */
  skip: boolean
}

/** The index past the string token that starts at the quote `i` of a valid text. */
const stringEnd = (text: string, i: number): number => {
  let j = i + 1
  for (;;) {
    const c = text.charCodeAt(j)
    if (c === 0x22) return j + 1
    j += c === 0x5c ? 2 : 1
  }
}

/** The value of a valid string token of a well-formed text: an escaped lone surrogate is U+FFFD, as Go decodes it. */
const decodeString = (token: string): string => wellFormed(token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1))

const isArrayNode = (n: ArrayNode | ObjectNode): n is ArrayNode => 'items' in n

const tooLongMessage = (token: string, fault: CtyNumberFault): string => {
  const shown = token.length > 40 ? `${token.slice(0, 20)}…${token.slice(-10)}` : token
  const length = fault._tag === 'TooLong' ? fault.length : Number.POSITIVE_INFINITY
  const written = Number.isFinite(length) ? length.toLocaleString('en-US') : 'more than a million billion'
  // Alone it fits: the numbers before it used up the room.
  const others = length <= MAX_PAYLOAD_BYTES ? ' with the numbers before it' : ''
  return `the number ${shown} takes ${written} characters written out as Terraform writes numbers (every digit, no exponent), which${others} is more than the ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes a payload can hold`
}

/** Reads a valid text into nodes, scalars already encoded; problems for repeated keys and numbers too long to write. */
const read = (text: string, problems: Problem[]): Node => {
  const open: OpenNode[] = []
  let budget = MAX_PAYLOAD_BYTES // characters the numbers may still take once written out
  let root: Node = 'null'
  const pathHere = (): PathSegment[] =>
    open.map((o) => (isArrayNode(o.node) ? o.node.items.length : (o.key as string)))
  const attach = (value: Node): void => {
    const top = open[open.length - 1]
    if (top === undefined) {
      root = value
      return
    }
    if (isArrayNode(top.node)) top.node.items.push(value)
    else {
      if (!top.skip) {
        top.node.keys.push(top.key as string)
        top.node.values.push(value)
      }
      top.key = undefined
      top.skip = false
    }
  }
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isJsonSpace(c) || c === 0x2c || c === 0x3a) {
      i += 1
      continue
    }
    if (c === 0x7b || c === 0x5b) {
      open.push(
        c === 0x7b
          ? { node: { keys: [], values: [] }, seen: new Set(), key: undefined, skip: false }
          : { node: { items: [] }, seen: undefined, key: undefined, skip: false },
      )
      i += 1
      continue
    }
    if (c === 0x7d || c === 0x5d) {
      const closed = open.pop() as OpenNode
      attach(closed.node)
      i += 1
      continue
    }
    const top = open[open.length - 1]
    if (c === 0x22) {
      const end = stringEnd(text, i)
      const s = decodeString(text.slice(i, end))
      i = end
      if (top !== undefined && top.seen !== undefined && top.key === undefined) {
        top.key = s
        if (top.seen.has(s)) {
          top.skip = true
          problems.push({ path: pathHere(), message: 'is given twice in the same object, which Terraform refuses ("Duplicate object attribute"): keep one' })
        }
        top.seen.add(s)
      } else {
        attach(goString(s))
      }
      continue
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER_TOKEN.lastIndex = i
      const token = (NUMBER_TOKEN.exec(text) as RegExpExecArray)[0]
      i += token.length
      const written = ctyNumber(token, budget)
      if (E.isLeft(written)) {
        problems.push({ path: pathHere(), message: tooLongMessage(token, written.left) })
        attach('null')
      } else {
        budget -= written.right.length
        attach(written.right)
      }
      continue
    }
    // true, false or null: written as they are.
    const length = LITERAL_LENGTH[text.charAt(i)] ?? 4
    attach(text.slice(i, i + length))
    i += length
  }
  return root
}

/** An object or array being written: its members in output order. */
interface WriteFrame {
  readonly values: ReadonlyArray<Node>
  /** Each member's `"key":`, in key order; `undefined` for an array. */
  readonly prefixes: ReadonlyArray<string> | undefined
  i: number
}

/** Writes nodes compactly, object members sorted by their keys' UTF-8 bytes. Iterative. */
const write = (root: Node): string => {
  let out = ''
  const frames: WriteFrame[] = []
  const emit = (node: Node): void => {
    if (typeof node === 'string') {
      out += node
      return
    }
    if (isArrayNode(node)) {
      if (node.items.length === 0) out += '[]'
      else {
        out += '['
        frames.push({ values: node.items, prefixes: undefined, i: 0 })
      }
      return
    }
    if (node.keys.length === 0) {
      out += '{}'
      return
    }
    const order = node.keys.map((_, k) => k).sort((a, b) => compareUtf8(node.keys[a] as string, node.keys[b] as string))
    out += '{'
    frames.push({ values: order.map((k) => node.values[k] as Node), prefixes: order.map((k) => `${goString(node.keys[k] as string)}:`), i: 0 })
  }
  emit(root)
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as WriteFrame
    if (top.i >= top.values.length) {
      out += top.prefixes === undefined ? ']' : '}'
      frames.pop()
      continue
    }
    const i = top.i
    top.i += 1
    if (i > 0) out += ','
    if (top.prefixes !== undefined) out += top.prefixes[i] as string
    emit(top.values[i] as Node)
  }
  return out
}

/**
 * What Terraform's `jsonencode` writes for the value of the JSON text
 * `text` (see the rules above): `Right` with that text, or `Left` with
 * problems, each at its path from the text's root: a syntax error (with line
 * and column), a key given twice in an object, a number that written out in
 * full would pass the 6 MB payload limit. Iterative (any depth: the 10,000
 * levels Go accepts are the input check's business, not this one's). Never
 * throws.
 */
export const jsonencodeText = (source: string): E.Either<Problem[], string> => {
  if (source.length === 0) return E.left([{ path: [], message: 'must be JSON text, got an empty string' }])
  // A lone surrogate of the text is U+FFFD in its UTF-8 bytes, before any escape is read: so a raw one never pairs with an escaped one.
  const text = wellFormed(source)
  const syntax = scanJson(text)
  if (syntax !== undefined) {
    const blank = syntax.offset >= text.length && /^[ \t\n\r]*$/.test(text)
    return E.left([{ path: [], message: blank ? 'must be JSON text, got only whitespace' : `not valid JSON: ${syntax.message}` }])
  }
  const problems: Problem[] = []
  const root = read(text, problems)
  return problems.length > 0 ? E.left(problems) : E.right(write(root))
}
