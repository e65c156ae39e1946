import { describe, expect, it } from 'vitest'
import { OtpError } from '../errors'
import type { CreateAuthenticationResult, RetryResult, RetryStatus } from '../types'
import { type FlowContext, type FlowState, initialFlowState, sessionOf, transition } from './otp-flow.machine'
import { parseSession, serializeSession } from './otp-flow.snapshot'

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const PHONE = '+447400123456'
const ALL = ['sms', 'whatsapp', 'voice']

const sent = (overrides: Partial<CreateAuthenticationResult> = {}): CreateAuthenticationResult => ({
  authenticationUuid: 'auth-1',
  status: 'pending',
  rawStatus: 'pending',
  createdAt: new Date(T0),
  expiresAt: new Date(T0 + 600_000),
  nextRetryAt: new Date(T0 + 30_000),
  remainingRetry: 3,
  flowToken: 'token-1',
  channel: 'sms',
  availableChannels: ALL,
  meta: { receivedAt: new Date(T0) },
  ...overrides,
})

const retried = (status: RetryStatus, overrides: Partial<RetryResult> = {}): RetryResult => ({
  authenticationUuid: 'auth-1',
  status,
  rawStatus: status,
  meta: { receivedAt: new Date(T0 + 30_000) },
  ...overrides,
})

const at = (ms: number): FlowContext => ({ now: T0 + ms })

/** A code sent by SMS, with WhatsApp and a call on offer, at the resend deadline. */
function awaiting(result: CreateAuthenticationResult = sent()): FlowState {
  let state = transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE }, at(0))
  state = transition(state, { type: 'SEND_SUCCEEDED', result }, at(0))
  return transition(state, { type: 'CLOCK_CHECKED' }, at(30_000))
}

