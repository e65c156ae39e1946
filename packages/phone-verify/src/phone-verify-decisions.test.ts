import { type AwaitingCodeState, type FlowSession, type FlowState, OtpError } from '@otpflow/core'
import { describe, expect, it } from 'vitest'
import { en } from './locales/en'
import { fr } from './locales/fr'
import { createMessageFormat } from './messages'
import {
  announcementAfter,
  announcementText,
  backOnNumber,
  codeArrived,
  codeRejected,
  deadEndReached,
  describeError,
  justVerified,
  leftDeadEnd,
  type PhoneVerifyStep,
  resendFailed,
  type ShownFlow,
  shownError,
  stepOf,
} from './phone-verify-decisions'

const NOW = Date.UTC(2026, 10, 26, 12)
const PHONE = '+447700900123'
const format = createMessageFormat('en')

const session: FlowSession = {
  phoneNumber: PHONE,
  authenticationUuid: 'auth-1',
  flowToken: 'token',
  sentAt: new Date(NOW - 10_000),
  expiresAt: new Date(NOW + 300_000),
  resendAvailableAt: new Date(NOW + 20_000),
  remainingResends: 2,
  attemptsLeft: undefined,
  clockOffset: 0,
}

const awaiting = (changes: Partial<AwaitingCodeState> = {}): AwaitingCodeState => ({
  status: 'awaitingCode',
  ...session,
  resendStatus: 'waiting',
  error: undefined,
  lastRejectedCode: undefined,
  ...changes,
})
const idle: FlowState = { status: 'idle', phoneNumber: undefined, previous: undefined }
const sending: FlowState = { status: 'sending', reason: 'send', phoneNumber: PHONE }
const resending: FlowState = { status: 'sending', reason: 'resend', ...session, lastRejectedCode: undefined }
const checking: FlowState = {
  status: 'checking',
  ...session,
  code: '123456',
  resendStatus: 'waiting',
  lastRejectedCode: undefined,
}
const verified: FlowState = {
  status: 'verified',
  phoneNumber: PHONE,
  authenticationUuid: 'auth-1',
  verificationToken: 'proof',
  verificationExpiresAt: new Date(NOW + 600_000),
}
const expired: FlowState = { status: 'expired', phoneNumber: PHONE, error: new OtpError('expired', 'The code has expired') }
const tooManyChecks: FlowState = {
  status: 'blocked',
  phoneNumber: PHONE,
  cause: 'check',
  error: new OtpError('rate_limited', 'Too many wrong codes'),
  until: undefined,
}
const failed = (code: string, options = {}): FlowState => ({
  status: 'error',
  phoneNumber: PHONE,
  error: new OtpError(code, code, options),
})

const shown = (flow: FlowState, previous?: PhoneVerifyStep): ShownFlow => ({ flow, step: stepOf(flow, previous) })

describe('stepOf', () => {
  it('shows the number until a code is on its way, the code while one can be typed, then the verified number', () => {
    expect(stepOf(idle)).toBe('phone')
    expect(stepOf(sending)).toBe('phone')
    expect(stepOf(failed('network_error'))).toBe('phone')
    expect(stepOf(awaiting())).toBe('code')
    expect(stepOf(checking)).toBe('code')
    expect(stepOf(resending)).toBe('code')
    expect(stepOf(expired)).toBe('code')
    expect(stepOf(verified)).toBe('verified')
  })

  it('stays on the code step while a new code is sent from it, and on the number step while a first one is', () => {
    expect(stepOf(sending, 'code')).toBe('code')
    expect(stepOf(sending, 'phone')).toBe('phone')
    expect(stepOf(sending, 'verified')).toBe('phone')
  })

  it('keeps too many wrong codes on the code step, where a new code is asked for, and a blocked number on the number step', () => {
    expect(stepOf(tooManyChecks)).toBe('code')
    expect(stepOf({ ...tooManyChecks, cause: 'send', error: new OtpError('spam_detected', 'spam') })).toBe('phone')
  })
})

