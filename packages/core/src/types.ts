/**
 * The OTP contract in TypeScript terms: camelCase names, `Date` times.
 * On the wire (Ding's API and the app's endpoint) the same fields are snake_case JSON.
 */

/** Statuses of a send (`createAuthentication`). `unknown` stands for a value outside the contract; see `rawStatus`. */
export const AUTHENTICATION_STATUSES = ['pending', 'rate_limited', 'spam_detected'] as const
export type AuthenticationStatus = (typeof AUTHENTICATION_STATUSES)[number] | 'unknown'

/** Statuses of a `check`. A wrong code is `invalid` (HTTP 200), not an error. */
export const CHECK_STATUSES = [
  'valid',
  'invalid',
  'without_attempt',
  'rate_limited',
  'already_validated',
  'expired_auth',
  'unknown',
] as const
export type CheckStatus = (typeof CHECK_STATUSES)[number]

/** Statuses of a `retry` (the user's resend). */
export const RETRY_STATUSES = ['approved', 'denied', 'no_attempt', 'rate_limited', 'expired_auth', 'already_validated'] as const
export type RetryStatus = (typeof RETRY_STATUSES)[number] | 'unknown'

export type DeviceType = 'IOS' | 'ANDROID' | 'WEB'

/**
 * The ways a code can reach the user, as the app's endpoint names them: a text message, a WhatsApp message, or a
 * phone call that reads the code out (for landlines, and for users who cannot read a text). Not Ding's: its API picks
 * the channel itself. The list stays open: an endpoint may offer more, and a client keeps a name it does not know.
 */
export const OTP_CHANNELS = ['sms', 'whatsapp', 'voice'] as const
export type KnownOtpChannel = (typeof OTP_CHANNELS)[number]
/** A channel: one of {@link OTP_CHANNELS}, or another name an endpoint offers. */
export type OtpChannel = KnownOtpChannel | (string & {})

/** The human-check widgets the app's endpoint can ask for (`captcha_required`). The list stays open. */
export const CAPTCHA_PROVIDERS = ['turnstile', 'hcaptcha', 'recaptcha'] as const
export type KnownCaptchaProvider = (typeof CAPTCHA_PROVIDERS)[number]
/** A widget vendor: one of {@link CAPTCHA_PROVIDERS}, or another name an endpoint sends. */
export type CaptchaProvider = KnownCaptchaProvider | (string & {})

/**
 * The human check the app's endpoint asks for before it sends a code: the `captcha` of a 403 `captcha_required`
 * answer (`{ provider, site_key }` on the wire), on `OtpError.captcha`. Show that vendor's widget with that site key,
 * then send again with its token as `captchaToken`.
 */
export interface CaptchaChallenge {
  provider: CaptchaProvider
  /** The widget's public site key (never a secret). */
  siteKey: string
}

/** Options every method takes. */
export interface RequestOptions {
  /** Aborts the request; the method then rejects with `OtpError('aborted')`. */
  signal?: AbortSignal
}

/** What the client read off the HTTP response besides its body. */
export interface ResponseMeta {
  /** The response's `Date` header, when present: the server's clock at answer time (second precision). */
  serverDate?: Date
  /** Local time when the response arrived, from the client's clock. */
  receivedAt: Date
}

export interface CreateAuthenticationInput {
  /** E.164, e.g. `+14155552671`. */
  phoneNumber: string
  /** BCP-47 language for the SMS, e.g. `fr-FR`. */
  locale?: string
  deviceType?: DeviceType
  appVersion?: string
  isReturningUser?: boolean
  /**
   * How the code should reach the user (`sms`, `whatsapp`, `voice`), for the app's endpoint; without it the endpoint
   * uses its first channel (SMS unless configured otherwise). It refuses a channel it does not offer for the number with
   * 400 `unsupported_channel`. Ding's own API has no such field: leave it out when calling Ding.
   */
  channel?: OtpChannel
  /**
   * The token of the human check the app's endpoint asked for (403 `captcha_required`, see `OtpError.captcha`): the
   * widget's answer, sent as `captcha_token`. Single use. Ding's own API has no such field (the Ding client leaves it out).
   */
  captchaToken?: string
  /** The user's IP. Set by the server only; the endpoint ignores a browser's. */
  ip?: string
  deviceId?: string
  osVersion?: string
  deviceModel?: string
  appRealm?: string
  callbackUrl?: string
  templateId?: string
  correlationId?: string
  senderId?: string
}

