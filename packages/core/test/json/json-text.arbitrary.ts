import fc from 'fast-check'

/**
 * JSON texts that stress a Go-exact encoder: number spellings float64 must
 * round (long integers, exponents, `-0`, `1.0`), strings with every kind of
 * escape (HTML characters, U+2028/2029, control characters, lone and paired
 * surrogates, raw and escaped), keys that sort differently in UTF-16 and
 * UTF-8 or collapse to U+FFFD, integer-like keys, duplicated keys, and
 * whitespace between the tokens.
 */

const ws = fc.constantFrom('', '', '', ' ', '\n', '\t', '\r\n  ')

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''))

/** A JSON number as text, within float64 range. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '-0', '1.0', '-0.0', '1e21', '1E+21', '1e20', '0.000001', '0.0000001', '12345678901234567890', '5e-324', '1.7976931348623157e308', '-1e-400', '9007199254740993', '0.1', '100', '1e-7', '123e-20'),
  fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 9 }), digits(0, 22), fc.option(digits(1, 20)), fc.option(fc.tuple(fc.constantFrom('e', 'E', 'e+', 'e-', 'E-'), fc.integer({ min: 0, max: 290 })))).map(
    ([neg, lead, rest, frac, exp]) => `${neg ? '-' : ''}${lead}${rest}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}`}`,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)),
)

const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`

/** One piece of a JSON string's content, as it is written in the text. */
const stringPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }).map((s) => JSON.stringify(s).slice(1, -1)) },
  { weight: 2, arbitrary: fc.constantFrom('<', '>', '&', '\u2028', '\u2029', '\u007f', 'é', '\uffff', '\ue000', '\ud83d\ude00', '/', '\\/', '\\"', '\\\\') },
  { weight: 2, arbitrary: fc.constantFrom('\\b', '\\f', '\\n', '\\r', '\\t', '\\u0000', '\\u001F', '\\u003C', '\\u2028', '\\uD83D\\uDE00', '\\uE000') },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map(hex4) }, // a lone surrogate, escaped
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }, // raw
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '"' && c !== '\\' && (c.codePointAt(0) ?? 0) >= 0x20) },
)

/** A JSON string literal as text. */
export const stringText: fc.Arbitrary<string> = fc.array(stringPiece, { maxLength: 5 }).map((p) => `"${p.join('')}"`)

/** Keys that collide, sort differently in UTF-16 and UTF-8, or are integer-like. */
const keyText: fc.Arbitrary<string> = fc.oneof(
  stringText,
  fc.constantFrom('"a"', '"b"', '"A"', '"10"', '"2"', '"-1"', '"01"', '""', '"\uffff"', '"\ue000"', '"\ud83d\ude00"', '"\\ud800"', '"\\udbff"', '"__proto__"', '"constructor"'),
)

const json = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText,
    stringText,
    fc.constantFrom('true', 'false', 'null'),
    tie('object'),
    tie('array'),
  ),
  object: fc
    .array(fc.tuple(ws, keyText, ws, ws, tie('value'), ws), { maxLength: 6 })
    .chain((members) => ws.map((w) => `{${members.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(',')}${members.length === 0 ? w : ''}}`)),
  array: fc
    .array(fc.tuple(ws, tie('value'), ws), { maxLength: 5 })
    .map((items) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}]`),
}))

/** Any JSON text (a value with optional surrounding whitespace). */
export const jsonText: fc.Arbitrary<string> = fc.tuple(ws, json.value, ws).map(([a, v, b]) => `${a}${v}${b}`)

/** A JSON object text. */
export const jsonObjectText: fc.Arbitrary<string> = fc.tuple(ws, json.object, ws).map(([a, v, b]) => `${a}${v}${b}`)
