/** Lambda's limit on a synchronous request or response payload: 6 MB (6,291,456 bytes). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024

/** Go's encoding/json refuses JSON nested deeper than this. */
export const MAX_JSON_DEPTH = 10_000

/** Lambda's limit on the base64 client context of an invoke. */
export const MAX_CLIENT_CONTEXT_BYTES = 3583
