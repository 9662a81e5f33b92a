/**
 * The physical ids this provider answers with when a step fails. CloudFormation
 * needs a non-empty id even then, and sends a Delete for it when it rolls back:
 * a marker says that nothing was made under that id, so that Delete invokes
 * nothing. An Update answered FAILED with a marker is, to CloudFormation, a
 * replacement that failed: it rolls back by deleting the marker and keeps the
 * resource as it was, with its old id and properties, rather than sending the
 * resource an Update back to its old properties.
 */

const PREFIX = 'LambdaInvocation::'

/** Which step a marker stands for. */
export type FailedStep = 'Create' | 'Update'

// A physical id is at most 1 KB; request ids are UUIDs, but a malformed event could carry anything.
const MAX_REQUEST_ID = 200

/** The physical id of a failed Create or Update: `LambdaInvocation::CreateFailed::<RequestId>`. */
export const failedMarker = (step: FailedStep, requestId: string): string =>
  `${PREFIX}${step}Failed::${requestId.slice(0, MAX_REQUEST_ID) || 'unknown-request'}`

/** The step a marker stands for, or `undefined` for any other physical id (an invocation id never holds `::`). */
export const markerStep = (physicalId: string): FailedStep | undefined => {
  if (physicalId.startsWith(`${PREFIX}CreateFailed::`)) return 'Create'
  if (physicalId.startsWith(`${PREFIX}UpdateFailed::`)) return 'Update'
  return undefined
}
