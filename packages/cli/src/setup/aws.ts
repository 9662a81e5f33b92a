/**
 * The AWS side, loaded only when asked for (--aws, --state-s3): the adapter
 * and the SDK are imported lazily so the default command starts fast.
 */
import type { Invoker, StateStore } from '@lambda-invocation/core'

/** An invoker of the real functions, through the SDK's standard credentials; `region` overrides the default chain's. */
export const makeAwsInvoker = async (options: { readonly region?: string; readonly timeoutMs?: number }): Promise<Invoker> => {
  const [{ makeLambdaInvoker }, { LambdaClient }] = await Promise.all([import('@lambda-invocation/aws-adapter'), import('@aws-sdk/client-lambda')])
  const clientForRegion = (region: string) => new LambdaClient({ region, maxAttempts: 1 })
  return makeLambdaInvoker({
    ...(options.region !== undefined ? { client: clientForRegion(options.region) } : {}),
    clientForRegion,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  })
}

/** A state store in S3 under `s3://bucket/prefix`. */
export const makeAwsStateStore = async (options: { readonly bucket: string; readonly prefix: string; readonly region?: string }): Promise<StateStore> => {
  const [{ makeS3StateStore }, { S3Client }] = await Promise.all([import('@lambda-invocation/aws-adapter'), import('@aws-sdk/client-s3')])
  const client = new S3Client(options.region !== undefined ? { region: options.region } : {})
  return makeS3StateStore({ client, bucket: options.bucket, prefix: options.prefix })
}

/** Whether the SDK's standard chain (AWS_REGION, the profile's config) gives no region: a call without one would fail before it is sent. */
export const defaultRegionMissing = async (): Promise<boolean> => {
  const { LambdaClient } = await import('@aws-sdk/client-lambda')
  const client = new LambdaClient({})
  try {
    const region = await client.config.region()
    return region === undefined || region === ''
  } catch {
    return true
  } finally {
    client.destroy()
  }
}
