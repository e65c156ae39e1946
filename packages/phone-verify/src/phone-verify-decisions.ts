// What <PhoneVerify> shows for a state of the flow, as plain functions of that state: which step, which message and
// which way out an error gets, what the status region announces. No React here, so a custom UI on `useOtpFlow` can
// say the same things with its own markup.
import {
  type ErrorGroup,
  errorGroup,
  type FlowState,
  isRetryableCode,
  type KnownOtpErrorCode,
  type OtpChannel,
  type OtpError,
  type OtpErrorCode,
  secondsUntil as secondsLeft,
  sessionOf,
} from '@otpflow/core'
import { createMessageFormat, type MessageFormat, type Messages } from './messages'

const errorOf = (flow: FlowState) => ('error' in flow ? flow.error : undefined)

/** The step on screen: the number, the code, or the verified number. */
export type PhoneVerifyStep = 'phone' | 'code' | 'verified'

/**
 * The step a state of the flow is shown on. `previous` is the step shown just before: a new code asked for from the
 * code step (after expiry, after too many wrong codes) is sent from there, rather than flashing the number step.
 *
 * @example
 * const step = stepOf(flow) // 'phone' | 'code' | 'verified'
 */
export function stepOf(flow: FlowState, previous?: PhoneVerifyStep): PhoneVerifyStep {
  switch (flow.status) {
    case 'verified':
      return 'verified'
    case 'awaitingCode':
    case 'checking':
    case 'expired':
      return 'code'
    case 'sending':
      return flow.reason === 'resend' || previous === 'code' ? 'code' : 'phone'
    case 'blocked':
      // Too many wrong codes: the way out is a new code, from where the code was typed.
      return flow.cause === 'check' ? 'code' : 'phone'
    case 'idle':
    case 'error':
    // The human check comes before the code is sent, under the number it is for.
    case 'humanCheck':
      return 'phone'
    default:
      return flow satisfies never
  }
}

/**
 * A send on its way, its human check included until it is done or fails: Send code says "Sending…" and does nothing.
 * A check that failed (`error`) is not pending: Send code starts it over.
 */
export function sendPending(flow: FlowState): boolean {
  return (flow.status === 'sending' && flow.reason === 'send') || (flow.status === 'humanCheck' && flow.error === undefined)
}

/**
 * The way out an error offers, as a button named by the message of the same key: the same request again, another
 * number, or a new code to the same number.
 */
export type ErrorAction = 'tryAgain' | 'changeNumber' | 'sendNewCode'

/** What is said about an error, and where. */
export interface ErrorDescription {
  text: string
  /** The field the error is about: it gets `aria-invalid` and `aria-describedby`. */
  field?: 'phone' | 'code'
  /** The button offered beside the message, if any. */
  action?: ErrorAction
}

export interface DescribeErrorOptions {
  /** Formats the waits and counts. @default `createMessageFormat(messages.locale)` */
  format?: MessageFormat
  /** The current time, from the flow's clock (ms). @default `Date.now()` */
  now?: number
  /** When an error was first shown (ms): its `retryAfter` is counted down from there. @default now */
  shownAt?: (error: OtpError) => number
}

/** A key of `Messages['errors']`: the words for one kind of error. */
export type ErrorMessageKey = keyof Messages['errors']

/** Codes with words of their own; every other code gets its group's (see `errorMessageKey`). */
const CODE_MESSAGES: { readonly [Code in KnownOtpErrorCode]?: ErrorMessageKey } = {
  invalid_phone_number: 'invalidNumber',
  // What the endpoint answers a send whose number it cannot read: the number is the one thing the user typed.
  invalid_request: 'invalidNumber',
  invalid_line: 'landline',
  unsupported_region: 'unsupportedRegion',
  unsupported_channel: 'unsupportedChannel',
  invalid_code: 'wrongCode',
  expired: 'expired',
}

/**
 * The words of each group of codes in core's `ERROR_CODES`. A number that cannot get a code is "blocked" (another
 * number is the way out); the groups left out (a code that can no longer be checked, a lost session, the operator's
 * account, a refused request, a proof, an unforeseen answer) get the general "Something went wrong. Try again.":
 * the user can do nothing about them but start again, which "Try again" does.
 */
