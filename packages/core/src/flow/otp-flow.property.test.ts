import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OtpError } from '../errors'
import { AUTHENTICATION_STATUSES, CHECK_STATUSES, RETRY_STATUSES } from '../types'
import { type FlowEvent, type FlowState, initialFlowState, transition } from './otp-flow.machine'

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const PHONES = ['+14155552671', '+33612345678'] as const
const CODES = ['123456', '000000', '654321', ''] as const
const ERROR_CODES = ['network_error', 'timeout', 'rate_limited', 'invalid_request', 'upstream_error', 'captcha_required'] as const
const CHALLENGE = { provider: 'turnstile', siteKey: 'site-key' }

/** A server time relative to "now" of the step, in seconds, or none. */
const deadline = fc.option(fc.integer({ min: -120, max: 900 }), { nil: undefined })

/**
 * One step of a user's session: some time passes, then one event (a user action or an answer, in any order). Weighted
 * towards what users do most (send, enter codes, press resend) so that most sessions reach the code step.
 */
const step = fc.record({
  elapsedMs: fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 5_000 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 700_000 }), weight: 1 },
  ),
  event: fc.oneof(
    { arbitrary: fc.record({ type: fc.constant('SEND' as const), phone: fc.constantFrom(...PHONES) }), weight: 3 },
    {
      arbitrary: fc.record({
        type: fc.constant('SEND_SUCCEEDED' as const),
        status: fc.oneof({ arbitrary: fc.constant('pending' as const), weight: 4 }, fc.constantFrom(...AUTHENTICATION_STATUSES)),
        expiresIn: fc.oneof({ arbitrary: fc.constant(600), weight: 3 }, deadline),
        retryIn: fc.oneof({ arbitrary: fc.constant(30), weight: 3 }, deadline),
        remaining: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.record({
        type: fc.constantFrom('SEND_FAILED', 'CHECK_FAILED', 'RESEND_FAILED'),
        code: fc.constantFrom(...ERROR_CODES),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ type: fc.constant('CHECK' as const), code: fc.constantFrom(...CODES) }), weight: 5 },
    {
      arbitrary: fc.record({
        type: fc.constant('CHECK_SUCCEEDED' as const),
        status: fc.oneof({ arbitrary: fc.constant('invalid' as const), weight: 4 }, fc.constantFrom(...CHECK_STATUSES)),
      }),
      weight: 3,
    },
    { arbitrary: fc.record({ type: fc.constant('RESEND' as const) }), weight: 4 },
    {
      arbitrary: fc.record({
        type: fc.constant('RESEND_SUCCEEDED' as const),
        status: fc.constantFrom(...RETRY_STATUSES),
        retryIn: deadline,
        remaining: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      }),
      weight: 2,
    },
    { arbitrary: fc.record({ type: fc.constantFrom('CLOCK_CHECKED', 'CHANGE_NUMBER', 'RESET') }), weight: 1 },
    // The endpoint asks for a human check, and the user passes it (or the widget fails).
    {
      arbitrary: fc.record({ type: fc.constant('SEND_FAILED' as const), code: fc.constant('captcha_required' as const) }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        type: fc.constantFrom('HUMAN_CHECK_PASSED', 'HUMAN_CHECK_FAILED'),
        token: fc.constantFrom('t1', 't1', ''),
      }),
      weight: 4,
    },
  ),
})

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never

const at = (now: number, seconds: number | undefined) => (seconds === undefined ? undefined : new Date(now + seconds * 1000))

