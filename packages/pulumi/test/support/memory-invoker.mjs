// The invoker module the provider-host tests give `makeProvider({ invoker: { module } })`: it runs
// inside Pulumi's provider host, so it is plain JavaScript and loads the built memory adapter.
// Every call the provider makes is appended, as one JSON line, to the file LI_PULUMI_JOURNAL names,
// for the test process to read.
import { appendFileSync } from 'node:fs'
import { MemoryInvoker } from '@lambda-invocation/memory-adapter'

const memory = new MemoryInvoker()
  .registerRaw('echo', (payload) => payload)
  .registerRaw('other', (payload) => payload)
  .registerRaw('fails', () => {
    throw new Error('the seed table is missing')
  })
  // Fails its second call only: an update that fails once, then succeeds when run again.
  .registerRaw('flaky', (payload) => {
    flakyCalls += 1
    if (flakyCalls === 2) throw new Error('the database was busy')
    return payload
  })
  // Runs, then its caller hears nothing (a timeout after the request left): the outcome is unknown.
  .registerRaw('lost', (payload) => payload)
  .script('lost', { kind: 'timeoutAfterRun' })
let flakyCalls = 0

/** A factory, called once per host process: the journal file comes from the host's environment. */
export const invoker = () => {
  const journal = process.env.LI_PULUMI_JOURNAL
  if (journal === undefined) throw new Error('LI_PULUMI_JOURNAL is not set')
  return {
    invoke: async (call, options) => {
      appendFileSync(journal, `${JSON.stringify(call)}\n`)
      return memory.invoke(call, options)
    },
  }
}
