import { describe, expect, it } from 'vitest'
import { OtpError } from '../errors'
import type { CheckResult, CheckStatus, CreateAuthenticationResult, RetryResult, RetryStatus } from '../types'
import {
  type AwaitingCodeState,
  FLOW_STATUSES,
  type FlowContext,
  type FlowEvent,
  type FlowEventType,
  type FlowSession,
  type FlowState,
  type FlowStatus,
  initialFlowState,
  nextDeadline,
  transition,
} from './otp-flow.machine'

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const PHONE = '+14155552671'
const OTHER_PHONE = '+33612345678'
const context: FlowContext = { now: T0 }

const sent = (overrides: Partial<CreateAuthenticationResult> = {}): CreateAuthenticationResult => ({
  authenticationUuid: 'auth-1',
  status: 'pending',
  rawStatus: 'pending',
  createdAt: new Date(T0),
  expiresAt: new Date(T0 + 600_000),
  nextRetryAt: new Date(T0 + 30_000),
  remainingRetry: 3,
  flowToken: 'token-1',
  meta: { receivedAt: new Date(T0) },
  ...overrides,
})

const checked = (status: CheckStatus, overrides: Partial<CheckResult> = {}): CheckResult => ({
  authenticationUuid: 'auth-1',
  status,
  rawStatus: status,
  meta: { receivedAt: new Date(T0) },
  ...overrides,
})

const retried = (status: RetryStatus, overrides: Partial<RetryResult> = {}): RetryResult => ({
  authenticationUuid: 'auth-1',
  status,
  rawStatus: status,
  meta: { receivedAt: new Date(T0) },
  ...overrides,
})

const session: FlowSession = {
  phoneNumber: PHONE,
  authenticationUuid: 'auth-1',
  flowToken: 'token-1',
  sentAt: new Date(T0),
  expiresAt: new Date(T0 + 600_000),
  resendAvailableAt: new Date(T0 + 30_000),
  remainingResends: 3,
  attemptsLeft: undefined,
  clockOffset: 0,
}

const awaiting: AwaitingCodeState = {
  status: 'awaitingCode',
  ...session,
  resendStatus: 'waiting',
  error: undefined,
  lastRejectedCode: undefined,
}

/** One state of every kind, as a user meets them at T0. */
const states = {
  idle: initialFlowState,
  sending: { status: 'sending', reason: 'send', phoneNumber: PHONE },
  resending: { status: 'sending', reason: 'resend', ...session, resendAvailableAt: new Date(T0), lastRejectedCode: undefined },
  awaitingCode: awaiting,
  checking: { status: 'checking', ...session, code: '123456', resendStatus: 'waiting', lastRejectedCode: undefined },
  verified: {
    status: 'verified',
    phoneNumber: PHONE,
    authenticationUuid: 'auth-1',
    verificationToken: 'proof',
    verificationExpiresAt: new Date(T0 + 600_000),
  },
  expired: { status: 'expired', phoneNumber: PHONE, error: new OtpError('expired', 'expired') },
  blocked: {
    status: 'blocked',
    phoneNumber: PHONE,
    cause: 'send',
    error: new OtpError('rate_limited', 'slow down'),
    until: new Date(T0 + 60_000),
  },
  error: { status: 'error', phoneNumber: PHONE, error: new OtpError('network_error', 'offline') },
  humanCheck: {
    status: 'humanCheck',
    phoneNumber: PHONE,
    challenge: { provider: 'turnstile', siteKey: 'site-key' },
    error: undefined,
  },
} satisfies Record<string, FlowState>

