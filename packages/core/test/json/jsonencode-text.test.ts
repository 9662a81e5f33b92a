import { fc, it } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { describe, expect } from 'vitest'
import { jsonencode } from '../../src/json/jsonencode.js'
import { jsonencodeText } from '../../src/json/jsonencode-text.js'
import { parseJson, wellFormed } from '../../src/json/parse.js'
import { scanJson } from '../../src/json/scan.js'
import { jsonObjectText, jsonText } from './json-text.arbitrary.js'
import { TERRAFORM_VERSION, nfcStrings, terraformJsonencode, type TerraformAnswer } from './terraform/terraform-runner.js'

const text = (source: string): string => {
  const r = jsonencodeText(source)
  if (E.isLeft(r)) throw new Error(`${JSON.stringify(source)}: ${JSON.stringify(r.left)}`)
  return r.right
}
const problems = (source: string) => {
  const r = jsonencodeText(source)
  if (E.isRight(r)) throw new Error(`expected problems, got ${r.right}`)
  return r.left
}

/** Ours in the shape of Terraform's answer, strings put in NFC first (Terraform's normalisation, which we leave out by design). */
const sameAsTerraform = (source: string, tf: TerraformAnswer): void => {
  const mine = jsonencodeText(nfcStrings(source))
  if ('err' in tf) expect(E.isLeft(mine), `Terraform refused ${JSON.stringify(source)} (${tf.err}); we gave ${JSON.stringify(mine)}`).toBe(true)
  else expect(mine, source).toEqual(E.right(tf.ok))
}

/** True when an object of the text has a key twice (as decoded and well-formed, in NFC when asked): found with the scanner's paths, not with the code under test. */
const hasDuplicateKeys = (source: string, nfc: boolean): boolean => {
  const seen = new Set<string>()
  let duplicate = false
  scanJson(wellFormed(source), (path) => {
    const at = JSON.stringify(path.map((s) => (typeof s === 'string' ? (nfc ? wellFormed(s).normalize('NFC') : wellFormed(s)) : s)))
    if (seen.has(at)) duplicate = true
    seen.add(at)
  })
  return duplicate
}