export interface CreateAuthenticationResult {
  authenticationUuid: string
  status: AuthenticationStatus
  /** The status string as the server sent it. */
  rawStatus: string
  createdAt?: Date
  expiresAt?: Date
  /** When a resend becomes possible. Sent by the app's endpoint and the sandbox; Ding's own answer has none. */
  nextRetryAt?: Date
  /** Resends left. Sent by the app's endpoint and the sandbox. */
  remainingRetry?: number
  /** Sent by the app's endpoint when this send reused the number's open verification instead of starting a new one. */
  resent?: boolean
  /** Signed by the app's endpoint; pass it back on `check` and `retry`. */
  flowToken?: string
  /** The channel the code went out on, when the app's endpoint says (it always does). */
  channel?: OtpChannel
  /**
   * The channels the user may ask for on this authentication (`retry` with a `channel`), the one in use among them,
   * when the app's endpoint says: what its provider and configuration offer for this number.
   */
  availableChannels?: OtpChannel[]
  meta: ResponseMeta
}

export interface CheckInput {
  authenticationUuid: string
  checkCode: string
  /** The `flowToken` from the send answer (required by the app's endpoint, ignored by Ding). */
  flowToken?: string
}

export interface CheckResult {
  authenticationUuid?: string
  status: CheckStatus
  rawStatus: string
  /** Proof of verification, signed by the app's endpoint when `status` is `valid`. */
  verificationToken?: string
  /** When `verificationToken` stops being accepted (sent by the app's endpoint with the token). */
  verificationExpiresAt?: Date
  /**
   * Checks left on this authentication after this one, when the answering side knows it (the app's endpoint and the
   * sandbox send it with `invalid`; Ding's own answer has none).
   */
  remainingAttempts?: number
  meta: ResponseMeta
}

export interface RetryInput {
  authenticationUuid: string
  flowToken?: string
  /**
   * Another way to send the code (`voice` for "Call me instead", `whatsapp`), for the app's endpoint. A switch is a
   * resend: it waits for the same deadline, and counts on the number's limits like a send. Without it the code goes out
   * again on the channel in use.
   */
  channel?: OtpChannel
}

export interface RetryResult {
  authenticationUuid?: string
  status: RetryStatus
  rawStatus: string
  createdAt?: Date
  nextRetryAt?: Date
  remainingRetry?: number
  /** A renewed flow token, when the endpoint issues one (pass the newest back). */
  flowToken?: string
  /** The channel in use after this answer: the new one when a switch was `approved`, else the one before. */
  channel?: OtpChannel
  /** The channels the user may ask for on this authentication, as in the send answer. */
  availableChannels?: OtpChannel[]
  meta: ResponseMeta
}

/**
 * The three operations every implementation speaks: Ding itself, the app's endpoint, the sandbox, a test double.
 * `useOtpFlow` and `<PhoneVerify>` accept any object of this shape.
 */
export interface OtpContract {
  /** Sends a code to a phone number. */
  createAuthentication(input: CreateAuthenticationInput, options?: RequestOptions): Promise<CreateAuthenticationResult>
  /** Checks the code the user typed. */
  check(input: CheckInput, options?: RequestOptions): Promise<CheckResult>
  /** Sends the code again (the user's resend). */
  retry(input: RetryInput, options?: RequestOptions): Promise<RetryResult>
}