describe('describeError', () => {
  const describeAt = (flow: FlowState) => describeError(flow, en, { format, now: NOW })

  it('says a wrong code with the checks left, about the code field, with no button', () => {
    const flow = awaiting({ error: new OtpError('invalid_code', 'wrong'), attemptsLeft: 2 })
    expect(describeAt(flow)).toEqual({ text: `${en.errors.wrongCode} 2 attempts left.`, field: 'code' })
    expect(describeAt({ ...flow, attemptsLeft: undefined })).toEqual({ text: en.errors.wrongCode, field: 'code' })
  })

  it('says a refused resend as a wait until the resend deadline, never as 0 seconds', () => {
    const denied = awaiting({ error: new OtpError('resend_denied', 'not yet') })
    expect(describeAt(denied)?.text).toBe('Too many requests. Try again in 20 seconds.')
    expect(describeAt({ ...denied, resendAvailableAt: new Date(NOW - 5_000) })?.text).toBe(
      'Too many requests. Try again in 1 second.',
    )
  })

  it('offers another number once no more codes can be sent, and only a wait while some can', () => {
    const limited = awaiting({ error: new OtpError('rate_limited', 'limited', { retryAfter: 90 }) })
    expect(describeAt(limited)).toEqual({ text: 'Too many requests. Try again in 2 minutes.' })
    expect(describeAt({ ...limited, remainingResends: 0 })).toEqual({ text: en.errors.noResendsLeft, action: 'changeNumber' })
  })

  it('counts a Retry-After down from when the error was first shown', () => {
    const flow = failed('rate_limited', { retryAfter: 60 })
    const text = (now: number) => describeError(flow, en, { format, now, shownAt: () => NOW })?.text
    expect(text(NOW)).toBe('Too many requests. Try again in 1 minute.')
    expect(text(NOW + 45_000)).toBe('Too many requests. Try again in 15 seconds.')
  })

  it('offers a new code on expiry and after too many wrong codes', () => {
    expect(describeAt(expired)).toEqual({ text: en.errors.expired, action: 'sendNewCode' })
    expect(describeAt(tooManyChecks)).toEqual({ text: en.errors.tooManyAttempts, action: 'sendNewCode' })
  })

  it('says a blocked send as the number’s fault, with another number as the way out, or as a wait when it ends', () => {
    const spam: FlowState = { ...tooManyChecks, cause: 'send', error: new OtpError('spam_detected', 'spam') }
    expect(describeAt(spam)).toEqual({ text: en.errors.blocked, field: 'phone', action: 'changeNumber' })
    const limited: FlowState = { ...spam, error: new OtpError('rate_limited', 'limited'), until: new Date(NOW + 240_000) }
    expect(describeAt(limited)).toEqual({ text: 'Too many requests. Try again in 4 minutes.' })
  })

  it.each([
    ['invalid_phone_number', en.errors.invalidNumber],
    ['invalid_request', en.errors.invalidNumber],
    ['invalid_line', en.errors.landline],
    ['unsupported_region', en.errors.unsupportedRegion],
    ['blocked_number', en.errors.blocked],
  ])('says a refused number (%s) under the phone field, with no button', (code, text) => {
    expect(describeAt(failed(code))).toEqual({ text, field: 'phone' })
  })

  it.each([
    ['network_error', en.errors.network],
    ['timeout', en.errors.timeout],
    ['upstream_timeout', en.errors.timeout],
    ['service_unavailable', en.errors.unavailable],
    ['upstream_error', en.errors.unavailable],
    ['invalid_flow_token', en.errors.unknown],
    ['something_new', en.errors.unknown],
  ])('offers to try %s again, on the number step and on the code step', (code, text) => {
    expect(describeAt(failed(code))).toEqual({ text, action: 'tryAgain' })
    expect(describeAt(awaiting({ error: new OtpError(code, code) }))).toEqual({ text, action: 'tryAgain' })
  })

  it('says a proof that expired, and nothing when all is well', () => {
    expect(describeAt({ ...idle, phoneNumber: PHONE, verificationExpired: true })).toEqual({
      text: en.errors.verificationExpired,
    })
    expect(describeAt(idle)).toBeUndefined()
    expect(describeAt(awaiting())).toBeUndefined()
    expect(describeAt(verified)).toBeUndefined()
  })

  it('speaks the language of the messages given, with their own format by default', () => {
    expect(describeError(failed('network_error'), fr)?.text).toBe(fr.errors.network)
    expect(describeError(failed('rate_limited', { retryAfter: 120 }), fr, { now: NOW })?.text).toBe(
      fr.errors.rateLimited(120, createMessageFormat('fr')),
    )
  })
})

describe('shownError', () => {
  const local = { invalidNumber: false, sameCode: false, dismissed: false }
  const show = (flow: FlowState, step: PhoneVerifyStep, changes: Partial<typeof local>) =>
    shownError(flow, step, { ...local, ...changes }, en, { format, now: NOW })

  it('says an invalid typed number before the flow’s error, on the number step only', () => {
    expect(show(failed('network_error'), 'phone', { invalidNumber: true })).toEqual({
      text: en.errors.invalidNumber,
      field: 'phone',
    })
    expect(show(awaiting(), 'code', { invalidNumber: true })).toBeUndefined()
  })

  it('says a rejected code entered again, and forgets an error the user moved on from', () => {
    const wrong = awaiting({ error: new OtpError('invalid_code', 'wrong') })
    expect(show(wrong, 'code', { sameCode: true })).toEqual({ text: en.errors.sameCode, field: 'code' })
    expect(show(failed('network_error'), 'phone', { dismissed: true })).toBeUndefined()
  })
})