/** One event of every kind. */
const events: Record<FlowEventType, FlowEvent> = {
  SEND: { type: 'SEND', phoneNumber: PHONE },
  SEND_SUCCEEDED: { type: 'SEND_SUCCEEDED', result: sent() },
  SEND_FAILED: { type: 'SEND_FAILED', error: new OtpError('network_error', 'offline') },
  CHECK: { type: 'CHECK', code: '654321' },
  CHECK_SUCCEEDED: { type: 'CHECK_SUCCEEDED', result: checked('valid', { verificationToken: 'proof' }) },
  CHECK_FAILED: { type: 'CHECK_FAILED', error: new OtpError('network_error', 'offline') },
  RESEND: { type: 'RESEND' },
  RESEND_SUCCEEDED: {
    type: 'RESEND_SUCCEEDED',
    result: retried('approved', { nextRetryAt: new Date(T0 + 60_000), remainingRetry: 2 }),
  },
  RESEND_FAILED: { type: 'RESEND_FAILED', error: new OtpError('timeout', 'slow') },
  CLOCK_CHECKED: { type: 'CLOCK_CHECKED' },
  CHANGE_NUMBER: { type: 'CHANGE_NUMBER' },
  RESET: { type: 'RESET' },
  RESTORED: { type: 'RESTORED', session },
  VERIFICATION_RESTORED: {
    type: 'VERIFICATION_RESTORED',
    verified: {
      phoneNumber: PHONE,
      authenticationUuid: 'auth-1',
      verificationToken: 'proof',
      verificationExpiresAt: new Date(T0 + 600_000),
    },
  },
  HUMAN_CHECK_PASSED: { type: 'HUMAN_CHECK_PASSED', token: 'captcha-token' },
  HUMAN_CHECK_FAILED: { type: 'HUMAN_CHECK_FAILED', error: new OtpError('captcha_required', 'the widget failed') },
}

type Expected = FlowStatus | 'same'
const E = Object.keys(events) as FlowEventType[]

/**
 * Where each event leads from each state at T0 (`same`: ignored, the very same state object comes back).
 * Columns follow `events`: SEND, SEND_SUCCEEDED, SEND_FAILED, CHECK, CHECK_SUCCEEDED, CHECK_FAILED,
 * RESEND, RESEND_SUCCEEDED, RESEND_FAILED, CLOCK_CHECKED, CHANGE_NUMBER, RESET, RESTORED, VERIFICATION_RESTORED,
 * HUMAN_CHECK_PASSED, HUMAN_CHECK_FAILED.
 */