const GROUP_MESSAGES: { readonly [Group in ErrorGroup]?: ErrorMessageKey } = {
  phone: 'blocked',
  wait: 'rateLimited',
  network: 'network',
  timeout: 'timeout',
  unavailable: 'unavailable',
  challenge: 'captchaRequired',
}

/**
 * The words an error code gets wherever the state of the flow says nothing more: the code's own, else its group's,
 * else the general message. Every code has one, in every language.
 *
 * @example
 * messages.errors[errorMessageKey('upstream_timeout')] // 'The server took too long to answer. Try again.'
 */
export function errorMessageKey(code: OtpErrorCode): ErrorMessageKey {
  const own = Object.hasOwn(CODE_MESSAGES, code) ? CODE_MESSAGES[code as KnownOtpErrorCode] : undefined
  return own ?? GROUP_MESSAGES[errorGroup(code)] ?? 'unknown'
}

/**
 * One message and one way out for each error the flow can be in. A button never contradicts its message: a wait is
 * said in the message ("Try again in 4 minutes") with no button beside it, since the controls already on screen
 * (Send code, the code field) work again once it is over.
 *
 * @example
 * const error = describeError(flow, fr, { now: clock.now() })
 * if (error) return <p role="alert">{error.text}</p>
 */
export function describeError(
  flow: FlowState,
  messages: Messages,
  { format = createMessageFormat(messages.locale), now = Date.now(), shownAt = () => now }: DescribeErrorOptions = {},
): ErrorDescription | undefined {
  const { errors } = messages
  // A wait is never shown as 0 seconds: the message is about a deadline still ahead.
  const secondsUntil = (date: Date | undefined) => (date ? Math.max(1, secondsLeft(date, now)) : undefined)
  if (flow.status === 'expired') return { text: errors.expired, action: 'sendNewCode' }
  if (flow.status === 'idle' && flow.verificationExpired) return { text: errors.verificationExpired }
  const error = errorOf(flow)
  if (!error) return undefined
  const group = errorGroup(error.code)
  // Retry-After counts from the answer: what is left of it now.
  const wait = error.retryAfter === undefined ? undefined : Math.max(1, error.retryAfter - (now - shownAt(error)) / 1000)
  const key = errorMessageKey(error.code)
  const text = key === 'rateLimited' ? errors.rateLimited(wait, format) : errors[key]
  // "Try again", with the error's own words where trying again can help (the network, a timeout, a failing
  // service), and the general words where only starting again can (a lost session, an unforeseen answer).
  const tryAgain: ErrorDescription = { text: isRetryableCode(error.code) ? text : errors.unknown, action: 'tryAgain' }
  if (flow.status === 'awaitingCode') {
    if (error.code === 'invalid_code') {
      // The server's count of checks left, said as a sentence in the locale's plural form.
      const left = flow.attemptsLeft === undefined ? '' : ` ${messages.attemptsLeft(flow.attemptsLeft, format)}`
      return { text: `${errors.wrongCode}${left}`, field: 'code' }
    }
    // A refused resend lasts until the resend deadline the answer gave.
    if (error.code === 'resend_denied') return { text: errors.rateLimited(secondsUntil(flow.resendAvailableAt), format) }
    // A channel refused for the number: the code in use still works, and the other ways are still on screen.
    if (error.code === 'unsupported_channel') return { text: errors.unsupportedChannel }
    if (group === 'wait') return flow.remainingResends === 0 ? { text: errors.noResendsLeft, action: 'changeNumber' } : { text }
    return tryAgain
  }
  if (flow.status === 'blocked') {
    // Checks are counted per code: a new code is the way out, not another number.
    if (flow.cause === 'check') return { text: errors.tooManyAttempts, action: 'sendNewCode' }
    if (group === 'wait') return { text: errors.rateLimited(secondsUntil(flow.until) ?? wait, format) }
    // Any other block is the number's.
    return { text: errors.blocked, field: 'phone', action: 'changeNumber' }
  }
  // The check did not go through (the widget failed, or its token was refused): Send code starts it over.
  if (flow.status === 'humanCheck') return { text: errors.humanCheckFailed }
  if (flow.status === 'error') {
    // The number was refused: the field shows it, and an edit or another country is the way out.
    if (group === 'phone' || key === 'invalidNumber') return { text, field: 'phone' }
    // A human check asked for, and none to show: trying again would be asked the same.
    if (group === 'wait' || group === 'challenge') return { text }
    return tryAgain
  }
  return undefined
}

