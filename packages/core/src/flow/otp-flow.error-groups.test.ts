import { describe, expect, it, vi } from 'vitest'
import { ERROR_CODES, type ErrorGroup, KNOWN_ERROR_CODES } from '../error-codes'
import { OtpError } from '../errors'
import { type FlowSession, type FlowState, transition } from './otp-flow.machine'

// A code added to core's table is one row there: the flow reacts to it by its group. These codes are not in the table;
// the mock files them under a group, as a new row would.
const NEW_CODES: Record<string, ErrorGroup> = {
  authentication_forgotten: 'session',
  daily_cap_reached: 'wait',
  request_cancelled: 'aborted',
}
vi.mock('../error-codes', async (importOriginal) => {
  const table = await importOriginal<typeof import('../error-codes')>()
  return { ...table, errorGroup: (code: string) => NEW_CODES[code] ?? table.errorGroup(code) }
})

const T0 = Date.UTC(2026, 0, 1, 12)
const PHONE = '+14155552671'
const session: FlowSession = {
  phoneNumber: PHONE,
  authenticationUuid: 'auth-1',
  flowToken: 'token-1',
  sentAt: new Date(T0),
  expiresAt: new Date(T0 + 600_000),
  resendAvailableAt: new Date(T0),
  remainingResends: 3,
  attemptsLeft: undefined,
  clockOffset: 0,
}
const checking: FlowState = {
  status: 'checking',
  ...session,
  code: '123456',
  resendStatus: 'available',
  lastRejectedCode: undefined,
}
const resending: FlowState = { status: 'sending', reason: 'resend', ...session, lastRejectedCode: undefined }
const sending: FlowState = { status: 'sending', reason: 'send', phoneNumber: PHONE }

const checkFailed = (code: string) => transition(checking, { type: 'CHECK_FAILED', error: new OtpError(code, code) }, { now: T0 })
const resendFailed = (code: string) =>
  transition(resending, { type: 'RESEND_FAILED', error: new OtpError(code, code) }, { now: T0 })
const sendFailed = (code: string, retryAfter?: number) =>
  transition(sending, { type: 'SEND_FAILED', error: new OtpError(code, code, retryAfter ? { retryAfter } : {}) }, { now: T0 })

const codesOf = (group: ErrorGroup) => [
  ...KNOWN_ERROR_CODES.filter((code) => ERROR_CODES[code].group === group),
  ...Object.keys(NEW_CODES).filter((code) => NEW_CODES[code] === group),
]

describe('the flow reads error codes by their group in core’s table', () => {
  it.each(codesOf('session'))('ends the code step when a check or resend answers %s: the authentication is gone', (code) => {
    expect(checkFailed(code)).toMatchObject({ status: 'error', phoneNumber: PHONE, error: { code } })
    expect(resendFailed(code)).toMatchObject({ status: 'error', phoneNumber: PHONE, error: { code } })
  })

  it.each(codesOf('aborted'))('goes back to the code, with no error, when %s cancelled the request', (code) => {
    expect(checkFailed(code)).toMatchObject({ status: 'awaitingCode', error: undefined })
    expect(sendFailed(code)).toEqual({ status: 'idle', phoneNumber: PHONE, previous: undefined })
  })

  it.each(codesOf('wait'))('blocks sending to the number until the wait of %s is over', (code) => {
    expect(sendFailed(code, 120)).toMatchObject({ status: 'blocked', cause: 'send', until: new Date(T0 + 120_000) })
    expect(sendFailed(code)).toMatchObject({ status: 'blocked', cause: 'send', until: undefined })
  })

  it.each(['network_error', 'upstream_timeout', 'service_unavailable', 'invalid_code', 'something_unforeseen'])(
    'keeps the code step and the typed digits’ session when a check answers %s',
    (code) => {
      expect(checkFailed(code)).toMatchObject({ status: 'awaitingCode', authenticationUuid: 'auth-1', error: { code } })
    },
  )

  it('takes a token that expired under the code as the code’s expiry', () => {
    expect(checkFailed('expired_token')).toMatchObject({ status: 'expired', phoneNumber: PHONE, error: { code: 'expired' } })
  })

  it('blocks a number flagged as fraud, and leaves the number’s other faults to the number step', () => {
    expect(sendFailed('spam_detected')).toMatchObject({ status: 'blocked', cause: 'send', until: undefined })
    expect(sendFailed('invalid_line')).toMatchObject({ status: 'error', error: { code: 'invalid_line' } })
  })
})
