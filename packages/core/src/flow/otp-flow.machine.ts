import { errorGroup, type KnownOtpErrorCode } from '../error-codes'
import { OtpError } from '../errors'
import type { CaptchaChallenge, CheckResult, CreateAuthenticationResult, OtpChannel, RetryResult } from '../types'
import { estimateClockOffset, toLocalTime } from './clock-offset'

/* ---- States ---- */

/** Every state of the flow, in the order a user usually meets them. */
export const FLOW_STATUSES = [
  'idle',
  'sending',
  'humanCheck',
  'awaitingCode',
  'checking',
  'verified',
  'expired',
  'blocked',
  'error',
] as const
export type FlowStatus = (typeof FLOW_STATUSES)[number]

/**
 * Codes of the errors the flow itself raises from the answers (besides the client's own `OtpError` codes).
 *
 * | code | when |
 * |---|---|
 * | `invalid_code` | the check answered `invalid` |
 * | `expired` | the authentication expired (answer `expired_auth`, or `expiresAt` passed) |
 * | `spam_detected` | the send answered `spam_detected` |
 * | `rate_limited` | a send, check or resend answered `rate_limited`, or the last check `maxAttempts` allows was wrong |
 * | `resend_denied` | the resend answered `denied` |
 * | `without_attempt` | the check or resend found no code sent (`without_attempt`, `no_attempt`) |
 * | `already_validated` | the authentication was validated before, without a token for this flow |
 * | `unknown_status` | the answer carried a status outside the contract (see the error's message) |
 */
export const FLOW_ERROR_CODES = [
  'invalid_code',
  'expired',
  'spam_detected',
  'rate_limited',
  'resend_denied',
  'without_attempt',
  'already_validated',
  'unknown_status',
] as const satisfies readonly KnownOtpErrorCode[]
export type FlowErrorCode = (typeof FLOW_ERROR_CODES)[number]

/** Whether a resend can be asked for now: `waiting` for its deadline, `available`, or `exhausted` (none left). */
export type ResendStatus = 'waiting' | 'available' | 'exhausted'

/**
 * One authentication in progress: what the flow must remember between the send and the check.
 * Every time in it is on the local clock (server times are corrected by `clockOffset`). It never holds a code.
 */
export interface FlowSession {
  /** E.164 number the code was sent to. */
  phoneNumber: string
  authenticationUuid: string
  /** The endpoint's signed token, passed back on check and resend. */
  flowToken: string | undefined
  /** When the first code was sent. */
  sentAt: Date
  /** When the code stops working, when the server said. */
  expiresAt: Date | undefined
  /** When a resend becomes possible: the server's `nextRetryAt`, or the send time plus the `resendDelay`. */
  resendAvailableAt: Date
  /** Resends left, when the server said. */
  remainingResends: number | undefined
  /** Checks left, when known (see `FlowContext.maxAttempts`). */
  attemptsLeft: number | undefined
  /** Milliseconds the server's clock runs ahead of the local one. */
  clockOffset: number
  /** The channel the code went out on (`sms`, `whatsapp`, `voice`), when the endpoint said. */
  channel?: OtpChannel | undefined
  /**
   * The channels the user may ask for on a resend (`RESEND` with a `channel`), the one in use among them, when the
   * endpoint said.
   */
  availableChannels?: readonly OtpChannel[] | undefined
}

export interface IdleState {
  status: 'idle'
  /** The number typed before, kept after "change number" or a failure so the field can show it again. */
  phoneNumber: string | undefined
  /** The authentication left by "change number": sending to the same number again resumes it instead of sending a new code. */
  previous: FlowSession | undefined
  /**
   * `true` when the flow came back here because the proof of a verified number expired (`verificationExpiresAt`
   * passed): the number needs a new code before the app's backend accepts it again.
   */
  verificationExpired?: boolean
}

