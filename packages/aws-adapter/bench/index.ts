/**
 * Benchmark: the adapter's invoke against a bare `client.send(new InvokeCommand(...))`
 * on the same client, over the loopback Lambda. Rounds interleave the two (and
 * alternate which goes first) so drift in machine load hits both alike; the
 * figure is the median of the per-round time ratios. Fails (exit 1) when the
 * median ratio is 1.05 or more.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda'
import { performance } from 'node:perf_hooks'
import { makeLambdaInvoker } from '../src/lambda-invoker.js'
import { loopbackClient, startLoopbackLambda } from '../test/support/loopback-lambda.js'

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 200)
const CALLS_PER_ROUND = Number(process.env['BENCH_CALLS'] ?? 10)
const WARMUP_CALLS = 300
const LIMIT = 1.05

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const main = async (): Promise<void> => {
  const lambda = await startLoopbackLambda()
  try {
    const client = loopbackClient(lambda.endpoint)
    const invoker = makeLambdaInvoker({ client })
    const payloadText = '{"action":"create","input":{"n":1,"name":"bench"}}'
    const payloadBytes = new TextEncoder().encode(payloadText)

    const bare = async (): Promise<void> => {
      const out = await client.send(new InvokeCommand({ FunctionName: 'echo-bench', InvocationType: 'RequestResponse', Payload: payloadBytes }))
      if (out.StatusCode !== 200) throw new Error(`bare call failed: ${out.StatusCode}`)
    }
    const adapter = async (): Promise<void> => {
      const out = await invoker.invoke({ functionName: 'echo-bench', payload: payloadText })
      if (out._tag === 'Left') throw new Error(`adapter call failed: ${out.left.message}`)
    }
    const batch = async (f: () => Promise<void>, n: number): Promise<number> => {
      const start = performance.now()
      for (let i = 0; i < n; i++) await f()
      return performance.now() - start
    }

    await batch(bare, WARMUP_CALLS)
    await batch(adapter, WARMUP_CALLS)

    const ratios: number[] = []
    const bareMs: number[] = []
    const adapterMs: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      let b: number
      let a: number
      if (round % 2 === 0) {
        b = await batch(bare, CALLS_PER_ROUND)
        a = await batch(adapter, CALLS_PER_ROUND)
      } else {
        a = await batch(adapter, CALLS_PER_ROUND)
        b = await batch(bare, CALLS_PER_ROUND)
      }
      ratios.push(a / b)
      bareMs.push(b / CALLS_PER_ROUND)
      adapterMs.push(a / CALLS_PER_ROUND)
    }

    const ratio = median(ratios)
    const calls = ROUNDS * CALLS_PER_ROUND
    const reached = lambda.count('echo-bench')
    console.log(`aws-adapter invoke vs bare InvokeCommand over loopback HTTP (${calls} calls each, ${ROUNDS} interleaved rounds of ${CALLS_PER_ROUND}, node ${process.version})`)
    console.log(`  bare client.send:   median ${(median(bareMs) * 1000).toFixed(0)} µs/call`)
    console.log(`  makeLambdaInvoker:  median ${(median(adapterMs) * 1000).toFixed(0)} µs/call`)
    console.log(`  median ratio adapter/bare: ${ratio.toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)}; limit ${LIMIT})`)
    if (reached !== 2 * (calls + WARMUP_CALLS)) throw new Error(`the server saw ${reached} requests, expected ${2 * (calls + WARMUP_CALLS)}`)
    if (ratio >= LIMIT) {
      console.error(`FAIL: median ratio ${ratio.toFixed(3)} is not under ${LIMIT}`)
      process.exitCode = 1
    }
  } finally {
    await lambda.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
