import { describe, expect, it } from 'vitest'
import { failed, failurePhysicalId, provenance } from '../src/answer.js'

describe('failed answers', () => {
  it('a Create or an Update fails with a marker, a Delete keeps its physical id', () => {
    expect(failurePhysicalId({ RequestType: 'Create', RequestId: 'r' })).toBe('LambdaInvocation::CreateFailed::r')
    expect(failurePhysicalId({ RequestType: 'Update', RequestId: 'r', PhysicalResourceId: 'p' })).toBe('LambdaInvocation::UpdateFailed::r')
    expect(failurePhysicalId({ RequestType: 'Delete', RequestId: 'r', PhysicalResourceId: 'p' })).toBe('p')
    expect(failed({ RequestType: 'Delete', RequestId: 'r', PhysicalResourceId: 'p' }, 'why')).toEqual({ Status: 'FAILED', PhysicalResourceId: 'p', Reason: 'why' })
  })

  it('say what the failure proves about the function', () => {
    const f = { functionName: 'fn', message: 'm' }
    expect(provenance({ _tag: 'NotRun', ...f }, { RequestType: 'Create' })).toBe('the function did not run')
    expect(provenance({ _tag: 'Rejected', ...f }, { RequestType: 'Create' })).toBe('the function did not run')
    expect(provenance({ _tag: 'Unknown', ...f }, { RequestType: 'Update' })).toBe('the function may have run; nothing will undo it')
    expect(provenance({ _tag: 'Unknown', ...f }, { RequestType: 'Delete' })).toBe('the function may have run')
  })
})
