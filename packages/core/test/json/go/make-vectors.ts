/**
 * Writes `../go-vectors.json`: JSON texts and what Go's encoding/json made of
 * them (see marshal.go), for the tests to check against without Go.
 * Run once with Go installed: `npx tsx test/json/go/make-vectors.ts`.
 */
import { writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { jsonObjectText, jsonText } from '../json-text.arbitrary.js'
import { GO_VERSION, goMarshal } from './go-runner.js'

const fixed = [
  '[1e21,1e-7,-0,0.1,1.0,12345678901234567890,5e-324,1e20,123456789e-15,-1e-400,1E+2,0.000001,100e-8]',
  '"<>&\\u2028\\u2029\u2028\\b\\f\\n\\r\\t\\u007f\u007f\\u0001\\u001f\\ud800x\\ud83d\\ude00\\udc00\\ud800\\ud800\\udc00"',
  '{"b":1,"a":{"\uffff":1,"\ud83d\ude00":2,"10":3,"2":4,"":5,"\ue000":6}}',
  '{"\\ud800":1,"\\udbff":2}',
  '{"a":1,"a":2,"b":[{"a":3,"a":{}}]}',
  '1e309',
  '[1, 2',
]
// Numbers alone, in several spellings, to check that String(n) is Go's float64 format (apart from -0).
const doubles = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 1200, seed: 53 })
const numberArrays = [
  `[${doubles.slice(0, 400).map((n) => n.toPrecision(17)).join(',')}]`,
  `[${doubles.slice(400, 800).map((n) => n.toExponential()).join(',')}]`,
  `[${doubles.slice(800).map((n) => (Object.is(n, -0) ? '-0' : String(n))).join(',')}]`,
  `[${Array.from({ length: 60 }, (_, i) => [`1e${i - 30}`, `-9.999999999999999e${i - 30}`, `${2 ** 53 + i}`, `0.${'0'.repeat(i % 12)}1`]).flat().join(',')}]`,
]
const texts = [
  ...fixed,
  ...numberArrays,
  ...fc.sample(jsonText, { numRuns: 250, seed: 20261127 }),
  ...fc.sample(jsonObjectText, { numRuns: 100, seed: 7 }),
]
const answers = goMarshal(texts)
const vectors = texts.map((input, i) => ({ input, ...answers[i] }))
writeFileSync(
  new URL('../go-vectors.json', import.meta.url),
  `${JSON.stringify({ generatedWith: `${GO_VERSION} encoding/json, \\b and \\f rewritten as Go >= 1.22 writes them`, vectors }, null, 1)}\n`,
)
console.log(`wrote ${vectors.length} vectors`)