export interface SendingState {
  status: 'sending'
  /** `send`: a first code (or a new one after expiry); `resend`: the user's resend of the current authentication. */
  reason: 'send'
  phoneNumber: string
  /** The token of the human check just passed, sent with this send (`captchaToken`). */
  captchaToken?: string
  /** The channel asked for (`send(number, { channel })`, or a new code after expiry asked on a channel). */
  requestedChannel?: OtpChannel | undefined
}

/**
 * The endpoint asked for a human check before it sends a code (403 `captcha_required`), and the app can show one
 * (`FlowContext.humanCheck`): the widget `challenge` names is shown (or its token fetched), and its token
 * (`HUMAN_CHECK_PASSED`) sends the code to the same number.
 */
export interface HumanCheckState {
  status: 'humanCheck'
  /** The number the code goes to once the check is passed. */
  phoneNumber: string
  /** The widget the endpoint asks for: vendor and site key. */
  challenge: CaptchaChallenge
  /**
   * Why the last check did not get through: the widget failed (`HUMAN_CHECK_FAILED`), or the endpoint refused its
   * token (`captcha_required` again); `undefined` on the first ask.
   */
  error: OtpError | undefined
  /** The channel the send asked for, kept for the send the passed check makes. */
  requestedChannel?: OtpChannel | undefined
}

export interface ResendingState extends FlowSession {
  status: 'sending'
  reason: 'resend'
  lastRejectedCode: string | undefined
  /** The channel this resend switches to, or `undefined` to resend on the channel in use. */
  requestedChannel?: OtpChannel | undefined
}

export interface AwaitingCodeState extends FlowSession {
  status: 'awaitingCode'
  resendStatus: ResendStatus
  /** Why the last check or resend did not succeed (`invalid_code`, a network failure, …); the code can still be entered. */
  error: OtpError | undefined
  /** The last code the server rejected: submitting it again is ignored and costs no request. */
  lastRejectedCode: string | undefined
}

export interface CheckingState extends FlowSession {
  status: 'checking'
  /** The code being checked. */
  code: string
  resendStatus: ResendStatus
  lastRejectedCode: string | undefined
}

export interface VerifiedState {
  status: 'verified'
  phoneNumber: string
  authenticationUuid: string
  /** Proof for the app's backend (`verifyPhoneToken`), when the endpoint issued one. The sandbox and Ding itself issue none. */
  verificationToken: string | undefined
  /**
   * When the backend stops accepting `verificationToken`, on the local clock, when the answer said. At that time
   * `CLOCK_CHECKED` returns the flow to `idle` with the number kept and `verificationExpired: true`.
   */
  verificationExpiresAt: Date | undefined
}

/** What a reload needs to show a verified number again until its proof expires. It never holds a code. */
export interface VerifiedRecord {
  phoneNumber: string
  authenticationUuid: string
  verificationToken: string
  /** On the local clock. */
  verificationExpiresAt: Date
}

export interface ExpiredState {
  status: 'expired'
  phoneNumber: string
  /** Code `expired`. */
  error: OtpError
}

export interface BlockedState {
  status: 'blocked'
  phoneNumber: string
  /**
   * What was refused: sending a code to this number (`send`), or checking more codes of this authentication (`check`:
   * too many wrong codes, and only a new code, `send()` to the same number, helps).
   */
  cause: 'send' | 'check'
  /** `spam_detected` or `rate_limited`. */
  error: OtpError
  /** When sending becomes possible again, when known; the flow then returns to `idle` by itself. */
  until: Date | undefined
}

export interface ErrorState {
  status: 'error'
  phoneNumber: string
  /** Why the send failed; `error.retryable` tells whether sending again can help. */
  error: OtpError
}

/** The flow's state, told apart by `status`. */
export type FlowState =
  | IdleState
  | SendingState
  | HumanCheckState
  | ResendingState
  | AwaitingCodeState
  | CheckingState
  | VerifiedState
  | ExpiredState
  | BlockedState
  | ErrorState

