import type { MatcherState } from 'vitest'
import { parseFunctionRef } from '../function-ref.js'
import type { Received } from '../invoker.js'
import { checkMatch, describeReceived, isObserved, matches, misuse, runsOf, type Equals, type InvocationMatch, type Observed } from './runs.js'

/** What a matcher answers Vitest. */
interface Verdict {
  readonly pass: boolean
  readonly message: () => string
  readonly actual?: unknown
  readonly expected?: unknown
}

const invokerOf = (matcher: string, received: unknown): Observed => {
  if (isObserved(received)) return received
  const what = received === null ? 'null' : typeof received === 'object' ? `an object without calls (${Object.keys(received).slice(0, 5).join(', ')})` : typeof received
  throw misuse(matcher, `expect() must be given a MemoryInvoker, got ${what}`)
}

const nameOf = (matcher: string, functionName: unknown): string => {
  if (typeof functionName === 'string' && functionName !== '') return functionName
  throw misuse(matcher, `the function name must be a non-empty string, got ${JSON.stringify(functionName) ?? String(functionName)}`)
}

const countOf = (matcher: string, what: string, n: unknown, least: number): number => {
  if (typeof n === 'number' && Number.isInteger(n) && n >= least) return n
  throw misuse(matcher, `${what} must be an integer of at least ${least}, got ${JSON.stringify(n) ?? String(n)}`)
}

const equalsOf = (state: MatcherState): Equals => (actual, expected) => state.equals(actual, expected, state.customTesters)

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`

/** A value on one line, as `{"x": 1}`, in the colour of what was expected or received. */
const expectedText = (state: MatcherState, value: unknown): string => state.utils.EXPECTED_COLOR(state.utils.stringify(value, undefined, { min: true }))
const receivedText = (state: MatcherState, value: unknown): string => state.utils.RECEIVED_COLOR(state.utils.stringify(value, undefined, { min: true }))

const hint = (state: MatcherState, matcher: string, args: string): string =>
  state.utils.matcherHint(`.${matcher}`, 'invoker', args, { isNot: state.isNot })

const matching = (state: MatcherState, match: InvocationMatch): string =>
  Object.keys(match).length === 0 ? '' : ` matching ${expectedText(state, match)}`

/** The function ran at least once (for a call matching `match`, when given). */
export function toHaveInvoked(this: MatcherState, received: unknown, functionName: unknown, match?: unknown): Verdict {
  const invoker = invokerOf('toHaveInvoked', received)
  const name = nameOf('toHaveInvoked', functionName)
  const wanted = checkMatch('toHaveInvoked', match)
  const equals = equalsOf(this)
  const hits = runsOf(invoker, name).filter((r) => matches(r, wanted, equals))
  const pass = hits.length > 0
  return {
    pass,
    message: () =>
      `${hint(this, 'toHaveInvoked', match === undefined ? 'name' : 'name, match')}\n\n` +
      `Expected: ${pass ? 'no run' : 'a run'} of "${parseFunctionRef(name).name}"${matching(this, wanted)}\n` +
      `Received: ${describeReceived(invoker, name)}`,
  }
}

/** The function ran exactly `times` times (counting the runs matching `match`, when given). */
export function toHaveInvokedTimes(this: MatcherState, received: unknown, functionName: unknown, times: unknown, match?: unknown): Verdict {
  const invoker = invokerOf('toHaveInvokedTimes', received)
  const name = nameOf('toHaveInvokedTimes', functionName)
  const expected = countOf('toHaveInvokedTimes', 'times', times, 0)
  const wanted = checkMatch('toHaveInvokedTimes', match)
  const equals = equalsOf(this)
  const count = runsOf(invoker, name).filter((r) => matches(r, wanted, equals)).length
  const pass = count === expected
  return {
    pass,
    actual: count,
    expected,
    message: () =>
      `${hint(this, 'toHaveInvokedTimes', match === undefined ? 'name, times' : 'name, times, match')}\n\n` +
      `Expected: ${pass ? 'not ' : ''}${plural(expected, 'run')} of "${parseFunctionRef(name).name}"${matching(this, wanted)}\n` +
      `Received: ${Object.keys(wanted).length === 0 ? '' : `${count} matching, of `}${describeReceived(invoker, name)}`,
  }
}

/** Some run of the function received `event` (compared as `toEqual` does; asymmetric matchers allowed). */
export function toHaveInvokedWith(this: MatcherState, received: unknown, functionName: unknown, event: unknown): Verdict {
  const invoker = invokerOf('toHaveInvokedWith', received)
  const name = nameOf('toHaveInvokedWith', functionName)
  const equals = equalsOf(this)
  const pass = runsOf(invoker, name).some((r) => equals(r.event, event))
  return {
    pass,
    message: () =>
      `${hint(this, 'toHaveInvokedWith', 'name, event')}\n\n` +
      `Expected: ${pass ? 'no run' : 'a run'} of "${parseFunctionRef(name).name}" with the event ${expectedText(this, event)}\n` +
      `Received: ${describeReceived(invoker, name)}`,
  }
}

/** The one run an ordinal names, and the verdict of its event against `event`. */
const nthVerdict = (
  state: MatcherState,
  matcher: string,
  args: string,
  invoker: Observed,
  name: string,
  pick: (runs: ReadonlyArray<Received>) => { readonly run: Received | undefined; readonly label: string },
  event: unknown,
): Verdict => {
  const { run, label } = pick(runsOf(invoker, name))
  const pass = run !== undefined && equalsOf(state)(run.event, event)
  const bare = parseFunctionRef(name).name
  return {
    pass,
    actual: run?.event,
    expected: event,
    message: () => {
      const head = `${hint(state, matcher, args)}\n\nExpected: the ${label} run of "${bare}" ${pass ? 'not ' : ''}to receive ${expectedText(state, event)}\n`
      if (run === undefined) return `${head}Received: no ${label} run; ${describeReceived(invoker, name)}`
      // Vitest adds the diff, from `actual` and `expected`.
      return `${head}Received: ${receivedText(state, run.event)}\n\nAll: ${describeReceived(invoker, name)}`
    },
  }
}

/** The last run of the function received `event` (compared as `toEqual` does). */
export function toHaveLastInvokedWith(this: MatcherState, received: unknown, functionName: unknown, event: unknown): Verdict {
  const invoker = invokerOf('toHaveLastInvokedWith', received)
  const name = nameOf('toHaveLastInvokedWith', functionName)
  return nthVerdict(this, 'toHaveLastInvokedWith', 'name, event', invoker, name, (runs) => ({ run: runs[runs.length - 1], label: 'last' }), event)
}

/** The `nth` run (1 for the first) of the function received `event` (compared as `toEqual` does). */
export function toHaveNthInvokedWith(this: MatcherState, received: unknown, functionName: unknown, nth: unknown, event: unknown): Verdict {
  const invoker = invokerOf('toHaveNthInvokedWith', received)
  const name = nameOf('toHaveNthInvokedWith', functionName)
  const n = countOf('toHaveNthInvokedWith', 'nth', nth, 1)
  const ordinal = n % 10 === 1 && n % 100 !== 11 ? `${n}st` : n % 10 === 2 && n % 100 !== 12 ? `${n}nd` : n % 10 === 3 && n % 100 !== 13 ? `${n}rd` : `${n}th`
  return nthVerdict(this, 'toHaveNthInvokedWith', 'name, nth, event', invoker, name, (runs) => ({ run: runs[n - 1], label: ordinal }), event)
}
