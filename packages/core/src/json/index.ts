/**
 * @lambda-invocation/core/json: the project's one JSON toolkit. Pure (no I/O),
 * never throws, iterative (any depth). One module per concern:
 *
 * - `scan.ts`: the grammar. Locates the first syntax error (one message
 *   format everywhere: `unexpected end at line 1, column 6`) and reports the
 *   span of each value with its path.
 * - `document.ts`: a document people write (config, state file).
 * - `parse.ts`: an invocation input, with Go's rules (depth, float64, U+FFFD).
 * - `minify.ts`, `pretty.ts`: reformatting that keeps every token as written.
 * - `go-encode.ts`, `go-encode-fast.ts`: Go's `json.Marshal` of a parsed value.
 * - `jsonencode.ts`, `jsonencode-text.ts`, `cty-number.ts`: Terraform's
 *   `jsonencode` (sorted keys, compact, cty's number and Go's escape rules)
 *   of a JavaScript value and of a JSON text.
 */

// scanning
/** Where a JSON text stops being valid: `{ offset, line, column, message }`. */
export type { JsonSyntaxError } from './scan.js'
/** The path of a value from the root: object keys and array indexes. */
export type { JsonPath } from './scan.js'
/** Called with each value's path and span `[start, end)`; the path is only valid during the call. */
export type { ValueVisitor } from './scan.js'
/** The first syntax error of a JSON text, or `undefined` when it is valid; optionally visits every value's span. */
export { scanJson } from './scan.js'
/** The 1-based line and column of an index in a text. */
export { lineColumn } from './scan.js'
/** True for the four JSON whitespace characters. */
export { isJsonSpace } from './scan.js'

// parsing
/** Parses a document (JSON.parse rules, a leading byte order mark skipped): its value or a located syntax error. */
export { parseJsonDocument } from './document.js'
/** Parses an invocation input with Go's rules: `Either<string, Json>`, the message ready for a `Problem`. */
export { parseJson } from './parse.js'
/** A text Go's decoder accepts, with its value. */
export type { Json } from './parse.js'
/** Why Go would refuse a value JSON.parse accepted: `'depth'` or `'range'`. */
export type { TreeFault } from './parse.js'
/** Finds, without recursion, nesting beyond Go's limit or a number beyond float64 in a parsed value. */
export { findTreeFault } from './parse.js'
/** The message for a tree fault of a text. */
export { treeFaultMessage } from './parse.js'
/** `an object`, `an array`, `a string`, `a number`, `a boolean` or `null`, for messages. */
export { jsonTypeName } from './parse.js'
/** True for a parsed JSON object (not an array, not null). */
export { isJsonObject } from './parse.js'
/** True when a JSON text holds a character, raw or escaped, at or above U+D800. */
export { hasHighChars } from './parse.js'
/** A string with its lone surrogates replaced by U+FFFD. */
export { wellFormed } from './parse.js'

// reformatting
/** Removes the whitespace between the tokens of a text known to be valid JSON, every token as written. */
export { minifyJson } from './minify.js'
/** Like `minifyJson` for any text: unchanged when it is not valid JSON. */
export { compactJson } from './minify.js'
/** Indents like `JSON.stringify(v, null, 2)`, every token as written; `undefined` when not valid JSON. */
export { prettyJson } from './pretty.js'

// encoding as Go does
/** Go's `json.Marshal` of a parsed value, byte for byte (iterative, any depth). */
export { encodeGo } from './go-encode.js'
/** What `encodeGo` may assume about a value to skip work. */
export type { GoEncodeHints } from './go-encode.js'
/** The same bytes as `encodeGo`, faster, finding Go's depth and float64 faults in the same walk. */
export { encodeGoFast } from './go-encode-fast.js'
/** Go's encoding of a string (HTML-safe escapes, lone surrogates as U+FFFD). */
export { goString } from './go-encode.js'
/** Go's encoding of a float64 (`-0` kept). */
export { goNumber } from './go-encode.js'
/** Compares two strings by their UTF-8 bytes, as Go sorts map keys. */
export { compareUtf8 } from './go-encode.js'
/** Go's escapes of `<`, `>`, `&`, U+2028 and U+2029 applied to JSON text. */
export { escapeHtml } from './go-encode.js'

// encoding as Terraform's jsonencode does
/** Terraform's `jsonencode` of a JavaScript value (numbers are float64): `Either<Problem[], string>`, iterative. */
export { jsonencode } from './jsonencode.js'
/** Replaces what `jsonencode` writes for a value (the CDK construct's tokens). */
export type { EncodeHook, JsonencodeOptions } from './jsonencode.js'
/** A finite float64 written out in full, without exponent, with the fewest digits that read back the same. */
export { decimalNumber } from './jsonencode.js'
/** Terraform's `jsonencode` of the value of a JSON text, numbers from their digits, strings exact (no NFC), a repeated key refused: `Either<Problem[], string>`, iterative. */
export { jsonencodeText } from './jsonencode-text.js'
/** How `jsonencode` writes a JSON number token (cty's 512-bit decimal, every digit, no exponent), or why it cannot. */
export { ctyNumber } from './cty-number.js'
/** Why `ctyNumber` gives no text: `NotANumber` or `TooLong`. */
export type { CtyNumberFault } from './cty-number.js'