export const initialFlowState: IdleState = { status: 'idle', phoneNumber: undefined, previous: undefined }

/* ---- Events ---- */

/** Everything that can happen to the flow. `*_SUCCEEDED` / `*_FAILED` carry the answer of the request a state started. */
export type FlowEvent =
  /** The user asks for a code. `known` is a live authentication for this number found elsewhere (e.g. session storage). */
  | { type: 'SEND'; phoneNumber: string; known?: FlowSession | undefined; channel?: OtpChannel | undefined }
  | { type: 'SEND_SUCCEEDED'; result: CreateAuthenticationResult }
  | { type: 'SEND_FAILED'; error: OtpError }
  /** The human check was passed: its token goes with the send, to the same number. */
  | { type: 'HUMAN_CHECK_PASSED'; token: string }
  /** The human check could not be done (the widget failed or its script did not load); it can be tried again. */
  | { type: 'HUMAN_CHECK_FAILED'; error: OtpError }
  /** The user asks to check a code (the contract's `check`). */
  | { type: 'CHECK'; code: string }
  | { type: 'CHECK_SUCCEEDED'; result: CheckResult }
  | { type: 'CHECK_FAILED'; error: OtpError }
  /**
   * The user's resend (before its deadline it is ignored). With `channel`, on that channel ("Call me instead"): one of
   * `availableChannels`, another is ignored. After expiry it sends a new code to the same number.
   */
  | { type: 'RESEND'; channel?: OtpChannel | undefined }
  | { type: 'RESEND_SUCCEEDED'; result: RetryResult }
  | { type: 'RESEND_FAILED'; error: OtpError }
  /** A deadline may have passed: a timer fired, or the tab became visible again. */
  | { type: 'CLOCK_CHECKED' }
  | { type: 'CHANGE_NUMBER' }
  | { type: 'RESET' }
  /** A session read back after a reload. */
  | { type: 'RESTORED'; session: FlowSession }
  /** A verified number read back after a reload, with its proof. */
  | { type: 'VERIFICATION_RESTORED'; verified: VerifiedRecord }

export type FlowEventType = FlowEvent['type']

/** @deprecated Use `{ type: 'CHECK', code }`: the same event under the word the flow uses for it everywhere else. */
export type CodeSubmittedEvent = { type: 'CODE_SUBMITTED'; code: string }

/** What a transition needs besides the state and the event. */
export interface FlowContext {
  /** Current local time, in milliseconds since the epoch, from the injected clock. */
  now: number
  /**
   * Seconds before the first resend when the send answer carries no `nextRetryAt` (Ding's own answer has none).
   * @default 30
   */
  resendDelay?: number
  /**
   * Checks allowed per authentication, when known; `attemptsLeft` stays `undefined` without it until a check answer
   * says how many are left (`remainingAttempts`, which always wins). After the last wrong one the flow is `blocked`
   * (`rate_limited`, cause `check`) at once, and `send()` asks for a new code.
   */
  maxAttempts?: number
  /**
   * Whether the app can show a human check (`useOtpFlow`'s `captcha` option): a send answered `captcha_required` with
   * the widget to show then goes to `humanCheck`. Without it that answer is an `error` like any other, number kept.
   * @default false
   */
  humanCheck?: boolean
}

/** Sessions without an `expiresAt` are resumed for at most this long after their send. */
export const SESSION_LIFETIME_WITHOUT_EXPIRY_MS = 10 * 60 * 1000

const DEFAULT_RESEND_DELAY_SECONDS = 30

/* ---- Guards and helpers ---- */

/** Whether the code of `session` can still be entered at `now`. */
export function isSessionAlive(session: FlowSession, now: number): boolean {
  if (session.expiresAt !== undefined) return now < session.expiresAt.getTime()
  return now - session.sentAt.getTime() < SESSION_LIFETIME_WITHOUT_EXPIRY_MS
}