function toEvent({ event }: Step, now: number): FlowEvent {
  const meta = { receivedAt: new Date(now) }
  switch (event.type) {
    case 'SEND':
      return { type: 'SEND', phoneNumber: event.phone }
    case 'SEND_SUCCEEDED':
      return {
        type: 'SEND_SUCCEEDED',
        result: {
          authenticationUuid: 'auth-1',
          status: event.status,
          rawStatus: event.status,
          createdAt: new Date(now),
          expiresAt: at(now, event.expiresIn),
          nextRetryAt: at(now, event.retryIn),
          remainingRetry: event.remaining,
          flowToken: 'token-1',
          meta,
        },
      }
    case 'SEND_FAILED':
    case 'CHECK_FAILED':
    case 'RESEND_FAILED':
      // The endpoint names the widget when it asks for a human check.
      return {
        type: event.type,
        error: new OtpError(event.code, event.code, event.code === 'captcha_required' ? { captcha: CHALLENGE } : {}),
      }
    case 'CHECK':
      return { type: 'CHECK', code: event.code }
    case 'CHECK_SUCCEEDED':
      return {
        type: 'CHECK_SUCCEEDED',
        result: { authenticationUuid: 'auth-1', status: event.status, rawStatus: event.status, meta },
      }
    case 'RESEND':
      return { type: 'RESEND' }
    case 'RESEND_SUCCEEDED':
      return {
        type: 'RESEND_SUCCEEDED',
        result: {
          authenticationUuid: 'auth-1',
          status: event.status,
          rawStatus: event.status,
          nextRetryAt: at(now, event.retryIn),
          remainingRetry: event.remaining,
          meta,
        },
      }
    case 'CLOCK_CHECKED':
    case 'CHANGE_NUMBER':
    case 'RESET':
      return { type: event.type }
    case 'HUMAN_CHECK_PASSED':
      return { type: 'HUMAN_CHECK_PASSED', token: event.token }
    case 'HUMAN_CHECK_FAILED':
      return { type: 'HUMAN_CHECK_FAILED', error: new OtpError('captcha_required', 'the widget failed') }
    default:
      return event satisfies never
  }
}

/** Whether entering `next` from `state` starts a request (a send, a resend or a check). */
const startsRequest = (state: FlowState, next: FlowState) =>
  next !== state && (next.status === 'sending' || next.status === 'checking') && next.status !== state.status

describe('the flow machine under random sessions (any event, in any order, at any time)', () => {
  it('never starts a second request while one is pending, never checks a code it cannot, never resends early', () => {
    let requests = 0
    let humanChecksPassed = 0
    let resendsRefused = 0
    let resubmitsRefused = 0
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let state: FlowState = initialFlowState
        let now = T0
        for (const current of steps) {
          now += current.elapsedMs
          const event = toEvent(current, now)
          const next = transition(state, event, { now, humanCheck: true })

          // Only a user's action starts a request (a human check passed is one); answers, clock checks and navigation never do.
          if (startsRequest(state, next)) {
            requests += 1
            expect(['SEND', 'RESEND', 'CHECK', 'HUMAN_CHECK_PASSED']).toContain(event.type)
          }
          // A human check's token goes with a send to the number it was asked for, and with nothing else.
          if (next !== state && next.status === 'sending' && next.reason === 'send' && next.captchaToken !== undefined) {
            humanChecksPassed += 1
            expect(event.type).toBe('HUMAN_CHECK_PASSED')
            expect(state.status === 'humanCheck' && state.phoneNumber).toBe(next.phoneNumber)
          }
          // A request in flight: the next send, resend or check waits for its answer.
          if (state.status === 'sending' || state.status === 'checking') {
            if (event.type === 'SEND' || event.type === 'RESEND' || event.type === 'CHECK') expect(next).toBe(state)
          }
          if (state.status === 'awaitingCode' && event.type === 'CHECK') {
            // The code just rejected, an empty code or one with no attempt left never reaches the server again.
            if (event.code === '' || event.code === state.lastRejectedCode || state.attemptsLeft === 0) {
              resubmitsRefused += 1
              expect(next).toBe(state)
            }
          }
          if (state.status === 'awaitingCode' && event.type === 'RESEND' && now < state.resendAvailableAt.getTime()) {
            resendsRefused += 1
            expect(next).toBe(state)
          }
          state = next
        }
      }),
      { numRuns: 2000 },
    )
    // The generator reaches the cases the property is about, not only trivial sessions.
    expect(requests).toBeGreaterThan(500)
    expect(humanChecksPassed).toBeGreaterThan(10)
    expect(resendsRefused).toBeGreaterThan(20)
    expect(resubmitsRefused).toBeGreaterThan(10)
  })
})