// biome-ignore format: the table reads as a grid
const table: Record<keyof typeof states, Expected[]> = {
  idle:         ['sending', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'awaitingCode', 'verified', 'same', 'same'],
  sending:      ['same', 'awaitingCode', 'error', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  resending:    ['same', 'same', 'same', 'same', 'same', 'same', 'same', 'awaitingCode', 'awaitingCode', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  awaitingCode: ['same', 'same', 'same', 'checking', 'same', 'same', 'same', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  checking:     ['same', 'same', 'same', 'same', 'verified', 'awaitingCode', 'same', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  verified:     ['sending', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  expired:      ['sending', 'same', 'same', 'same', 'same', 'same', 'sending', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  blocked:      ['same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  error:        ['sending', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'same', 'same'],
  humanCheck:   ['sending', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'same', 'idle', 'idle', 'same', 'same', 'sending', 'humanCheck'],
}

describe('transition: every state against every event', () => {
  const cases = Object.entries(table).flatMap(([name, row]) =>
    row.map((expected, index) => ({ name, event: E[index] as FlowEventType, expected })),
  )

  it.each(cases)('$name + $event → $expected', ({ name, event, expected }) => {
    const state = states[name as keyof typeof states]
    const next = transition(state, events[event], context)
    if (expected === 'same') expect(next).toBe(state)
    else expect(next.status).toBe(expected)
  })

  it('covers every state and every event', () => {
    expect(Object.values(table).every((row) => row.length === E.length)).toBe(true)
    expect(new Set(Object.values(states).map((state) => state.status)).size).toBe(FLOW_STATUSES.length)
  })
})

describe('send answers', () => {
  const send = (result: CreateAuthenticationResult, extra: Partial<FlowContext> = {}) =>
    transition(states.sending, { type: 'SEND_SUCCEEDED', result }, { ...context, ...extra })

  it('waits for the code with the server deadlines, token and resends left', () => {
    expect(send(sent())).toEqual({
      ...awaiting,
      resendStatus: 'waiting',
    })
  })

  it.each([
    { status: 'rate_limited' as const, code: 'rate_limited', until: new Date(T0 + 120_000) },
    { status: 'spam_detected' as const, code: 'spam_detected', until: undefined },
  ])('blocks on $status', ({ status, code, until }) => {
    const next = send(sent({ status, rawStatus: status, nextRetryAt: until }))
    expect(next).toMatchObject({ status: 'blocked', phoneNumber: PHONE, until })
    expect(next.status === 'blocked' && next.error.code).toBe(code)
  })

  it('reports a status outside the contract as an error that keeps the number', () => {
    const next = send(sent({ status: 'unknown', rawStatus: 'queued' }))
    expect(next).toMatchObject({ status: 'error', phoneNumber: PHONE })
    expect(next.status === 'error' && next.error.message).toContain('queued')
  })

  it('opens the first resend after the resendDelay when the answer has no nextRetryAt', () => {
    const next = send(sent({ nextRetryAt: undefined }))
    expect(next.status === 'awaitingCode' && next.resendAvailableAt).toEqual(new Date(T0 + 30_000))
    const custom = send(sent({ nextRetryAt: undefined }), { resendDelay: 45 })
    expect(custom.status === 'awaitingCode' && custom.resendAvailableAt).toEqual(new Date(T0 + 45_000))
  })

  it('counts the attempts left only when maxAttempts is known', () => {
    expect(send(sent())).toMatchObject({ attemptsLeft: undefined })
    expect(send(sent(), { maxAttempts: 5 })).toMatchObject({ attemptsLeft: 5 })
  })

  it('corrects deadlines of a server clock 5 minutes ahead of the browser', () => {
    const serverNow = T0 + 5 * 60_000
    const next = send(
      sent({
        createdAt: new Date(serverNow),
        expiresAt: new Date(serverNow + 600_000),
        nextRetryAt: new Date(serverNow + 30_000),
        meta: { serverDate: new Date(serverNow), receivedAt: new Date(T0) },
      }),
    )
    expect(next).toMatchObject({
      status: 'awaitingCode',
      resendStatus: 'waiting',
      clockOffset: 5 * 60_000 + 500,
    })
    expect(next.status === 'awaitingCode' && next.resendAvailableAt.getTime()).toBe(T0 + 30_000 - 500)
    expect(next.status === 'awaitingCode' && next.expiresAt?.getTime()).toBe(T0 + 600_000 - 500)
  })

  it('corrects deadlines of a server clock 5 minutes behind, from createdAt when there is no Date header', () => {
    const serverNow = T0 - 5 * 60_000
    const next = send(
      sent({
        createdAt: new Date(serverNow),
        expiresAt: new Date(serverNow + 600_000),
        nextRetryAt: new Date(serverNow + 30_000),
      }),
    )
    expect(next.status === 'awaitingCode' && next.resendAvailableAt.getTime()).toBe(T0 + 30_000)
    expect(next.status === 'awaitingCode' && next.expiresAt?.getTime()).toBe(T0 + 600_000)
  })
})

describe('send failures', () => {
  const fail = (error: OtpError) => transition(states.sending, { type: 'SEND_FAILED', error }, context)

  it('keeps the number on a network failure, retryable', () => {
    const next = fail(new OtpError('network_error', 'offline'))
    expect(next).toMatchObject({ status: 'error', phoneNumber: PHONE })
    expect(next.status === 'error' && next.error.retryable).toBe(true)
  })

  it('keeps the number on an invalid number, not retryable', () => {
    const next = fail(new OtpError('invalid_phone_number', 'bad', { status: 400 }))
    expect(next.status === 'error' && next.error.retryable).toBe(false)
  })

  it('blocks until Retry-After on HTTP 429', () => {
    expect(fail(new OtpError('rate_limited', 'slow down', { status: 429, retryAfter: 90 }))).toMatchObject({
      status: 'blocked',
      until: new Date(T0 + 90_000),
    })
  })

  it('blocks with no end on an endpoint spam_detected error', () => {
    expect(fail(new OtpError('spam_detected', 'spam', { status: 403 }))).toMatchObject({ status: 'blocked', until: undefined })
  })

  it('goes back to idle, number kept, when the request was aborted', () => {
    expect(fail(new OtpError('aborted', 'aborted'))).toEqual({ status: 'idle', phoneNumber: PHONE, previous: undefined })
  })
})

describe('check answers', () => {
  const check = (result: CheckResult, from: FlowState = states.checking) =>
    transition(from, { type: 'CHECK_SUCCEEDED', result }, context)

  it.each([
    { status: 'valid', next: 'verified', code: undefined },
    { status: 'invalid', next: 'awaitingCode', code: 'invalid_code' },
    { status: 'without_attempt', next: 'error', code: 'without_attempt' },
    { status: 'rate_limited', next: 'blocked', code: 'rate_limited' },
    { status: 'already_validated', next: 'error', code: 'already_validated' },
    { status: 'expired_auth', next: 'expired', code: 'expired' },
    { status: 'unknown', next: 'awaitingCode', code: 'unknown_status' },
  ] as const)('$status → $next ($code)', ({ status, next, code }) => {
    const state = check(checked(status))
    expect(state.status).toBe(next)
    expect('error' in state ? state.error?.code : undefined).toBe(code)
    expect('phoneNumber' in state && state.phoneNumber).toBe(PHONE)
  })

  it('hands over the verification token', () => {
    expect(check(checked('valid', { verificationToken: 'proof' }))).toEqual({
      status: 'verified',
      phoneNumber: PHONE,
      authenticationUuid: 'auth-1',
      verificationToken: 'proof',
      verificationExpiresAt: undefined,
    })
  })

  it('knows when the proof expires, on the local clock of a browser 5 minutes behind the server', () => {
    const serverNow = T0 + 5 * 60_000
    const next = check(
      checked('valid', {
        verificationToken: 'proof',
        verificationExpiresAt: new Date(serverNow + 600_000),
        meta: { serverDate: new Date(serverNow), receivedAt: new Date(T0) },
      }),
    )
    expect(next.status === 'verified' && next.verificationExpiresAt?.getTime()).toBe(T0 + 600_000 - 500)
  })

  it('takes the attempts left from the check answer, without maxAttempts and over its count', () => {
    expect(check(checked('invalid', { remainingAttempts: 3 }))).toMatchObject({ status: 'awaitingCode', attemptsLeft: 3 })
    expect(check(checked('invalid', { remainingAttempts: 2 }), { ...states.checking, attemptsLeft: 4 })).toMatchObject({
      attemptsLeft: 2,
    })
  })

  it('blocks the checks when the answer says none are left, with a new code as the way out', () => {
    const none = check(checked('invalid', { remainingAttempts: 0 }))
    expect(none).toMatchObject({ status: 'blocked', cause: 'check', until: undefined })
    expect(transition(none, { type: 'SEND', phoneNumber: PHONE }, context).status).toBe('sending')
  })

  it('treats already_validated with a token as verified (a retried check whose first answer was lost)', () => {
    expect(check(checked('already_validated', { verificationToken: 'proof' }))).toMatchObject({ status: 'verified' })
  })

  it('remembers a rejected code and ignores it when submitted again, without a request', () => {
    const wrong = check(checked('invalid'))
    expect(wrong).toMatchObject({ status: 'awaitingCode', lastRejectedCode: '123456' })
    expect(transition(wrong, { type: 'CHECK', code: '123456' }, context)).toBe(wrong)
    expect(transition(wrong, { type: 'CHECK', code: '123457' }, context)).toMatchObject({
      status: 'checking',
      code: '123457',
      lastRejectedCode: '123456',
    })
  })

  it('counts down known attempts', () => {
    const wrong = check(checked('invalid'), { ...states.checking, attemptsLeft: 2 })
    expect(wrong).toMatchObject({ status: 'awaitingCode', attemptsLeft: 1 })
  })

  it('blocks after the last allowed wrong code, so the number can get a new code instead of a resend it cannot check', () => {
    const none = check(checked('invalid'), { ...states.checking, attemptsLeft: 1 })
    expect(none).toMatchObject({ status: 'blocked', phoneNumber: PHONE, cause: 'check', until: undefined })
    expect(none.status === 'blocked' && none.error.code).toBe('rate_limited')
    expect(transition(none, { type: 'RESEND' }, { now: T0 + 60_000 })).toBe(none)
    expect(transition(none, { type: 'SEND', phoneNumber: PHONE }, context)).toEqual({
      status: 'sending',
      reason: 'send',
      phoneNumber: PHONE,
    })
  })

  it('does not resume an authentication with no checks left', () => {
    const spent = { ...session, attemptsLeft: 0 }
    expect(transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE, known: spent }, context).status).toBe('sending')
  })

  it('goes back to the code, session and retryable error kept, when the network fails during checking', () => {
    const next = transition(states.checking, { type: 'CHECK_FAILED', error: new OtpError('network_error', 'offline') }, context)
    expect(next).toMatchObject({ ...session, status: 'awaitingCode', lastRejectedCode: undefined })
    expect(next.status === 'awaitingCode' && next.error?.code).toBe('network_error')
    expect(next.status === 'awaitingCode' && next.error?.retryable).toBe(true)
  })

  it('does not count a code the network lost as rejected', () => {
    const lost = transition(states.checking, { type: 'CHECK_FAILED', error: new OtpError('timeout', 'slow') }, context)
    expect(transition(lost, { type: 'CHECK', code: '123456' }, context).status).toBe('checking')
  })

  it('ends in error when the server lost the authentication', () => {
    const next = transition(states.checking, { type: 'CHECK_FAILED', error: new OtpError('invalid_auth_uuid', 'gone') }, context)
    expect(next).toMatchObject({ status: 'error', phoneNumber: PHONE })
  })

  it('ignores a second check while checking (one request)', () => {
    expect(transition(states.checking, { type: 'CHECK', code: '123456' }, context)).toBe(states.checking)
  })

  it('does not send a code once the deadline has passed', () => {
    const late = transition(awaiting, { type: 'CHECK', code: '123456' }, { now: T0 + 600_000 })
    expect(late).toMatchObject({ status: 'expired', phoneNumber: PHONE })
    expect(late.status === 'expired' && late.error.code).toBe('expired')
  })

  it('still checks a code sent as CODE_SUBMITTED, the deprecated name of CHECK', () => {
    const next = transition(states.awaitingCode, { type: 'CODE_SUBMITTED', code: '654321' }, context)
    expect(next).toEqual(transition(states.awaitingCode, { type: 'CHECK', code: '654321' }, context))
    expect(next.status).toBe('checking')
  })
})

describe('resend', () => {
  const due = { now: T0 + 30_000 }
  const resending = transition(awaiting, { type: 'RESEND' }, due)
  const answer = (result: RetryResult, extra: Partial<FlowContext> = {}) =>
    transition(resending, { type: 'RESEND_SUCCEEDED', result }, { ...due, ...extra })

  it('does nothing before its deadline', () => {
    expect(transition(awaiting, { type: 'RESEND' }, { now: T0 + 29_999 })).toBe(awaiting)
  })

  it('resends at its deadline, keeping the session', () => {
    expect(resending).toMatchObject({ status: 'sending', reason: 'resend', authenticationUuid: 'auth-1' })
  })

  it('does nothing when no resend is left', () => {
    const exhausted = { ...awaiting, remainingResends: 0, resendStatus: 'exhausted' as const }
    expect(transition(exhausted, { type: 'RESEND' }, { now: T0 + 500_000 })).toBe(exhausted)
  })

  it.each([
    { status: 'approved', next: 'awaitingCode', code: undefined },
    { status: 'denied', next: 'awaitingCode', code: 'resend_denied' },
    { status: 'rate_limited', next: 'awaitingCode', code: 'rate_limited' },
    { status: 'no_attempt', next: 'error', code: 'without_attempt' },
    { status: 'expired_auth', next: 'expired', code: 'expired' },
    { status: 'already_validated', next: 'error', code: 'already_validated' },
    { status: 'unknown', next: 'awaitingCode', code: 'unknown_status' },
  ] as const)('$status → $next ($code)', ({ status, next, code }) => {
    const state = answer(retried(status))
    expect(state.status).toBe(next)
    expect('error' in state ? state.error?.code : undefined).toBe(code)
  })

  it('takes the new deadline, resends left and token of an approved resend, and forgets the rejected code', () => {
    const wrong = { ...awaiting, lastRejectedCode: '111111' }
    const from = transition(wrong, { type: 'RESEND' }, due)
    const next = transition(
      from,
      {
        type: 'RESEND_SUCCEEDED',
        result: retried('approved', { nextRetryAt: new Date(T0 + 90_000), remainingRetry: 2, flowToken: 'token-2' }),
      },
      due,
    )
    expect(next).toMatchObject({
      status: 'awaitingCode',
      resendAvailableAt: new Date(T0 + 90_000),
      remainingResends: 2,
      flowToken: 'token-2',
      resendStatus: 'waiting',
      lastRejectedCode: undefined,
      expiresAt: session.expiresAt,
    })
  })

  it('waits the resendDelay again when an approved resend has no nextRetryAt', () => {
    expect(answer(retried('approved'))).toMatchObject({ resendAvailableAt: new Date(T0 + 60_000), remainingResends: 2 })
  })

  it('marks resends exhausted after rate_limited, leaving the current code usable', () => {
    const next = answer(retried('rate_limited'))
    expect(next).toMatchObject({ status: 'awaitingCode', remainingResends: 0, resendStatus: 'exhausted' })
    expect(transition(next, { type: 'CHECK', code: '123456' }, due).status).toBe('checking')
  })

  it('keeps the session with a retryable error when the network fails', () => {
    const next = transition(resending, { type: 'RESEND_FAILED', error: new OtpError('network_error', 'offline') }, due)
    expect(next).toMatchObject({ status: 'awaitingCode', authenticationUuid: 'auth-1', resendStatus: 'available' })
    expect(next.status === 'awaitingCode' && next.error?.code).toBe('network_error')
  })

  it('sends a new code to the same number after expiry', () => {
    expect(transition(states.expired, { type: 'RESEND' }, context)).toEqual({
      status: 'sending',
      reason: 'send',
      phoneNumber: PHONE,
    })
  })
})

describe('deadlines', () => {
  it('returns the same state while no deadline passed (nothing to re-render)', () => {
    expect(transition(awaiting, { type: 'CLOCK_CHECKED' }, { now: T0 + 29_999 })).toBe(awaiting)
  })

  it('makes the resend available once its deadline passed', () => {
    expect(transition(awaiting, { type: 'CLOCK_CHECKED' }, { now: T0 + 30_000 })).toMatchObject({
      status: 'awaitingCode',
      resendStatus: 'available',
    })
  })

  it('expires the code at expiresAt, however late the check comes (a tab hidden for 10 minutes)', () => {
    expect(transition(awaiting, { type: 'CLOCK_CHECKED' }, { now: T0 + 10 * 60_000 + 5_000 })).toMatchObject({
      status: 'expired',
      phoneNumber: PHONE,
    })
  })

  it('lifts a block at its end, number kept', () => {
    expect(transition(states.blocked, { type: 'CLOCK_CHECKED' }, { now: T0 + 60_000 })).toEqual({
      status: 'idle',
      phoneNumber: PHONE,
      previous: undefined,
    })
  })

  it('holds a block with an end for its number, but lets another number or a block without an end try again', () => {
    expect(transition(states.blocked, { type: 'SEND', phoneNumber: PHONE }, context)).toBe(states.blocked)
    expect(transition(states.blocked, { type: 'SEND', phoneNumber: OTHER_PHONE }, context)).toMatchObject({
      status: 'sending',
      phoneNumber: OTHER_PHONE,
    })
    expect(transition({ ...states.blocked, until: undefined }, { type: 'SEND', phoneNumber: PHONE }, context).status).toBe(
      'sending',
    )
  })

  it('tells a refused send from refused checks', () => {
    expect(
      transition(states.sending, { type: 'SEND_SUCCEEDED', result: sent({ status: 'rate_limited' }) }, context),
    ).toMatchObject({
      status: 'blocked',
      cause: 'send',
    })
    expect(transition(states.checking, { type: 'CHECK_SUCCEEDED', result: checked('rate_limited') }, context)).toMatchObject({
      status: 'blocked',
      cause: 'check',
    })
  })

  it('keeps a block without an end', () => {
    const spam = { ...states.blocked, until: undefined }
    expect(transition(spam, { type: 'CLOCK_CHECKED' }, { now: T0 + 86_400_000 })).toBe(spam)
  })
})

describe('change number and resume', () => {
  const back = transition(awaiting, { type: 'CHANGE_NUMBER' }, context)

  it('goes back to the number, keeping the authentication aside', () => {
    expect(back).toEqual({ status: 'idle', phoneNumber: PHONE, previous: session })
  })

  it('resumes the same number without a new code and without restarting the countdown', () => {
    const again = transition(back, { type: 'SEND', phoneNumber: PHONE }, { now: T0 + 10_000 })
    expect(again).toMatchObject({ status: 'awaitingCode', resendAvailableAt: session.resendAvailableAt, resendStatus: 'waiting' })
  })

  it('sends to another number', () => {
    expect(transition(back, { type: 'SEND', phoneNumber: OTHER_PHONE }, context)).toEqual({
      status: 'sending',
      reason: 'send',
      phoneNumber: OTHER_PHONE,
    })
  })

  it('sends a new code when the kept authentication expired', () => {
    expect(transition(back, { type: 'SEND', phoneNumber: PHONE }, { now: T0 + 600_000 }).status).toBe('sending')
  })

  it('resumes a live authentication found in storage for this number', () => {
    expect(transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE, known: session }, context)).toMatchObject({
      status: 'awaitingCode',
      authenticationUuid: 'auth-1',
    })
  })

  it('resumes an authentication without expiresAt for ten minutes only', () => {
    const open = { ...session, expiresAt: undefined }
    expect(transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE, known: open }, { now: T0 + 599_999 }).status).toBe(
      'awaitingCode',
    )
    expect(transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE, known: open }, { now: T0 + 600_000 }).status).toBe(
      'sending',
    )
  })

  it('ignores a second send while sending (one SMS)', () => {
    expect(transition(states.sending, { type: 'SEND', phoneNumber: PHONE }, context)).toBe(states.sending)
  })
})