describe('the flow: channels', () => {
  it('sends the first code on the channel asked for, and a new code after expiry on the channel asked then', () => {
    const sending = transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE, channel: 'voice' }, at(0))
    expect(sending).toMatchObject({ status: 'sending', reason: 'send', requestedChannel: 'voice' })
    const plain = transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE }, at(0))
    expect(plain).not.toHaveProperty('requestedChannel')

    const expired = transition(awaiting(), { type: 'CLOCK_CHECKED' }, at(600_000))
    expect(expired.status).toBe('expired')
    expect(transition(expired, { type: 'RESEND', channel: 'whatsapp' }, at(600_000))).toMatchObject({
      status: 'sending',
      reason: 'send',
      requestedChannel: 'whatsapp',
    })
  })

  it('keeps the channel asked for through a human check', () => {
    const sending = transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE, channel: 'voice' }, at(0))
    const error = new OtpError('captcha_required', 'Complete the check', {
      captcha: { provider: 'turnstile', siteKey: '1x00000000000000000000AA' },
    })
    const check = transition(sending, { type: 'SEND_FAILED', error }, { ...at(0), humanCheck: true })
    expect(check).toMatchObject({ status: 'humanCheck', requestedChannel: 'voice' })
    expect(transition(check, { type: 'HUMAN_CHECK_PASSED', token: 'passed' }, at(1000))).toMatchObject({
      status: 'sending',
      captchaToken: 'passed',
      requestedChannel: 'voice',
    })
  })

  it('keeps the channel used and the channels on offer from the send answer', () => {
    const state = awaiting()
    expect(state).toMatchObject({ status: 'awaitingCode', channel: 'sms', availableChannels: ALL })
  })

  it('knows neither when the answer says neither (Ding itself, an endpoint without channels)', () => {
    const state = awaiting(sent({ channel: undefined, availableChannels: undefined }))
    expect(state.status).toBe('awaitingCode')
    expect(sessionOf(state)?.channel).toBeUndefined()
    expect(sessionOf(state)?.availableChannels).toBeUndefined()
  })

  it('resends on another channel when asked, and the channel answered is the one in use afterwards', () => {
    const resending = transition(awaiting(), { type: 'RESEND', channel: 'voice' }, at(30_000))
    expect(resending).toMatchObject({ status: 'sending', reason: 'resend', requestedChannel: 'voice', channel: 'sms' })
    const after = transition(
      resending,
      {
        type: 'RESEND_SUCCEEDED',
        result: retried('approved', { channel: 'voice', availableChannels: ALL, nextRetryAt: new Date(T0 + 90_000) }),
      },
      at(30_000),
    )
    expect(after).toMatchObject({ status: 'awaitingCode', channel: 'voice', availableChannels: ALL, error: undefined })
  })

  it('takes the channel asked for as the one in use when an approved answer does not say', () => {
    const resending = transition(awaiting(), { type: 'RESEND', channel: 'whatsapp' }, at(30_000))
    const after = transition(resending, { type: 'RESEND_SUCCEEDED', result: retried('approved') }, at(30_000))
    expect(after).toMatchObject({ status: 'awaitingCode', channel: 'whatsapp' })
  })

  it('keeps the channel in use when a switch is denied', () => {
    const resending = transition(awaiting(), { type: 'RESEND', channel: 'voice' }, at(30_000))
    const denied = transition(
      resending,
      { type: 'RESEND_SUCCEEDED', result: retried('denied', { channel: 'sms', nextRetryAt: new Date(T0 + 45_000) }) },
      at(30_000),
    )
    expect(denied).toMatchObject({ status: 'awaitingCode', channel: 'sms', error: { code: 'resend_denied' } })
  })

  it('treats a resend on the channel in use as a plain resend', () => {
    const resending = transition(awaiting(), { type: 'RESEND', channel: 'sms' }, at(30_000))
    expect(resending).toMatchObject({ status: 'sending', reason: 'resend' })
    expect(resending).not.toHaveProperty('requestedChannel')
  })

  it('ignores a channel not on offer, and any switch before the resend deadline, without a request', () => {
    const state = awaiting(sent({ availableChannels: ['sms', 'voice'] }))
    expect(transition(state, { type: 'RESEND', channel: 'whatsapp' }, at(30_000))).toBe(state)
    const early = transition(
      transition(initialFlowState, { type: 'SEND', phoneNumber: PHONE }, at(0)),
      {
        type: 'SEND_SUCCEEDED',
        result: sent(),
      },
      at(0),
    )
    expect(transition(early, { type: 'RESEND', channel: 'voice' }, at(10_000))).toBe(early)
  })

  it('offers a channel the endpoint refused no more, and keeps the code field open with the error', () => {
    const resending = transition(awaiting(), { type: 'RESEND', channel: 'whatsapp' }, at(30_000))
    const refused = new OtpError(
      'unsupported_channel',
      'Codes cannot be sent by "whatsapp" to this number; offered: sms, voice',
      {
        status: 400,
      },
    )
    const after = transition(resending, { type: 'RESEND_FAILED', error: refused }, at(30_000))
    expect(after).toMatchObject({
      status: 'awaitingCode',
      channel: 'sms',
      availableChannels: ['sms', 'voice'],
      error: { code: 'unsupported_channel' },
      authenticationUuid: 'auth-1',
    })
    // Another failure of a switch (the network) leaves the offer as it was.
    const again = transition(after, { type: 'RESEND', channel: 'voice' }, at(30_000))
    const offline = transition(again, { type: 'RESEND_FAILED', error: new OtpError('network_error', 'offline') }, at(30_000))
    expect(offline).toMatchObject({ availableChannels: ['sms', 'voice'], error: { code: 'network_error' } })
  })

  it('stores the channel and the offer with the session, and reads a session stored without them', () => {
    const state = transition(
      transition(awaiting(), { type: 'RESEND', channel: 'voice' }, at(30_000)),
      { type: 'RESEND_SUCCEEDED', result: retried('approved', { channel: 'voice', availableChannels: ALL }) },
      at(30_000),
    )
    const session = sessionOf(state)
    if (session === undefined) throw new Error('no session')
    const stored = parseSession(serializeSession(session))
    expect(stored).toMatchObject({ channel: 'voice', availableChannels: ALL })
    const older = JSON.parse(serializeSession(session)) as Record<string, unknown>
    delete older.channel
    delete older.availableChannels
    expect(parseSession(JSON.stringify(older))).toMatchObject({ authenticationUuid: 'auth-1', channel: undefined })
  })
})