export function resendStatusOf(session: FlowSession, now: number): ResendStatus {
  if (session.remainingResends === 0) return 'exhausted'
  return now >= session.resendAvailableAt.getTime() ? 'available' : 'waiting'
}

/** Whether a resend would be sent now (the `RESEND` event's guard). */
export function canResend(state: FlowState, now: number): boolean {
  if (state.status === 'expired') return true
  return state.status === 'awaitingCode' && resendStatusOf(state, now) === 'available'
}

/**
 * The next local time (ms) at which `CLOCK_CHECKED` would change `state`: the resend deadline while waiting for it,
 * the code's expiry, or the end of a block. A host sets one timer to it instead of ticking.
 */
export function nextDeadline(state: FlowState, now: number): number | undefined {
  const deadlines: number[] = []
  if (state.status === 'awaitingCode') {
    if (state.resendStatus === 'waiting') deadlines.push(state.resendAvailableAt.getTime())
    deadlines.push(
      state.expiresAt === undefined ? state.sentAt.getTime() + SESSION_LIFETIME_WITHOUT_EXPIRY_MS : state.expiresAt.getTime(),
    )
  }
  if (state.status === 'blocked' && state.until !== undefined) deadlines.push(state.until.getTime())
  if (state.status === 'verified' && state.verificationExpiresAt !== undefined) {
    deadlines.push(state.verificationExpiresAt.getTime())
  }
  if (deadlines.length === 0) return undefined
  // A deadline already behind (a timer that fired late) needs one check now to take effect.
  return Math.max(now, Math.min(...deadlines))
}

/** The authentication in progress, or `undefined` in a state that has none. */
export function sessionOf(state: FlowState): FlowSession | undefined {
  if (
    state.status === 'awaitingCode' ||
    state.status === 'checking' ||
    (state.status === 'sending' && state.reason === 'resend')
  ) {
    return {
      phoneNumber: state.phoneNumber,
      authenticationUuid: state.authenticationUuid,
      flowToken: state.flowToken,
      sentAt: state.sentAt,
      expiresAt: state.expiresAt,
      resendAvailableAt: state.resendAvailableAt,
      remainingResends: state.remainingResends,
      attemptsLeft: state.attemptsLeft,
      clockOffset: state.clockOffset,
      channel: state.channel,
      availableChannels: state.availableChannels,
    }
  }
  return undefined
}

function awaitingCode(
  session: FlowSession,
  now: number,
  error: OtpError | undefined,
  lastRejectedCode: string | undefined,
): AwaitingCodeState {
  return { status: 'awaitingCode', ...session, resendStatus: resendStatusOf(session, now), error, lastRejectedCode }
}

function verified(state: CheckingState, result: CheckResult, verificationToken: string | undefined): VerifiedState {
  // The proof's expiry is on the server's clock, like every deadline of the session.
  const offset = estimateClockOffset(result.meta) ?? state.clockOffset
  return {
    status: 'verified',
    phoneNumber: state.phoneNumber,
    authenticationUuid: state.authenticationUuid,
    verificationToken,
    verificationExpiresAt:
      result.verificationExpiresAt === undefined ? undefined : toLocalTime(result.verificationExpiresAt, offset),
  }
}

function tooManyChecks(phoneNumber: string, message: string): BlockedState {
  return { status: 'blocked', phoneNumber, cause: 'check', error: new OtpError('rate_limited', message), until: undefined }
}

/** `{ requestedChannel }` when one was asked for; nothing otherwise, so states without one stay as they were. */
const channelOf = (channel: OtpChannel | undefined) => (channel === undefined ? {} : { requestedChannel: channel })

function expired(phoneNumber: string): ExpiredState {
  return { status: 'expired', phoneNumber, error: new OtpError('expired', 'The code has expired') }
}

function unknownStatus(rawStatus: string): OtpError {
  return new OtpError('unknown_status', `The server answered with an unknown status "${rawStatus}"`)
}