describe('restore after a reload', () => {
  it('resumes a live session in the code step with its deadlines', () => {
    expect(transition(initialFlowState, { type: 'RESTORED', session }, { now: T0 + 40_000 })).toEqual({
      ...awaiting,
      resendStatus: 'available',
    })
  })

  it('shows an expired session as expired', () => {
    expect(transition(initialFlowState, { type: 'RESTORED', session }, { now: T0 + 700_000 }).status).toBe('expired')
  })

  it('drops an old session without expiry to idle with its number', () => {
    const open = { ...session, expiresAt: undefined }
    expect(transition(initialFlowState, { type: 'RESTORED', session: open }, { now: T0 + 700_000 })).toEqual({
      status: 'idle',
      phoneNumber: PHONE,
      previous: undefined,
    })
  })
})

describe('a verified number', () => {
  const proofEnds = T0 + 600_000

  it('stays verified until its proof expires', () => {
    expect(transition(states.verified, { type: 'CLOCK_CHECKED' }, { now: proofEnds - 1 })).toBe(states.verified)
  })

  it('goes back to the number step, number kept, when its proof expires', () => {
    expect(transition(states.verified, { type: 'CLOCK_CHECKED' }, { now: proofEnds })).toEqual({
      status: 'idle',
      phoneNumber: PHONE,
      previous: undefined,
      verificationExpired: true,
    })
  })

  it('stays verified when the answer gave no expiry', () => {
    const open = { ...states.verified, verificationExpiresAt: undefined }
    expect(transition(open, { type: 'CLOCK_CHECKED' }, { now: T0 + 86_400_000 })).toBe(open)
    expect(nextDeadline(open, T0)).toBeUndefined()
  })

  it('is verified again with a new code, or left for another number with the number kept', () => {
    expect(transition(states.verified, { type: 'SEND', phoneNumber: PHONE }, context)).toEqual({
      status: 'sending',
      reason: 'send',
      phoneNumber: PHONE,
    })
    expect(transition(states.verified, { type: 'CHANGE_NUMBER' }, context)).toEqual({
      status: 'idle',
      phoneNumber: PHONE,
      previous: undefined,
    })
  })

  it('comes back after a reload until its proof expires, then only its number does', () => {
    const restored = events.VERIFICATION_RESTORED
    expect(transition(initialFlowState, restored, { now: proofEnds - 1 })).toEqual(states.verified)
    expect(transition(initialFlowState, restored, { now: proofEnds })).toEqual({
      status: 'idle',
      phoneNumber: PHONE,
      previous: undefined,
      verificationExpired: true,
    })
  })
})

