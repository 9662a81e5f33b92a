import * as E from 'fp-ts/lib/Either.js'

/**
 * How Terraform writes a number of its configuration in `jsonencode`. A cty
 * number is a Go `big.Float` with a 512-bit mantissa, parsed from the
 * decimal text rounding to nearest even (cty's `ParseNumberVal`, which HCL
 * uses for both its native and its JSON syntax), and cty's JSON encoder
 * writes it with `Text('f', -1)`: every digit, no exponent, the fewest
 * digits that still identify the 512-bit value. So `1.0` is `1`, `1.50` is
 * `1.5`, `1e21` is `1000000000000000000000`, `1e-7` is `0.0000001`,
 * `12345678901234567890` stays as it is and `-0` stays `-0`.
 *
 * Up to 150 significant digits that is the decimal of the text itself,
 * trailing zeros dropped: no two decimals that short can round to the same
 * 512-bit value (two 152-digit decimals differ by more than its unit in the
 * last place). Longer mantissas are rounded to 512 bits and shortened as Go's
 * `math/big` does, digit walk included.
 */

/** Significant digits up to which the text's own digits are the answer. */
const EXACT_DIGITS = 150
/** Mantissa bits of a cty number. */
const PRECISION = 512
/** Digits computed of each bound in the shortest-digits walk: the walk ends within about 155. */
const WALK_DIGITS = 220

const NUMBER = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?)(\d+))?$/

/** The decimal Go's `math/big` keeps while shortening: `0.mant × 10^exp`; `more` when nonzero digits follow those in `mant`. */
interface Decimal {
  mant: string
  exp: number
  more: boolean
}

const bitLength = (x: bigint): number => {
  if (x === 0n) return 0
  const hex = x.toString(16)
  return hex.length * 4 - (Math.clz32(parseInt(hex.charAt(0), 16)) - 28)
}

const pow10 = (k: number): bigint => 10n ** BigInt(k)

/** `mant` trimmed of trailing zeros (exact decimals keep none, as Go's do). */
const trimZeros = (mant: string): string => {
  let end = mant.length
  while (end > 0 && mant.charCodeAt(end - 1) === 0x30) end -= 1
  return mant.slice(0, end)
}

/** A power of ten that brings a value of about `10^p` to about `WALK_DIGITS` integer digits: `10^shift` as a fraction. */
interface Scale {
  readonly shift: number
  readonly num: bigint
  readonly den: bigint
}

const scaleFor = (p: number): Scale => {
  const shift = p - WALK_DIGITS
  return shift >= 0 ? { shift, num: 1n, den: pow10(shift) } : { shift, num: pow10(-shift), den: 1n }
}

/** The leading digits of `x × 2^e` (`x` > 0) at `scale`, and whether nonzero digits follow them. */
const leadingDigits = (x: bigint, e: number, scale: Scale): Decimal => {
  const num = (e >= 0 ? x << BigInt(e) : x) * scale.num
  const den = (e >= 0 ? 1n : 1n << BigInt(-e)) * scale.den
  const q = num / den
  const exact = q * den === num
  const digits = q.toString()
  return { mant: exact ? trimZeros(digits) : digits, exp: digits.length + scale.shift, more: !exact }
}

const digitAt = (d: Decimal, i: number): number => (i < d.mant.length ? d.mant.charCodeAt(i) : 0x30)

/** Whether the decimal has exactly `n` digits and no more (Go's `len(d.mant) == n`). */
const endsAt = (d: Decimal, n: number): boolean => !d.more && d.mant.length === n

// Go's decimal rounding to n digits (math/big decimal.go): roundDown, roundUp, round half to even.
const roundDown = (d: Decimal, n: number): void => {
  if (n < 0 || (!d.more && n >= d.mant.length)) return
  d.mant = trimZeros(d.mant.slice(0, n))
  d.more = false
}

const roundUp = (d: Decimal, n: number): void => {
  if (n < 0 || (!d.more && n >= d.mant.length)) return
  let k = n
  while (k > 0 && d.mant.charCodeAt(k - 1) >= 0x39) k -= 1
  if (k === 0) {
    d.mant = '1'
    d.exp += 1
  } else {
    d.mant = d.mant.slice(0, k - 1) + String.fromCharCode(d.mant.charCodeAt(k - 1) + 1)
  }
  d.more = false
}

const round = (d: Decimal, n: number): void => {
  if (n < 0 || (!d.more && n >= d.mant.length)) return
  const c = digitAt(d, n)
  const up = c === 0x35 && endsAt(d, n + 1) ? n > 0 && (digitAt(d, n - 1) - 0x30) % 2 === 1 : c >= 0x35
  if (up) roundUp(d, n)
  else roundDown(d, n)
}

/** The digits of `m × 2^e` (m has 512 bits) that Go's `Text('f', -1)` keeps: its shortest-digits walk over the value and its rounding bounds. */
const shortest = (m: bigint, e: number, p: number): Decimal => {
  // Bounds half a unit in the last place either side, as Go computes them (also next to a power of two).
  const mant = m << 1n
  const scale = scaleFor(p)
  const d = leadingDigits(mant, e - 1, scale)
  const lower = leadingDigits(mant - 1n, e - 1, scale)
  const upper = leadingDigits(mant + 1n, e - 1, scale)
  // A bound is itself a possible answer only when rounding to even would give back m.
  const inclusive = (m & 1n) === 0n
  const n = d.more ? WALK_DIGITS - 2 : d.mant.length
  for (let i = 0; i < n; i++) {
    const l = digitAt(lower, i)
    const c = digitAt(d, i)
    const u = digitAt(upper, i)
    const okDown = l !== c || (inclusive && endsAt(lower, i + 1))
    const okUp = c !== u && (inclusive || c + 1 < u || upper.more || i + 1 < upper.mant.length)
    if (okDown && okUp) {
      round(d, i + 1)
      return d
    }
    if (okDown) {
      roundDown(d, i + 1)
      return d
    }
    if (okUp) {
      roundUp(d, i + 1)
      return d
    }
  }
  return d
}