/**
 * Where a failed check or resend leaves the flow, by the error's group in `ERROR_CODES`. Typed digits and the session
 * survive anything but a lost session (the authentication is gone on the server: no code can succeed any more).
 */
function afterRequestFailed(session: FlowSession, error: OtpError, now: number, lastRejectedCode: string | undefined): FlowState {
  // A token that expired under the code: the code went with it.
  if (error.code === 'expired_token') return expired(session.phoneNumber)
  switch (errorGroup(error.code)) {
    case 'aborted':
      return awaitingCode(session, now, undefined, lastRejectedCode)
    case 'session':
      return { status: 'error', phoneNumber: session.phoneNumber, error }
    default:
      return awaitingCode(session, now, error, lastRejectedCode)
  }
}

/** The session after a resend failed: a channel the endpoint refused (`unsupported_channel`) is offered no more. */
function withoutRefusedChannel(state: ResendingState, error: OtpError): FlowSession {
  const session = sessionOf(state) as FlowSession
  const refused = state.requestedChannel
  if (error.code !== 'unsupported_channel' || refused === undefined || session.availableChannels === undefined) return session
  return { ...session, availableChannels: session.availableChannels.filter((channel) => channel !== refused) }
}

/* ---- Transitions ---- */

function onSendSucceeded(phoneNumber: string, result: CreateAuthenticationResult, context: FlowContext): FlowState {
  const { now } = context
  const offset = estimateClockOffset(result.meta, result.createdAt) ?? 0
  switch (result.status) {
    case 'pending': {
      const resendDelayMs = (context.resendDelay ?? DEFAULT_RESEND_DELAY_SECONDS) * 1000
      const session: FlowSession = {
        phoneNumber,
        authenticationUuid: result.authenticationUuid,
        flowToken: result.flowToken,
        sentAt: new Date(now),
        expiresAt: result.expiresAt === undefined ? undefined : toLocalTime(result.expiresAt, offset),
        resendAvailableAt:
          result.nextRetryAt === undefined ? new Date(now + resendDelayMs) : toLocalTime(result.nextRetryAt, offset),
        remainingResends: result.remainingRetry,
        attemptsLeft: context.maxAttempts,
        clockOffset: offset,
        channel: result.channel,
        availableChannels: result.availableChannels,
      }
      return awaitingCode(session, now, undefined, undefined)
    }
    case 'rate_limited':
      return {
        status: 'blocked',
        phoneNumber,
        cause: 'send',
        error: new OtpError('rate_limited', 'Too many codes were requested for this number'),
        until: result.nextRetryAt === undefined ? undefined : toLocalTime(result.nextRetryAt, offset),
      }
    case 'spam_detected':
      return {
        status: 'blocked',
        phoneNumber,
        cause: 'send',
        error: new OtpError('spam_detected', 'This request was flagged as spam'),
        until: undefined,
      }
    case 'unknown':
      return { status: 'error', phoneNumber, error: unknownStatus(result.rawStatus) }
    default:
      return result.status satisfies never
  }
}

/** Where a failed send leaves the flow, by the error's group in `ERROR_CODES`. */
function onSendFailed(state: SendingState, error: OtpError, context: FlowContext): FlowState {
  const { phoneNumber } = state
  const { now } = context
  // A number flagged as fraud is blocked, as when the send answers `spam_detected`; the number's other faults are errors.
  if (error.code === 'spam_detected') return { status: 'blocked', phoneNumber, cause: 'send', error, until: undefined }
  switch (errorGroup(error.code)) {
    case 'challenge':
      // Asked for a human check the app can show. A send that carried a token and is asked again had its token refused.
      if (context.humanCheck && error.captcha !== undefined) {
        return {
          status: 'humanCheck',
          phoneNumber,
          challenge: error.captcha,
          error: state.captchaToken === undefined ? undefined : error,
          ...channelOf(state.requestedChannel),
        }
      }
      return { status: 'error', phoneNumber, error }
    case 'aborted':
      return { status: 'idle', phoneNumber, previous: undefined }
    case 'wait': {
      // Sending to this number waits for the limit's end, when the answer said it (Retry-After).
      const until = error.retryAfter === undefined ? undefined : new Date(now + error.retryAfter * 1000)
      return { status: 'blocked', phoneNumber, cause: 'send', error, until }
    }
    default:
      return { status: 'error', phoneNumber, error }
  }
}

