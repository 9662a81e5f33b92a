/**
 * Writes `../terraform-vectors.json`: JSON texts and what Terraform's
 * `jsonencode` made of them (each text a local of a `.tf.json` file, see
 * terraform-runner.ts), for the tests to check against without Terraform.
 * Run once with Terraform installed: `npx tsx test/json/terraform/make-vectors.ts`.
 */
import { writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { jsonObjectText, jsonText } from '../json-text.arbitrary.js'
import { TERRAFORM_VERSION, terraformJsonencode } from './terraform-runner.js'

const fixed = [
  // numbers: cty's 512-bit decimals written with every digit
  '[12345678901234567890,1.0,1e21,0.1,1e-7,-0,1.50,-0.0e5,0e10,0.000,100e-8,123456789e-15,5e-324,1E400,1e-400,2e308,0.30000000000000004,9007199254740993]',
  `[${'1234567890'.repeat(18)},0.${'3'.repeat(200)},${'9'.repeat(160)},1${'0'.repeat(159)}1,${'1'.repeat(155)}e-700,-${'7'.repeat(170)}e300]`,
  // strings: Go's escapes
  '"<>&\\u2028\\u2029\u2028 \\u0000\\u0001\\u001f\\u007f\u007f \\b\\f\\n\\r\\t \\/ \\" \\\\ \\ud800 x \\udc00\\ud800 \\ud83d\\ude00 é"',
  // keys: UTF-8 byte order
  '{"b":1,"a":{"\\uffff":1,"\\ud83d\\ude00":2,"10":3,"9":4,"":5,"\\ue000":6,"B":7,"~":8,"\\u007f":9}}',
  '[{},[],null,true,false,{"x":{}},[[]]]',
  ' \n {"b" : [ 1 , 2 ] ,\t"a" : { } } \r\n',
  // duplicates: refused in HCL's JSON syntax, also when equal only as U+FFFD or after NFC
  '{"a":1,"a":2}',
  '{"x":{"\\ud800":1,"\\udbff":2}}',
  '{"e\\u0301":1,"\\u00e9":2}',
]

// Long mantissas, where the 512-bit rounding and Go's shortest digits decide.
const longNumbers = fc
  .sample(fc.tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{150,200}$/), fc.integer({ min: -500, max: 500 })), { numRuns: 120, seed: 512 })
  .map(([neg, d, e]) => `${neg ? '-' : ''}${d}e${e}`)
const doubles = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 600, seed: 64 })
const numberArrays = [
  `[${longNumbers.slice(0, 60).join(',')}]`,
  `[${longNumbers.slice(60).join(',')}]`,
  `[${doubles.slice(0, 200).map((n) => n.toPrecision(17)).join(',')}]`,
  `[${doubles.slice(200, 400).map((n) => n.toExponential()).join(',')}]`,
  `[${doubles.slice(400).map((n) => (Object.is(n, -0) ? '-0' : String(n))).join(',')}]`,
]
const texts = [...fixed, ...numberArrays, ...fc.sample(jsonText, { numRuns: 250, seed: 20261127 }), ...fc.sample(jsonObjectText, { numRuns: 100, seed: 7 })]
const answers = terraformJsonencode(texts)
const vectors = texts.map((input, i) => ({ input, ...answers[i] }))
writeFileSync(
  new URL('../terraform-vectors.json', import.meta.url),
  `${JSON.stringify({ generatedWith: `Terraform v${TERRAFORM_VERSION ?? '?'}: jsonencode(local.x) with x the text in a .tf.json file (terraform console)`, vectors }, null, 1)}\n`,
)
console.log(`wrote ${vectors.length} vectors, ${vectors.filter((v) => 'err' in v).length} refused`)
