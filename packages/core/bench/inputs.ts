/**
 * Deterministic JSON objects of a given size, shaped like real invocation
 * inputs: a few settings and an array of records with strings (some
 * non-ASCII), integers, decimals, booleans, nulls and small nested objects.
 */

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'épsilon', 'zeta', 'eta', 'thêta', 'iota', 'kappa', 'lambda', 'mü', '東京', 'Zürich']

/** A JSON text of an object, its UTF-8 size at most `bytes` and close to it. */
export const makeInput = (bytes: number): string => {
  let seed = 42
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n
  }
  const head = `{"service":"billing","version":3,"dryRun":false,"settings":{"retries":5,"ratio":0.75,"region":"eu-west-1"},"records":[`
  const tail = ']}'
  const parts: string[] = [head]
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail)
  for (let i = 0; ; i++) {
    const record = JSON.stringify({
      id: 100000 + i,
      name: `${WORDS[rnd(WORDS.length)]}-${WORDS[rnd(WORDS.length)]}`,
      amount: rnd(1000000) / 100,
      active: rnd(2) === 0,
      note: rnd(5) === 0 ? null : `order ${i} for ${WORDS[rnd(WORDS.length)]}`,
      tags: [WORDS[rnd(WORDS.length)], WORDS[rnd(WORDS.length)]],
      meta: { z: rnd(10), a: 'x', m: [1, 2.5, -3] },
    })
    const add = Buffer.byteLength(record) + (i === 0 ? 0 : 1)
    if (size + add > bytes) break
    parts.push(i === 0 ? record : `,${record}`)
    size += add
  }
  parts.push(tail)
  return parts.join('')
}