function onCheckSucceeded(state: CheckingState, result: CheckResult, now: number): FlowState {
  const session = sessionOf(state) as FlowSession
  switch (result.status) {
    case 'valid':
      return verified(state, result, result.verificationToken)
    case 'invalid': {
      // The server's count wins: it also counts checks made before a reload or from another tab.
      const attemptsLeft =
        result.remainingAttempts ?? (state.attemptsLeft === undefined ? undefined : Math.max(0, state.attemptsLeft - 1))
      if (attemptsLeft === 0) {
        // Checks are counted per authentication and a resend keeps the authentication, so a resent code could never be
        // checked: only a new send helps. This is where the server's next check would leave the flow anyway.
        return tooManyChecks(state.phoneNumber, 'Too many wrong codes were tried')
      }
      const error = new OtpError('invalid_code', 'The code is not correct')
      return awaitingCode({ ...session, attemptsLeft }, now, error, state.code)
    }
    case 'rate_limited':
      return tooManyChecks(state.phoneNumber, 'Too many codes were tried')
    case 'expired_auth':
      return expired(state.phoneNumber)
    case 'already_validated':
      // A retried check whose first answer was lost lands here; only a token proves anything to the app's backend.
      if (result.verificationToken !== undefined) return verified(state, result, result.verificationToken)
      return {
        status: 'error',
        phoneNumber: state.phoneNumber,
        error: new OtpError('already_validated', 'This code was already used'),
      }
    case 'without_attempt':
      return { status: 'error', phoneNumber: state.phoneNumber, error: new OtpError('without_attempt', 'No code was sent') }
    case 'unknown':
      return awaitingCode(session, now, unknownStatus(result.rawStatus), state.lastRejectedCode)
    default:
      return result.status satisfies never
  }
}

function onResendSucceeded(state: ResendingState, result: RetryResult, context: FlowContext): FlowState {
  const { now } = context
  const offset = estimateClockOffset(result.meta, result.createdAt) ?? state.clockOffset
  const base = sessionOf(state) as FlowSession
  const nextRetryAt = result.nextRetryAt === undefined ? undefined : toLocalTime(result.nextRetryAt, offset)
  switch (result.status) {
    case 'approved': {
      const resendDelayMs = (context.resendDelay ?? DEFAULT_RESEND_DELAY_SECONDS) * 1000
      const remainingResends =
        result.remainingRetry ?? (base.remainingResends === undefined ? undefined : Math.max(0, base.remainingResends - 1))
      const session: FlowSession = {
        ...base,
        flowToken: result.flowToken ?? base.flowToken,
        resendAvailableAt: nextRetryAt ?? new Date(now + resendDelayMs),
        remainingResends,
        clockOffset: offset,
        // The code went out on the channel asked for: the endpoint says so, and a client of an older one knows it.
        channel: result.channel ?? state.requestedChannel ?? base.channel,
        availableChannels: result.availableChannels ?? base.availableChannels,
      }
      // A new code was sent, so a code rejected before may be the right one now.
      return awaitingCode(session, now, undefined, undefined)
    }
    case 'denied': {
      const session: FlowSession = {
        ...base,
        resendAvailableAt: nextRetryAt ?? base.resendAvailableAt,
        remainingResends: result.remainingRetry ?? base.remainingResends,
        // A switch denied before the deadline: the code in use stays where it went.
        channel: result.channel ?? base.channel,
        availableChannels: result.availableChannels ?? base.availableChannels,
      }
      return awaitingCode(session, now, new OtpError('resend_denied', 'A new code cannot be sent yet'), state.lastRejectedCode)
    }
    case 'rate_limited': {
      const error = new OtpError('rate_limited', 'No more codes can be sent for this number')
      return awaitingCode({ ...base, remainingResends: 0 }, now, error, state.lastRejectedCode)
    }
    case 'expired_auth':
      return expired(state.phoneNumber)
    case 'already_validated':
      return {
        status: 'error',
        phoneNumber: state.phoneNumber,
        error: new OtpError('already_validated', 'This code was already used'),
      }
    case 'no_attempt':
      return { status: 'error', phoneNumber: state.phoneNumber, error: new OtpError('without_attempt', 'No code was sent') }
    case 'unknown':
      return awaitingCode(base, now, unknownStatus(result.rawStatus), state.lastRejectedCode)
    default:
      return result.status satisfies never
  }
}

