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

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 500)
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
    const payloadText = '{"tf":{"action":"create","prev_input":null},"n":1,"name":"bench"}'
    const encoder = new TextEncoder()
    const decoder = new TextDecoder()

    // The baseline does the same useful work as the adapter: text in, text out.
    const bare = async (): Promise<void> => {
      const out = await client.send(new InvokeCommand({ FunctionName: 'echo-bench', InvocationType: 'RequestResponse', Payload: encoder.encode(payloadText) }))
      if (out.StatusCode !== 200 || decoder.decode(out.Payload) !== payloadText) throw new Error(`bare call failed: ${out.StatusCode}`)
    }
    const adapter = async (): Promise<void> => {
      const out = await invoker.invoke({ functionName: 'echo-bench', payload: payloadText })
      if (out._tag === 'Left' || out.right.payload !== payloadText) throw new Error(`adapter call failed: ${out._tag === 'Left' ? out.left.message : out.right.payload}`)
    }
    /** Wall-clock and process CPU time (user + system, client and in-process server together) of `n` calls, in ms. */
    const batch = async (f: () => Promise<void>, n: number): Promise<{ wall: number; cpu: number }> => {
      const cpu0 = process.cpuUsage()
      const start = performance.now()
      for (let i = 0; i < n; i++) await f()
      const wall = performance.now() - start
      const cpu = process.cpuUsage(cpu0)
      return { wall, cpu: (cpu.user + cpu.system) / 1000 }
    }

    await batch(bare, WARMUP_CALLS)
    await batch(adapter, WARMUP_CALLS)

    const wallRatios: number[] = []
    const cpuRatios: number[] = []
    const bareUs: number[] = []
    const adapterUs: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      let b: { wall: number; cpu: number }
      let a: { wall: number; cpu: number }
      if (round % 2 === 0) {
        b = await batch(bare, CALLS_PER_ROUND)
        a = await batch(adapter, CALLS_PER_ROUND)
      } else {
        a = await batch(adapter, CALLS_PER_ROUND)
        b = await batch(bare, CALLS_PER_ROUND)
      }
      wallRatios.push(a.wall / b.wall)
      if (a.cpu > 0 && b.cpu > 0) cpuRatios.push(a.cpu / b.cpu)
      bareUs.push((b.wall / CALLS_PER_ROUND) * 1000)
      adapterUs.push((a.wall / CALLS_PER_ROUND) * 1000)
    }

    const wall = median(wallRatios)
    const cpu = median(cpuRatios)
    const calls = ROUNDS * CALLS_PER_ROUND
    const reached = lambda.count('echo-bench')
    console.log(`aws-adapter: makeLambdaInvoker().invoke vs bare client.send(new InvokeCommand) over loopback HTTP`)
    console.log(`  ${calls} calls each, ${ROUNDS} interleaved rounds of ${CALLS_PER_ROUND} (order alternating), node ${process.version}`)
    console.log(`  bare client.send:   median ${median(bareUs).toFixed(0)} µs/call (wall)`)
    console.log(`  makeLambdaInvoker:  median ${median(adapterUs).toFixed(0)} µs/call (wall)`)
    console.log(`  median ratio adapter/bare, wall clock: ${wall.toFixed(3)}`)
    console.log(`  median ratio adapter/bare, process CPU: ${cpu.toFixed(3)} (${cpuRatios.length} rounds with CPU ticks)`)
    if (reached !== 2 * (calls + WARMUP_CALLS)) throw new Error(`the server saw ${reached} requests, expected ${2 * (calls + WARMUP_CALLS)}`)
    if (wall >= LIMIT) {
      console.error(`FAIL: median wall-clock ratio ${wall.toFixed(3)} is not under ${LIMIT}`)
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
