import { describe, expect, it } from 'vitest'
import type { FlowSession, VerifiedRecord } from './otp-flow.machine'
import { parseSession, parseVerifiedRecord, serializeSession, serializeVerifiedRecord } from './otp-flow.snapshot'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const session: FlowSession = {
  phoneNumber: '+14155552671',
  authenticationUuid: 'auth-1',
  flowToken: 'token-1',
  sentAt: new Date(NOW),
  expiresAt: new Date(NOW + 600_000),
  resendAvailableAt: new Date(NOW + 30_000),
  remainingResends: 3,
  attemptsLeft: 4,
  clockOffset: -1200,
}

describe('session snapshots', () => {
  it('read back what they wrote, deadlines and token included', () => {
    expect(parseSession(serializeSession(session))).toEqual(session)
  })

  it('keep optional fields optional', () => {
    const bare = { ...session, flowToken: undefined, expiresAt: undefined, remainingResends: undefined, attemptsLeft: undefined }
    expect(parseSession(serializeSession(bare))).toEqual(bare)
  })

  it('hold no code, only the listed fields', () => {
    expect(Object.keys(JSON.parse(serializeSession({ ...session, code: '123456' } as FlowSession))).sort()).toEqual(
      [
        'attemptsLeft',
        'authenticationUuid',
        'clockOffset',
        'expiresAt',
        'flowToken',
        'phoneNumber',
        'remainingResends',
        'resendAvailableAt',
        'sentAt',
        'version',
      ].sort(),
    )
  })

  it.each([
    null,
    undefined,
    '',
    'not json',
    '{}',
    '{"version":2}',
    JSON.stringify({ ...JSON.parse(serializeSession(session)), version: 2 }),
    JSON.stringify({ ...JSON.parse(serializeSession(session)), remainingResends: -1 }),
    JSON.stringify({ ...JSON.parse(serializeSession(session)), attemptsLeft: 1.5 }),
    JSON.stringify({ ...JSON.parse(serializeSession(session)), sentAt: 'x' }),
  ])('drop what they cannot read: %s', (raw) => {
    expect(parseSession(raw)).toBeUndefined()
  })
})

describe('verified records', () => {
  const record: VerifiedRecord = {
    phoneNumber: '+14155552671',
    authenticationUuid: 'auth-1',
    verificationToken: 'proof',
    verificationExpiresAt: new Date(NOW + 600_000),
  }

  it('read back what they wrote', () => {
    expect(parseVerifiedRecord(serializeVerifiedRecord(record))).toEqual(record)
  })

  it('hold no code, only the listed fields', () => {
    const written = JSON.parse(serializeVerifiedRecord({ ...record, code: '123456' } as VerifiedRecord))
    expect(Object.keys(written).sort()).toEqual(
      ['authenticationUuid', 'phoneNumber', 'verificationExpiresAt', 'verificationToken', 'version'].sort(),
    )
  })

  it.each([
    null,
    'not json',
    '{}',
    JSON.stringify({ ...JSON.parse(serializeVerifiedRecord(record)), version: 2 }),
    JSON.stringify({ ...JSON.parse(serializeVerifiedRecord(record)), verificationToken: '' }),
    JSON.stringify({ ...JSON.parse(serializeVerifiedRecord(record)), verificationExpiresAt: 'soon' }),
  ])('drop what they cannot read: %s', (raw) => {
    expect(parseVerifiedRecord(raw)).toBeUndefined()
  })
})