function onClockChecked(state: FlowState, now: number): FlowState {
  if (state.status === 'awaitingCode') {
    if (!isSessionAlive(state, now)) return expired(state.phoneNumber)
    const resendStatus = resendStatusOf(state, now)
    return resendStatus === state.resendStatus ? state : { ...state, resendStatus }
  }
  if (state.status === 'blocked' && state.until !== undefined && now >= state.until.getTime()) {
    return { status: 'idle', phoneNumber: state.phoneNumber, previous: undefined }
  }
  if (state.status === 'verified' && state.verificationExpiresAt !== undefined && now >= state.verificationExpiresAt.getTime()) {
    return { status: 'idle', phoneNumber: state.phoneNumber, previous: undefined, verificationExpired: true }
  }
  return state
}

/**
 * The flow's one transition function: the next state for `event` in `state`. Pure: no I/O, no timers, time from `context.now`.
 * An event that does not apply in a state returns the very same state object, so callers can compare by identity.
 *
 * @example
 * let state: FlowState = initialFlowState
 * state = transition(state, { type: 'SEND', phoneNumber: '+14155552671' }, { now: clock.now() }) // sending
 */
export function transition(state: FlowState, event: FlowEvent | CodeSubmittedEvent, context: FlowContext): FlowState {
  const { now } = context
  if (event.type === 'CODE_SUBMITTED') return transition(state, { type: 'CHECK', code: event.code }, context)
  switch (event.type) {
    case 'SEND': {
      // A block with a known end holds for its number until then; another number, or a block without an end, may try again.
      const unblocked = state.status === 'blocked' && (event.phoneNumber !== state.phoneNumber || state.until === undefined)
      // A verified number can be verified again (a new proof, before or after the last one expires), or another one.
      // A send during a human check starts over without a token: the endpoint says again whether it needs one.
      const restartable =
        state.status === 'idle' ||
        state.status === 'error' ||
        state.status === 'expired' ||
        state.status === 'verified' ||
        state.status === 'humanCheck'
      if (!restartable && !unblocked) return state
      const candidate =
        event.known ?? (state.status === 'idle' && state.previous?.phoneNumber === event.phoneNumber ? state.previous : undefined)
      // Going back and entering the same number again keeps its code and resend deadline (no new SMS, no reset countdown).
      if (
        state.status !== 'expired' &&
        candidate !== undefined &&
        candidate.phoneNumber === event.phoneNumber &&
        candidate.attemptsLeft !== 0 &&
        isSessionAlive(candidate, now)
      ) {
        return awaitingCode(candidate, now, undefined, undefined)
      }
      return { status: 'sending', reason: 'send', phoneNumber: event.phoneNumber, ...channelOf(event.channel) }
    }
    case 'SEND_SUCCEEDED':
      if (state.status !== 'sending' || state.reason !== 'send') return state
      return onSendSucceeded(state.phoneNumber, event.result, context)
    case 'SEND_FAILED':
      if (state.status !== 'sending' || state.reason !== 'send') return state
      return onSendFailed(state, event.error, context)
    case 'HUMAN_CHECK_PASSED':
      if (state.status !== 'humanCheck' || event.token === '') return state
      return {
        status: 'sending',
        reason: 'send',
        phoneNumber: state.phoneNumber,
        captchaToken: event.token,
        ...channelOf(state.requestedChannel),
      }
    case 'HUMAN_CHECK_FAILED':
      if (state.status !== 'humanCheck') return state
      return { ...state, error: event.error }
    case 'CHECK': {
      if (state.status !== 'awaitingCode') return state
      if (event.code === '' || event.code === state.lastRejectedCode || state.attemptsLeft === 0) return state
      if (!isSessionAlive(state, now)) return expired(state.phoneNumber)
      return {
        status: 'checking',
        ...(sessionOf(state) as FlowSession),
        code: event.code,
        resendStatus: state.resendStatus,
        lastRejectedCode: state.lastRejectedCode,
      }
    }
    case 'CHECK_SUCCEEDED':
      if (state.status !== 'checking') return state
      return onCheckSucceeded(state, event.result, now)
    case 'CHECK_FAILED':
      if (state.status !== 'checking') return state
      return afterRequestFailed(sessionOf(state) as FlowSession, event.error, now, state.lastRejectedCode)
    case 'RESEND':
      // After expiry a new code is sent, on the channel asked for if any (the expired state knows no offer to check).
      if (state.status === 'expired')
        return { status: 'sending', reason: 'send', phoneNumber: state.phoneNumber, ...channelOf(event.channel) }
      if (state.status !== 'awaitingCode' || resendStatusOf(state, now) !== 'available') return state
      // A channel not on offer costs no request, as a resend before its deadline.
      if (
        event.channel !== undefined &&
        state.availableChannels !== undefined &&
        !state.availableChannels.includes(event.channel)
      )
        return state
      return {
        status: 'sending',
        reason: 'resend',
        ...(sessionOf(state) as FlowSession),
        lastRejectedCode: state.lastRejectedCode,
        ...(event.channel === undefined || event.channel === state.channel ? {} : { requestedChannel: event.channel }),
      }
    case 'RESEND_SUCCEEDED':
      if (state.status !== 'sending' || state.reason !== 'resend') return state
      return onResendSucceeded(state, event.result, context)
    case 'RESEND_FAILED':
      if (state.status !== 'sending' || state.reason !== 'resend') return state
      return afterRequestFailed(withoutRefusedChannel(state, event.error), event.error, now, state.lastRejectedCode)
    case 'CLOCK_CHECKED':
      return onClockChecked(state, now)
    case 'CHANGE_NUMBER':
      if (state.status === 'idle') return state
      // From `verified` too: the proof stays with the app, which decides whether a new number replaces it.
      return { status: 'idle', phoneNumber: state.phoneNumber, previous: sessionOf(state) }
    case 'RESET':
      return state === initialFlowState ? state : initialFlowState
    case 'RESTORED':
      if (state.status !== 'idle') return state
      if (isSessionAlive(event.session, now)) return awaitingCode(event.session, now, undefined, undefined)
      if (event.session.expiresAt !== undefined) return expired(event.session.phoneNumber)
      return { status: 'idle', phoneNumber: event.session.phoneNumber, previous: undefined }
    case 'VERIFICATION_RESTORED': {
      if (state.status !== 'idle') return state
      const { phoneNumber, authenticationUuid, verificationToken, verificationExpiresAt } = event.verified
      if (now >= verificationExpiresAt.getTime()) {
        return { status: 'idle', phoneNumber, previous: undefined, verificationExpired: true }
      }
      return { status: 'verified', phoneNumber, authenticationUuid, verificationToken, verificationExpiresAt }
    }
    default:
      return event satisfies never
  }
}