describe('jsonencodeText: what Terraform’s jsonencode writes for a value written as JSON', () => {
  // The facts below were observed with Terraform 1.11.4 (terraform console, jsonencode of a local
  // given as JSON in a .tf.json file) and read in cty's cty/json/marshal.go and HCL's json/ parser.
  it('sorts keys at every depth and drops whitespace; arrays keep their order, {} and [] stay', () => {
    expect(text(' \n {"b" : [ 1 , 2 ] ,\t"a" : { } } \r\n')).toBe('{"a":{},"b":[1,2]}')
    expect(text('{"b":1,"a":{"z":[3,{"y":true,"x":null}],"c":"x"}}')).toBe('{"a":{"c":"x","z":[3,{"x":null,"y":true}]},"b":1}')
    expect(text('[{},[],null,true,false,{"x":{}},[[]]]')).toBe('[{},[],null,true,false,{"x":{}},[[]]]')
  })

  // cty sorts attribute names with Go's sort.Strings: by UTF-8 bytes, so by code point.
  it('sorts by UTF-8 bytes: integer-like keys as text, upper case first, U+E000 before an astral character', () => {
    expect(text('{"b":1,"a":{"\\uffff":1,"\\ud83d\\ude00":2,"10":3,"9":4,"":5,"\\ue000":6,"B":7,"~":8,"\\u007f":9}}')).toBe(
      '{"a":{"":5,"10":3,"9":4,"B":7,"~":8,"\u007f":9,"\ue000":6,"\uffff":1,"\u{1F600}":2},"b":1}',
    )
  })

  // Terraform's documentation of jsonencode names the five HTML-safe escapes; the rest is Go's json.Marshal (Go ≥ 1.22 writes \b and \f short).
  it('escapes strings as Go does: <>& U+2028 U+2029 as \\u, short control escapes, lone surrogates as U+FFFD', () => {
    expect(text('"<>&\\u2028\\u2029\u2028"')).toBe('"\\u003c\\u003e\\u0026\\u2028\\u2029\\u2028"')
    expect(text('"\\u0000\\u0001\\u001f\\u007f\u007f \\b\\f\\n\\r\\t \\/ \\" \\\\"')).toBe('"\\u0000\\u0001\\u001f\u007f\u007f \\b\\f\\n\\r\\t / \\" \\\\"')
    expect(text('"\\ud800 x \\udc00\\ud800 \\ud83d\\ude00 \\u00e9 é"')).toBe('"\ufffd x \ufffd\ufffd \u{1F600} é é"')
    // A raw lone surrogate is U+FFFD in the text's bytes already: it never pairs with an escaped one.
    expect(text('"\ud83d\\ude00"')).toBe('"\ufffd\ufffd"')
  })

  it('writes numbers from their digits, as cty does: every digit, no exponent, -0 kept', () => {
    expect(text('[12345678901234567890,1.0,1e21,0.1,1e-7,-0,1.50,1E400]')).toBe(`[12345678901234567890,1,1000000000000000000000,0.1,0.0000001,-0,1.5,1${'0'.repeat(400)}]`)
    expect(text('{"n":-0.0e5,"m":0.000}')).toBe('{"m":0,"n":-0}')
  })

  // HCL's JSON syntax refuses a repeated attribute of an object ("Duplicate object attribute"),
  // where JSON.parse and HCL's native syntax keep the last one.
  it('refuses a key given twice in an object, at its path, however it is spelled', () => {
    const message = 'is given twice in the same object, which Terraform refuses ("Duplicate object attribute"): keep one'
    expect(problems('{"a":1,"a":2}')).toEqual([{ path: ['a'], message }])
    expect(problems('{"x":[0,{"\\u0061":1,"b":{"a":1,"a":2},"a":[3]}]}')).toEqual([
      { path: ['x', 1, 'b', 'a'], message },
      { path: ['x', 1, 'a'], message },
    ])
    // Lone surrogates are U+FFFD once decoded, so these two keys are one.
    expect(problems('{"\\ud800":1,"\\udbff":2}')).toEqual([{ path: ['\ufffd'], message }])
  })

  // Terraform turns every configuration string into NFC (cty.StringVal), so it writes "é" (U+00E9)
  // for "e\u0301" and refuses {"e\u0301":1,"\u00e9":2} as a duplicate. This project keeps strings exact.
  it('keeps strings as written, not in NFC: the one place it differs from Terraform, by design', () => {
    expect(text('"e\\u0301"')).toBe('"e\u0301"')
    expect(text('{"e\\u0301":1,"\\u00e9":2}')).toBe('{"e\u0301":1,"\u00e9":2}')
  })

  it('takes strings literally: ${…} and %{…} are not templates here', () => {
    expect(text('{"a":"${var.x} %{if true}"}')).toBe('{"a":"${var.x} %{if true}"}')
  })

  it('reports what is not JSON with its line and column, and an empty text', () => {
    expect(problems('{"a":\n  }')).toEqual([{ path: [], message: 'not valid JSON: unexpected character "}" at line 2, column 3' }])
    expect(problems('')).toEqual([{ path: [], message: 'must be JSON text, got an empty string' }])
    expect(problems(' \n')).toEqual([{ path: [], message: 'must be JSON text, got only whitespace' }])
  })

  it('refuses a number that written out in full would pass the payload limit, before writing it', () => {
    expect(problems('{"a":[1,1e99999999]}')).toEqual([
      {
        path: ['a', 1],
        message: 'the number 1e99999999 takes 100,000,000 characters written out as Terraform writes numbers (every digit, no exponent), which is more than the 6,291,456 bytes a payload can hold',
      },
    ])
    const [p] = problems('[1e3500000,1e3500000]')
    expect(p?.path).toEqual([1])
    expect(p?.message).toContain('which with the numbers before it is more than the 6,291,456 bytes')
    expect(text('1e6000000')).toHaveLength(6_000_001)
  })

  it('any depth: 100,000 levels of arrays and objects, without recursion', () => {
    const depth = 100_000
    expect(text(`${'[{"k":'.repeat(depth / 2)}0${'}]'.repeat(depth / 2)}`)).toBe(`${'[{"k":'.repeat(depth / 2)}0${'}]'.repeat(depth / 2)}`)
    expect(problems(`${'['.repeat(depth)}{"a":1,"a":1}${']'.repeat(depth)}`)[0]?.path).toHaveLength(depth + 1)
  })
})