describe('nextDeadline', () => {
  it('is the resend deadline while waiting for it', () => {
    expect(nextDeadline(awaiting, T0)).toBe(T0 + 30_000)
  })

  it('is the expiry once the resend is available', () => {
    expect(nextDeadline({ ...awaiting, resendStatus: 'available' }, T0 + 31_000)).toBe(T0 + 600_000)
  })

  it('is the expiry of the proof once verified', () => {
    expect(nextDeadline(states.verified, T0)).toBe(T0 + 600_000)
  })

  it('is the end of a block, and nothing for a block without end or a state without deadline', () => {
    expect(nextDeadline(states.blocked, T0)).toBe(T0 + 60_000)
    expect(nextDeadline({ ...states.blocked, until: undefined }, T0)).toBeUndefined()
    expect(nextDeadline(states.checking, T0)).toBeUndefined()
  })

  it('is now when a deadline passed unnoticed, so one check applies it', () => {
    expect(nextDeadline(awaiting, T0 + 700_000)).toBe(T0 + 700_000)
    expect(nextDeadline(awaiting, T0 + 40_000)).toBe(T0 + 40_000)
    expect(transition(awaiting, { type: 'CLOCK_CHECKED' }, { now: T0 + 700_000 }).status).toBe('expired')
  })
})

