import fc from 'fast-check'
import { jsonObjectText, jsonText } from './json/json-text.arbitrary.js'

/** Valid function names: bare, partial ARN, ARN. */
export const functionName = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/),
  fc.constantFrom('my-fn', 'my_fn', '123456789012:function:fn', 'arn:aws:lambda:us-east-1:123456789012:function:fn', 'fn:live'),
)
/** Valid qualifiers. */
export const qualifier = fc.oneof(fc.constant('$LATEST'), fc.stringMatching(/^[a-zA-Z0-9-]{1,20}$/), fc.nat({ max: 999 }).map(String))

/** Valid arguments (the input may still hold the lifecycle key in CRUD: filter with decodeArgs). */
export const invocationArgs = fc.record(
  {
    functionName: fc.constantFrom('fn', 'other-fn'),
    input: fc.oneof(jsonObjectText, jsonText),
    qualifier: fc.constantFrom('$LATEST', '1', 'live'),
    triggers: fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom('1', '2')),
    lifecycleScope: fc.constantFrom('CREATE_ONLY', 'CRUD'),
    terraformKey: fc.constantFrom('tf', 'key', 'a'),
    tenantId: fc.constantFrom('t1', 't2'),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
  },
  { requiredKeys: ['functionName', 'input'] },
)
