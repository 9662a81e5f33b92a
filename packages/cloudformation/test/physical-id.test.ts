import { describe, expect, it } from 'vitest'
import { failedMarker, markerStep } from '../src/physical-id.js'

describe('markers', () => {
  it('name the failed step and the request, and are told apart from invocation ids', () => {
    expect(failedMarker('Create', 'r-1')).toBe('LambdaInvocation::CreateFailed::r-1')
    expect(markerStep(failedMarker('Update', 'r-2'))).toBe('Update')
    expect(markerStep(failedMarker('Create', ''))).toBe('Create')
    expect(markerStep('LambdaInvocation,$LATEST,0123456789abcdef0123456789abcdef')).toBeUndefined()
    expect(markerStep('AWSCDK::CustomResourceProviderFramework::CREATE_FAILED')).toBeUndefined()
  })

  it('stay within CloudFormation’s 1 KB for any request id', () => {
    expect(Buffer.byteLength(failedMarker('Update', 'x'.repeat(5000)))).toBeLessThan(1024)
  })
})