/** `D × 10^e10` (D without leading or trailing zeros) rounded to 512 bits and shortened: Go's digits and decimal exponent. */
const roundedDigits = (digits: string, e10: number): Decimal => {
  let num = BigInt(digits)
  let den = 1n
  if (e10 >= 0) num *= pow10(e10)
  else den = pow10(-e10)
  // Enough quotient bits for the mantissa, a rounding bit and one more; the remainder is the sticky part.
  const k = Math.max(0, PRECISION + 3 + bitLength(den) - bitLength(num))
  const scaled = num << BigInt(k)
  const q = scaled / den
  const sticky = q * den !== scaled
  const s = bitLength(q) - PRECISION
  let m = q >> BigInt(s)
  const low = q - (m << BigInt(s))
  const half = 1n << BigInt(s - 1)
  if (low > half || (low === half && (sticky || (m & 1n) === 1n))) m += 1n
  let e = s - k
  if (m === 1n << BigInt(PRECISION)) {
    m >>= 1n
    e += 1
  }
  return shortest(m, e, digits.length + e10)
}

/** `0.mant × 10^exp` in Go's `%f` with the shortest precision: integer digits padded with zeros, the fraction as needed. */
const fixed = (negative: boolean, mant: string, exp: number): string => {
  const sign = negative ? '-' : ''
  if (exp <= 0) return `${sign}0.${'0'.repeat(-exp)}${mant}`
  if (exp >= mant.length) return sign + mant + '0'.repeat(exp - mant.length)
  return `${sign}${mant.slice(0, exp)}.${mant.slice(exp)}`
}

/** The length of `fixed(negative, mant, exp)` for a mantissa of `n` digits. */
const fixedLength = (negative: boolean, n: number, exp: number): number =>
  (negative ? 1 : 0) + (exp <= 0 ? 2 - exp + n : exp >= n ? exp : n + 1)

/** Why `ctyNumber` gives no text: the token is no JSON number, or its text would pass the length allowed. */
export type CtyNumberFault =
  | { readonly _tag: 'NotANumber' }
  | { readonly _tag: 'TooLong'; /** Characters the text would take at least (infinite for an exponent beyond 15 digits). */ readonly length: number }

const tooLong = (length: number): E.Either<CtyNumberFault, never> => E.left({ _tag: 'TooLong', length })

/**
 * The text Terraform's `jsonencode` writes for the JSON number token
 * `token`, worked out from its digits (never through float64); `Left` when
 * that text would be longer than `maxLength` characters (the short
 * `1e99999999` writes a hundred million digits), or when `token` is not a
 * JSON number. Never throws.
 */
export const ctyNumber = (token: string, maxLength = Number.MAX_SAFE_INTEGER): E.Either<CtyNumberFault, string> => {
  const parts = NUMBER.exec(token)
  if (parts === null) return E.left({ _tag: 'NotANumber' })
  const negative = parts[1] === '-'
  const fraction = parts[3] ?? ''
  const all = (parts[2] ?? '') + fraction
  let lead = 0
  while (lead < all.length && all.charCodeAt(lead) === 0x30) lead += 1
  // big.Float keeps the sign of zero: -0, -0.0 and -0e5 are all written -0.
  if (lead === all.length) return E.right(negative ? '-0' : '0')
  const digits = trimZeros(all.slice(lead))
  const expDigits = (parts[5] ?? '0').replace(/^0+(?=\d)/, '')
  // Beyond 15 digits an exponent is past any length limit (and past Go's, about 6.5e8).
  if (expDigits.length > 15) return tooLong(Number.POSITIVE_INFINITY)
  const exponent = (parts[4] === '-' ? -1 : 1) * Number(expDigits)
  const e10 = exponent - fraction.length + (all.length - lead - digits.length)
  const p = digits.length + e10 // 0.digits × 10^p
  if (digits.length <= EXACT_DIGITS) {
    const length = fixedLength(negative, digits.length, p)
    return length > maxLength ? tooLong(length) : E.right(fixed(negative, digits, p))
  }
  // Rounding can move the point by one place; refuse what is surely too long before the arithmetic.
  const atLeast = fixedLength(negative, 1, p - 1)
  if (atLeast > maxLength) return tooLong(atLeast)
  const d = roundedDigits(digits, e10)
  const length = fixedLength(negative, d.mant.length, d.exp)
  return length > maxLength ? tooLong(length) : E.right(fixed(negative, d.mant, d.exp))
}

/** The 512-bit rounding and shortening alone, whatever the number of digits: for tests that check it against the short-mantissa rule. */
export const ctyNumberRounded = (digits: string, e10: number): string => {
  const d = roundedDigits(digits, e10)
  return fixed(false, d.mant, d.exp)
}