describe('transitions', () => {
  it('tells a code sent from one sent before and come back, and says each', () => {
    const sent = [shown(sending), shown(awaiting())] as const
    const resumed = [shown(idle), shown(awaiting())] as const
    expect(codeArrived(...sent)).toBe(true)
    expect(announcementAfter(...sent)).toEqual({ kind: 'codeSent', phoneNumber: PHONE })
    expect(codeArrived(...resumed)).toBe(true)
    expect(announcementAfter(...resumed)).toEqual({ kind: 'codeResumed', phoneNumber: PHONE })
  })

  it('announces a resent code, and empties the region while it is on its way', () => {
    expect(announcementAfter(shown(awaiting()), shown(resending))).toBeNull()
    expect(announcementAfter(shown(resending), shown(awaiting()))).toEqual({ kind: 'codeSent', phoneNumber: PHONE })
    // A failed resend brings no new code.
    const failedResend = shown(awaiting({ error: new OtpError('network_error', 'offline') }))
    expect(codeArrived(shown(resending), failedResend)).toBe(false)
    expect(resendFailed(shown(resending), failedResend)).toBe(true)
    expect(announcementAfter(shown(resending), failedResend)).toBeUndefined()
  })

  it('announces the verified number, and goes back to the number after Change number, saying nothing', () => {
    expect(justVerified(shown(checking), shown(verified))).toBe(true)
    expect(announcementAfter(shown(checking), shown(verified))).toEqual({ kind: 'verified' })
    const back = [shown(awaiting()), shown({ ...idle, phoneNumber: PHONE })] as const
    expect(backOnNumber(...back)).toBe(true)
    expect(announcementAfter(...back)).toBeNull()
  })

  it('goes back to the number when the proof expires', () => {
    const proofExpired: FlowState = { ...idle, phoneNumber: PHONE, verificationExpired: true }
    expect(backOnNumber(shown(verified), shown(proofExpired))).toBe(true)
    // Already on the number step: only the expiry itself counts, not later renders of it.
    expect(backOnNumber(shown(proofExpired), shown({ ...proofExpired }))).toBe(false)
  })

  it('sees a wrong code once per answer', () => {
    const wrong = awaiting({ error: new OtpError('invalid_code', 'wrong') })
    expect(codeRejected(shown(checking), shown(wrong))).toBe(true)
    expect(codeRejected(shown(wrong), shown({ ...wrong, resendStatus: 'available' }))).toBe(false)
    expect(codeRejected(shown(wrong), shown(checking))).toBe(false)
  })

  it('sees a dead end reached once, and left when a new code is sent from it', () => {
    expect(deadEndReached(shown(awaiting()), shown(expired))).toBe(true)
    expect(deadEndReached(shown(checking), shown(tooManyChecks))).toBe(true)
    expect(deadEndReached(shown(expired), shown({ ...expired }))).toBe(false)
    expect(leftDeadEnd(shown(expired), shown(sending, 'code'))).toBe(true)
    expect(leftDeadEnd(shown(awaiting()), shown(resending))).toBe(false)
  })

  it('reacts to nothing when the flow did not change', () => {
    const same = shown(awaiting())
    expect(announcementAfter(same, same)).toBeUndefined()
    expect(codeArrived(same, same)).toBe(false)
  })
})

describe('announcementText', () => {
  it('words each announcement in the messages’ language', () => {
    expect(announcementText({ kind: 'verified' }, fr, format)).toBe(fr.verified)
    expect(announcementText({ kind: 'resendAvailable' }, en, format)).toBe(en.resendAvailable)
    expect(announcementText({ kind: 'codeSent', phoneNumber: PHONE }, en, format)).toBe(`Code sent to ${PHONE}`)
    expect(announcementText(undefined, en, format)).toBe('')
  })

  it('says a number only once it can be written in groups', () => {
    const codeResumed = { kind: 'codeResumed', phoneNumber: PHONE } as const
    expect(announcementText(codeResumed, en, format, () => undefined)).toBe('')
    expect(announcementText(codeResumed, en, format, () => '+44 7700 900123')).toBe('Enter the code sent to +44 7700 900123')
  })
})