describe('jsonencodeText against Terraform itself', () => {
  it('matches the vectors recorded from Terraform (test/json/terraform-vectors.json, made by terraform/make-vectors.ts)', () => {
    const file = JSON.parse(readFileSync(new URL('./terraform-vectors.json', import.meta.url), 'utf8')) as {
      vectors: ReadonlyArray<{ input: string } & TerraformAnswer>
    }
    expect(file.vectors.length).toBeGreaterThan(300)
    for (const v of file.vectors) sameAsTerraform(v.input, 'err' in v ? { err: v.err } : { ok: v.ok })
  })

  // Needs the `terraform` command; CI does not install it, the recorded vectors above stand in.
  it.skipIf(TERRAFORM_VERSION === undefined)('matches a live Terraform on random texts (runs when terraform is on the PATH)', () => {
    const texts = [...fc.sample(jsonText, 120), ...fc.sample(jsonObjectText, 60)].filter((t) => !hasDuplicateKeys(t, true))
    expect(texts.length).toBeGreaterThan(50)
    const answers = terraformJsonencode(texts)
    texts.forEach((t, i) => sameAsTerraform(t, answers[i] as TerraformAnswer))
  })
})

/** A JSON value as a tree, to be spelled in many ways. */
type Tree =
  | { readonly t: 'number'; readonly negative: boolean; readonly digits: string; readonly e10: number }
  | { readonly t: 'string'; readonly s: string }
  | { readonly t: 'literal'; readonly word: 'true' | 'false' | 'null' }
  | { readonly t: 'array'; readonly items: ReadonlyArray<Tree> }
  | { readonly t: 'object'; readonly members: ReadonlyArray<readonly [string, Tree]> }

const stringValue = fc.string({ unit: 'binary', maxLength: 6 }).map(wellFormed)
const { value: tree } = fc.letrec<{ value: Tree }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('number' as const), negative: fc.boolean(), digits: fc.oneof(fc.constant(''), fc.stringMatching(/^[1-9](\d{0,30}[1-9])?$/)), e10: fc.integer({ min: -40, max: 40 }) }),
    fc.record({ t: fc.constant('string' as const), s: stringValue }),
    fc.record({ t: fc.constant('literal' as const), word: fc.constantFrom('true' as const, 'false' as const, 'null' as const) }),
    fc.record({ t: fc.constant('array' as const), items: fc.array(tie('value'), { maxLength: 4 }) }),
    fc.record({ t: fc.constant('object' as const), members: fc.uniqueArray(fc.tuple(stringValue, tie('value')), { maxLength: 4, selector: ([k]) => k }) }),
  ),
}))

/** A seeded source of choices, so one seed is one spelling. */
const chooser = (seed: number) => {
  let s = seed | 0
  return (n: number): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    return s % n
  }
}