/** What <PhoneVerify> itself knows of an error the flow does not: the typed number is invalid, a rejected code came again. */
export interface LocalErrors {
  /** The number typed does not validate (the field's own check, before any request). */
  invalidNumber: boolean
  /** The code just rejected was entered again: the flow ignores it, and the user is told so. */
  sameCode: boolean
  /** The user edited the number since the flow's error was shown: the error no longer applies. */
  dismissed: boolean
}

/** The error on screen: what the user just did here comes first, then the flow's own error. */
export function shownError(
  flow: FlowState,
  step: PhoneVerifyStep,
  local: LocalErrors,
  messages: Messages,
  options: DescribeErrorOptions,
): ErrorDescription | undefined {
  if (step === 'phone' && local.invalidNumber) return { text: messages.errors.invalidNumber, field: 'phone' }
  if (local.sameCode) return { text: messages.errors.sameCode, field: 'code' }
  if (local.dismissed) return undefined
  return describeError(flow, messages, options)
}

/**
 * What the status region says, kept as a description rather than text: it is worded when shown, in the current
 * locale, and with the number written in groups once that can be done.
 */
export type Announcement =
  | { kind: 'codeSent'; phoneNumber: string | undefined; channel?: OtpChannel | undefined }
  | { kind: 'codeResumed'; phoneNumber: string | undefined }
  | { kind: 'resendAvailable' }
  | { kind: 'verified' }
  /** The human check's widget came: it is done next. */
  | { kind: 'humanCheck' }

/** A state of the flow with the step it was shown on. */
export interface ShownFlow {
  flow: FlowState
  step: PhoneVerifyStep
}

/** Whether the flow came back to the number step because the proof of the verified number expired. */
const proofExpired = (flow: FlowState) => flow.status === 'idle' && flow.verificationExpired === true

/** The states where the code field is disabled and only a new code helps: expiry, too many wrong codes. */
const deadEnd = (flow: FlowState) => flow.status === 'expired' || (flow.status === 'blocked' && flow.cause === 'check')

// The changes of the shown flow <PhoneVerify> reacts to (with the focus, the typed code, the number shown), one test
// each. Several can hold for one change; `useFlowReactions` reacts in this order, so a later focus wins.

/** The code step came (a code sent, resent, sent after expiry, or one sent before came back): a code is typed next. */
export function codeArrived(before: ShownFlow, after: ShownFlow): boolean {
  const newCode = before.flow.status === 'sending' && after.flow.status === 'awaitingCode' && !after.flow.error
  return after.step === 'code' && (before.step !== 'code' || newCode)
}

/** The number step came back (change number, verify again, a restored number, a proof that expired). */
export function backOnNumber(before: ShownFlow, after: ShownFlow): boolean {
  return after.step === 'phone' && (before.step !== 'phone' || (proofExpired(after.flow) && !proofExpired(before.flow)))
}

/** The code was accepted, or a verified number came back after a reload. */
export function justVerified(before: ShownFlow, after: ShownFlow): boolean {
  return after.step === 'verified' && before.step !== 'verified'
}

/** The code field closed (expiry, too many wrong codes): only the error's way out, a new code, helps. */
export function deadEndReached(before: ShownFlow, after: ShownFlow): boolean {
  return deadEnd(after.flow) && !deadEnd(before.flow)
}

/** A new code is on its way from a dead end, whose way out went away with it. */
export function leftDeadEnd(before: ShownFlow, after: ShownFlow): boolean {
  return after.step === 'code' && after.flow.status === 'sending' && deadEnd(before.flow)
}

/** The endpoint asked for a human check (not the same one again, refused or failed): its widget is done next. */
export function humanCheckOpened(before: ShownFlow, after: ShownFlow): boolean {
  return after.flow.status === 'humanCheck' && before.flow.status !== 'humanCheck' && after.flow.error === undefined
}

