/**
 * Why a provider call failed, and the sentence Pulumi shows for it. Pulumi's
 * contract is that a failed create, update or delete throws and stores
 * nothing new, so each message says what Pulumi keeps and what the next run does.
 */
import { absurd } from 'fp-ts/lib/function.js'
import { formatProblems } from '@lambda-invocation/core'
import type { Action, FunctionFailure, InvokeFailure, InvokeRequest, Problem } from '@lambda-invocation/core'
import type { InvokerUnavailable } from './invoker.js'

/** The provider calls that can fail. */
export type Step = 'diff' | 'create' | 'read' | 'update' | 'delete'

/** A failed provider call; for a create, update or delete, nothing new is stored. */
export type StepError =
  | { readonly _tag: 'InvalidInputs'; readonly problems: ReadonlyArray<Problem> }
  | { readonly _tag: 'UnreadableState'; readonly problems: ReadonlyArray<Problem> }
  | { readonly _tag: 'NotReadable' }
  | InvokerUnavailable
  | { readonly _tag: 'InvokeFailed'; readonly request: InvokeRequest; readonly failure: InvokeFailure; readonly attempts: number }
  | { readonly _tag: 'FunctionError'; readonly failure: FunctionFailure }
  /** The invoker answered with something that is not a response; the function was called, and may have run. */
  | { readonly _tag: 'InvalidResponse'; readonly problems: ReadonlyArray<Problem> }
  | { readonly _tag: 'UnexpectedPlan'; readonly action: Action }

/** What Pulumi keeps after the step failed, and what its next run does. */
const consequence = (step: Step): string => {
  switch (step) {
    case 'create':
      return 'Pulumi records nothing for a failed create, so the next `pulumi up` creates it again'
    case 'update':
      return 'Pulumi keeps the outputs from before this update, so the next `pulumi up` proposes the same update again'
    case 'delete':
      return 'Pulumi keeps the resource, so the next `pulumi up` or `pulumi destroy` tries the delete again'
    case 'diff':
    case 'read':
      return 'nothing was invoked or changed'
    default:
      return absurd(step)
  }
}

const describe = (r: InvokeRequest): string => `The ${r.lifecycle} invocation of ${r.functionName}:${r.qualifier}`

/** An adapter's message as a clause of our sentence: its closing full stop dropped. */
const clause = (message: string): string => message.replace(/\.+\s*$/, '')

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** Lambda's error reports can be long: the message quotes the start of one. */
const EXCERPT = 500

const excerpt = (text: string): string => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}… (${text.length} characters)` : text)

const withArticle = (word: string): string => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`

const invokeFailed = (step: Step, request: InvokeRequest, f: InvokeFailure, attempts: number): string => {
  const code = f.code === undefined ? '' : ` (${f.code})`
  switch (f._tag) {
    case 'NotRun':
      return `${describe(request)} could not be made${attempts > 1 ? ` after ${attempts} attempts` : ''}${code}: ${clause(f.message)}. The function did not run; ${consequence(step)}.`
    case 'Rejected':
      return `${describe(request)} was refused${code}: ${clause(f.message)}. The function did not run; ${consequence(step)}: fix the cause first.`
    case 'Unknown':
      return `${describe(request)} got no answer${code}: ${clause(f.message)}. The function may have run; ${consequence(step)}, which invokes it again: check what it did first.`
    default:
      return absurd(f)
  }
}

/** The error message of a failed provider call, for people. */
export const formatStepError = (step: Step, e: StepError): string => {
  switch (e._tag) {
    case 'InvalidInputs':
      return `Invalid arguments:\n${formatProblems(e.problems)}`
    case 'UnreadableState':
      return (
        `The stored state of this invocation is not readable:\n${formatProblems(e.problems)}\n` +
        `Nothing was invoked. Correct it with \`pulumi stack export\` and \`pulumi stack import\`, or drop it from the stack with \`pulumi state delete\`.`
      )
    case 'NotReadable':
      return 'An invocation cannot be read from its id alone: Lambda keeps neither its input nor its result. Declare it in the program instead of importing or getting it.'
    case 'InvokerUnavailable':
      return `No invoker: ${e.message}. Nothing was invoked; ${consequence(step)}.`
    case 'InvokeFailed':
      return invokeFailed(step, e.request, e.failure, e.attempts)
    case 'FunctionError': {
      const f = e.failure
      return `Function ${f.functionName} failed (${f.functionError}) while handling the ${f.lifecycle}: ${excerpt(f.payload)}. ${capital(consequence(step))}.`
    }
    case 'InvalidResponse':
      return `The invoker's answer is not a response:\n${formatProblems(e.problems)}\nThe function may have run; ${consequence(step)}, which invokes it again.`
    case 'UnexpectedPlan':
      return `Pulumi asked for ${withArticle(step)}, but the stored state and the arguments call for ${withArticle(e.action)}; nothing was invoked. Run \`pulumi up\` again to plan afresh.`
    default:
      return absurd(e)
  }
}