describe('a human check the endpoint asks for', () => {
  const challenge = { provider: 'hcaptcha', siteKey: '10000000-ffff-ffff-ffff-000000000001' }
  const asked = new OtpError('captcha_required', 'Complete the human check first', { status: 403, captcha: challenge })
  const withHumanCheck: FlowContext = { ...context, humanCheck: true }
  const sendFailed = (state: FlowState, error: OtpError, ctx: FlowContext) =>
    transition(state, { type: 'SEND_FAILED', error }, ctx)

  it('goes to the human check with the widget asked for, the number kept, when the app can show one', () => {
    expect(sendFailed(states.sending, asked, withHumanCheck)).toEqual({
      status: 'humanCheck',
      phoneNumber: PHONE,
      challenge,
      error: undefined,
    })
  })

  it('is an error like any other, number kept, when the app shows no human check', () => {
    expect(sendFailed(states.sending, asked, context)).toEqual({ status: 'error', phoneNumber: PHONE, error: asked })
  })

  it('is an error when the answer does not say which widget to show', () => {
    const unnamed = new OtpError('captcha_required', 'Complete the human check first', { status: 403 })
    expect(sendFailed(states.sending, unnamed, withHumanCheck)).toEqual({ status: 'error', phoneNumber: PHONE, error: unnamed })
  })

  it("sends to the same number with the check's token once passed; an empty token is no pass", () => {
    const checking = sendFailed(states.sending, asked, withHumanCheck)
    expect(transition(checking, { type: 'HUMAN_CHECK_PASSED', token: '' }, withHumanCheck)).toBe(checking)
    expect(transition(checking, { type: 'HUMAN_CHECK_PASSED', token: 'P1_eyJ' }, withHumanCheck)).toEqual({
      status: 'sending',
      reason: 'send',
      phoneNumber: PHONE,
      captchaToken: 'P1_eyJ',
    })
  })

  it('asks again, saying why, when the endpoint refuses the token', () => {
    const retried = { status: 'sending', reason: 'send', phoneNumber: PHONE, captchaToken: 'P1_eyJ' } satisfies FlowState
    expect(sendFailed(retried, asked, withHumanCheck)).toEqual({
      status: 'humanCheck',
      phoneNumber: PHONE,
      challenge,
      error: asked,
    })
  })

  it('stays on the check, saying why, when the widget fails; a send starts over without a token; change number leaves it', () => {
    const checking = sendFailed(states.sending, asked, withHumanCheck)
    const broken = new OtpError('captcha_required', 'The widget could not load')
    expect(transition(checking, { type: 'HUMAN_CHECK_FAILED', error: broken }, withHumanCheck)).toEqual({
      ...checking,
      error: broken,
    })
    expect(transition(checking, { type: 'SEND', phoneNumber: OTHER_PHONE }, withHumanCheck)).toEqual({
      status: 'sending',
      reason: 'send',
      phoneNumber: OTHER_PHONE,
    })
    expect(transition(checking, { type: 'CHANGE_NUMBER' }, withHumanCheck)).toEqual({
      status: 'idle',
      phoneNumber: PHONE,
      previous: undefined,
    })
  })

  it('ignores a pass or a failure outside the check', () => {
    for (const state of Object.values(states).filter((candidate) => candidate.status !== 'humanCheck')) {
      expect(transition(state, { type: 'HUMAN_CHECK_PASSED', token: 't' }, withHumanCheck)).toBe(state)
      expect(transition(state, { type: 'HUMAN_CHECK_FAILED', error: asked }, withHumanCheck)).toBe(state)
    }
  })
})