/** One of the many JSON texts of a tree: any whitespace, key order, number spelling and string escapes. */
const spell = (root: Tree, pick: (n: number) => number): string => {
  const ws = (): string => [' ', '', '\n  ', '\t', '', '\r\n'][pick(6)] as string
  const char = (c: string): string => {
    const code = c.codePointAt(0) as number
    const escape = (u: number): string => `\\u${u.toString(16).padStart(4, '0')}`
    const escaped = code > 0xffff ? escape(c.charCodeAt(0)) + escape(c.charCodeAt(1)) : escape(code)
    const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
    if (c === '"' || c === '\\' || code < 0x20) return pick(2) === 0 && short[c] !== undefined ? short[c] : escaped
    if (pick(3) === 0) return c === '/' && pick(2) === 0 ? '\\/' : escaped
    return c
  }
  const str = (s: string): string => `"${[...s].map(char).join('')}"`
  const num = (n: Extract<Tree, { t: 'number' }>): string => {
    const sign = n.negative ? '-' : ''
    if (n.digits === '') return sign + ['0', '0.0', '0e5', '0.000E-3'][pick(4)]
    // The mantissa's point after j digits (j ≤ 0: 0.00…), trailing zeros added, the exponent making up the rest.
    const j = pick(n.digits.length + 4) - 2
    const zeros = '0'.repeat(pick(3))
    const mantissa = j <= 0 ? `0.${'0'.repeat(-j)}${n.digits}${zeros}` : j >= n.digits.length ? `${n.digits}${'0'.repeat(j - n.digits.length)}${zeros === '' ? '' : `.${zeros}`}` : `${n.digits.slice(0, j)}.${n.digits.slice(j)}${zeros}`
    const exponent = n.e10 + n.digits.length - j
    return exponent === 0 && pick(2) === 0 ? sign + mantissa : `${sign}${mantissa}${['e', 'E', 'e+'][pick(3)]}${exponent}`.replace('e+-', 'e-')
  }
  // Iterative: a stack of text pieces and trees still to spell.
  let out = ''
  const todo: Array<Tree | string> = [root]
  while (todo.length > 0) {
    const next = todo.pop() as Tree | string
    if (typeof next === 'string') {
      out += next
      continue
    }
    switch (next.t) {
      case 'number':
        out += num(next)
        break
      case 'string':
        out += str(next.s)
        break
      case 'literal':
        out += next.word
        break
      case 'array': {
        const parts: Array<Tree | string> = ['[']
        next.items.forEach((item, i) => parts.push(i > 0 ? ',' : '', ws(), item, ws()))
        parts.push(next.items.length === 0 ? ws() : '', ']')
        todo.push(...parts.reverse())
        break
      }
      case 'object': {
        const members = [...next.members]
        for (let i = members.length - 1; i > 0; i--) {
          const k = pick(i + 1)
          ;[members[i], members[k]] = [members[k] as readonly [string, Tree], members[i] as readonly [string, Tree]]
        }
        const parts: Array<Tree | string> = ['{']
        members.forEach(([k, v], i) => parts.push(i > 0 ? ',' : '', ws(), str(k), ws(), ':', ws(), v, ws()))
        parts.push(members.length === 0 ? ws() : '', '}')
        todo.push(...parts.reverse())
        break
      }
    }
  }
  return out
}

describe('jsonencodeText: laws', () => {
  it.prop([tree, fc.integer(), fc.integer()], { numRuns: 300 })('does not depend on the source’s key order, whitespace, number spelling or escapes', (t, a, b) => {
    const first = spell(t, chooser(a))
    const second = spell(t, chooser(b))
    expect(scanJson(first)).toBeUndefined()
    expect(text(first), `${first}\n${second}`).toBe(text(second))
  })

  it.prop([jsonText], { numRuns: 300 })('reads back as the value Go decodes from the source (as float64), and is its own fixed point', (source) => {
    const encoded = jsonencodeText(source)
    const parsed = parseJson(source)
    if (E.isLeft(encoded) || E.isLeft(parsed)) return // a repeated key, or beyond float64
    expect(JSON.parse(encoded.right)).toEqual(parsed.right.value)
    expect(text(encoded.right)).toBe(encoded.right)
    expect(encoded.right).not.toMatch(/[<>&\u2028\u2029]|^\s|\s$/)
  })

  it.prop([fc.jsonValue()])('agrees with the value encoding wherever float64 is exact', (v) => {
    const plain = JSON.parse(JSON.stringify(v)) as unknown // -0 is 0 once in JSON.stringify's text
    expect(jsonencodeText(JSON.stringify(plain))).toEqual(jsonencode(plain))
    const encoded = jsonencode(v)
    if (E.isRight(encoded)) expect(text(encoded.right)).toBe(encoded.right)
  })

  it.prop([jsonObjectText], { numRuns: 200 })('refuses a text exactly when one of its objects repeats a key', (source) => {
    expect(E.isLeft(jsonencodeText(source))).toBe(hasDuplicateKeys(source, false))
  })
})
