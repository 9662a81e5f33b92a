import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeEvent, replyTo } from '../src/event.js'
import { createEvent, deleteEvent, updateEvent } from './support/events.js'

const url = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x?X-Amz-Signature=1'

describe('decodeEvent', () => {
  it('reads the three request types, keeping the fields it needs and letting unknown ones through', () => {
    const create = decodeEvent({ ...createEvent(url, { FunctionName: 'f' }), StackName: 'app' })
    expect(create).toEqual(E.right(expect.objectContaining({ RequestType: 'Create', ResponseURL: url, ResourceProperties: expect.objectContaining({ FunctionName: 'f' }) })))
    expect(decodeEvent(updateEvent(url, 'p', { A: '1' }, { A: '0' }))).toEqual(
      E.right(expect.objectContaining({ RequestType: 'Update', PhysicalResourceId: 'p', OldResourceProperties: expect.objectContaining({ A: '0' }) })),
    )
    expect(decodeEvent(deleteEvent(url, 'p', {}))).toEqual(E.right(expect.objectContaining({ RequestType: 'Delete', PhysicalResourceId: 'p' })))
  })

  it('names every missing or mistyped field', () => {
    expect(decodeEvent({ RequestType: 'Delete', ResponseURL: 'ftp://x', StackId: 1, RequestId: '', ResourceProperties: null })).toEqual(
      E.left([
        { path: ['StackId'], message: 'must be a non-empty string, got number' },
        { path: ['RequestId'], message: 'must be a non-empty string, got an empty string' },
        { path: ['LogicalResourceId'], message: 'is missing' },
        { path: ['ResourceProperties'], message: 'must be an object, got null' },
        { path: ['ResponseURL'], message: 'must be an http(s) URL' },
        { path: ['PhysicalResourceId'], message: 'is missing' },
      ]),
    )
    expect(decodeEvent([])).toEqual(E.left([{ path: [], message: 'the event must be an object (a CloudFormation custom resource request), got an array' }]))
  })

  it('does not need a ResponseURL for the Provider framework', () => {
    const { ResponseURL: _, ...event } = createEvent(url, {})
    expect(E.isLeft(decodeEvent(event))).toBe(true)
    expect(E.isRight(decodeEvent(event, { responseUrl: 'optional' }))).toBe(true)
  })

  it('a field whose getter throws is a problem, not an exception', () => {
    const event = createEvent(url, {})
    Object.defineProperty(event, 'RequestId', {
      get: () => {
        throw new Error('boom')
      },
    })
    expect(decodeEvent(event)).toEqual(E.left([{ path: ['RequestId'], message: 'could not be read: boom' }]))
    expect(replyTo(event)).toEqual({ ResponseURL: url, StackId: event['StackId'], LogicalResourceId: event['LogicalResourceId'], RequestType: 'Create' })
  })
})

describe('replyTo', () => {
  it('takes the string fields an answer needs from anything', () => {
    expect(replyTo({ RequestType: 'Update', RequestId: 7, PhysicalResourceId: 'p' })).toEqual({ RequestType: 'Update', PhysicalResourceId: 'p' })
    expect(replyTo(null)).toEqual({})
  })
})