/** The human check was passed: the code is on its way, and the widget has gone. */
export function humanCheckPassed(before: ShownFlow, after: ShownFlow): boolean {
  return before.flow.status === 'humanCheck' && after.flow.status === 'sending'
}

/**
 * A code was sent again on another channel ("Call me instead"). The code being typed stays: Prelude and Twilio read out
 * or send the same code again, and the user may be typing it as the call reads it.
 */
export function channelSwitched(before: ShownFlow, after: ShownFlow): boolean {
  const was = before.flow
  return (
    was.status === 'sending' &&
    was.reason === 'resend' &&
    was.requestedChannel !== undefined &&
    after.flow.status === 'awaitingCode' &&
    !after.flow.error
  )
}

/** A wrong code was answered. */
export function codeRejected(before: ShownFlow, after: ShownFlow): boolean {
  const { flow } = after
  return flow.status === 'awaitingCode' && flow.error?.code === 'invalid_code' && flow.error !== errorOf(before.flow)
}

/** A resend failed, leaving its button disabled (counting down, or none left). */
export function resendFailed(before: ShownFlow, after: ShownFlow): boolean {
  const was = before.flow
  return was.status === 'sending' && was.reason === 'resend' && after.flow.status === 'awaitingCode' && !!after.flow.error
}

/**
 * What the status region says after the flow moved from `before` to `after`: a new announcement, `null` to empty it,
 * or `undefined` to leave it as it is. A new send empties it, so that its "Code sent to …" is announced even when
 * the text is the same as before; coming back to the number empties it, so that coming back to the same code later
 * is announced again.
 */
export function announcementAfter(before: ShownFlow, after: ShownFlow): Announcement | null | undefined {
  if (before.flow === after.flow) return undefined
  if (after.flow.status === 'sending' && before.flow.status !== 'sending') return null
  if (codeArrived(before, after)) {
    // A code was sent (first, resent, or after expiry), or one sent before came back (a reload, the same number
    // again) without any SMS: say which.
    if (before.flow.status !== 'sending') return { kind: 'codeResumed', phoneNumber: after.flow.phoneNumber }
    return { kind: 'codeSent', phoneNumber: after.flow.phoneNumber, channel: sessionOf(after.flow)?.channel }
  }
  if (justVerified(before, after)) return { kind: 'verified' }
  if (backOnNumber(before, after)) return null
  return undefined
}

/**
 * The words of an announcement. A number is said once `formatNumber` writes it in groups ("+44 7700 900123"); while
 * it gives `undefined` nothing is said, rather than one long figure.
 */
export function announcementText(
  announcement: Announcement | undefined,
  messages: Messages,
  format: MessageFormat,
  formatNumber: (e164: string) => string | undefined = (e164) => e164,
): string {
  if (!announcement) return ''
  if (announcement.kind === 'verified' || announcement.kind === 'resendAvailable') return messages[announcement.kind]
  if (announcement.kind === 'humanCheck') return messages.humanCheckHint
  const number = announcement.phoneNumber === undefined ? '' : formatNumber(announcement.phoneNumber)
  if (number === undefined) return ''
  if (announcement.kind === 'codeSent') return codeSentText(announcement.channel, number, messages, format)
  return messages.codeResumed(number, format)
}

/**
 * Where the code went, by its channel: "Code sent to …" (a text message, or a channel without words of its own),
 * "We called …", "Code sent on WhatsApp to …".
 */
export function codeSentText(
  channel: OtpChannel | undefined,
  phoneNumber: string,
  messages: Messages,
  format: MessageFormat,
): string {
  if (channel === 'voice') return messages.codeCalled(phoneNumber, format)
  if (channel === 'whatsapp') return messages.codeSentOnWhatsApp(phoneNumber, format)
  return messages.codeSentTo(phoneNumber, format)
}

/** The code field's hint, by the channel the code went on: from the text message, heard in the call, from WhatsApp. */
export function codeHintText(
  channel: OtpChannel | undefined,
  codeLength: number,
  messages: Messages,
  format: MessageFormat,
): string {
  if (channel === 'voice') return messages.codeHintVoice(codeLength, format)
  if (channel === 'whatsapp') return messages.codeHintWhatsApp(codeLength, format)
  return messages.codeHint(codeLength, format)
}
