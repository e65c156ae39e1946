/**
 * The small interface between the endpoint (`createOtpHandler`) and an OTP provider (Ding, Prelude, Twilio, the sandbox).
 *
 * The handler validates the request, checks the flow token and the limits, then calls exactly one provider method.
 * A provider maps its own API onto these three calls and these statuses. What the provider's API cannot tell the
 * handler later (the phone number at check time, counters, created/expiry times) goes in `state`, which the handler
 * carries inside the signed flow token, or in `ctx.store`.
 *
 * Errors: a provider throws `OtpError` (from `@otpflow/core`) with one of the codes below; the handler maps each code
 * to an HTTP status in one table and never shows the message of a `service_unavailable` to the client (only the log):
 *
 * | code | HTTP | when |
 * |---|---|---|
 * | `invalid_phone_number`, `invalid_line`, `unsupported_region`, `blocked_number` | 400 | the number cannot receive a code |
 * | `unsupported_channel` | 400 | the number cannot receive a code on the channel asked for (no WhatsApp, takes no calls, a channel not enabled) |
 * | `spam_detected` | 403 | the provider refused as fraud (prefer returning `status: 'spam_detected'` from `send`) |
 * | `rate_limited` (+ `retryAfter` seconds) | 429 | the provider's own rate limit |
 * | `service_unavailable` | 503 | bad credentials, suspended account, no balance: the detail goes to the server log only |
 * | `upstream_timeout` | 504 | the provider did not answer in time |
 * | `upstream_error` | 502 | 5xx, HTML, unparsable answer, anything unexpected |
 *
 * Any other error (or a non-`OtpError`) is logged and answered as 502 `upstream_error`.
 */
import type { CheckStatus, Clock, DeviceType, OtpChannel, RetryStatus } from '@otpflow/core'
import type { Store } from '../store'

export type { Store, StoreCounter } from '../store'

/** Data a provider keeps across calls, carried inside the signed flow token (keep it small: it travels in every request). */
export type ProviderState = Record<string, string | number | boolean>

/** What the handler knows about the request besides its body. */
export interface ProviderContext {
  /** The client's IP: from the connection, or a forwarding header only behind a trusted proxy. Never from the body. */
  ip?: string
  /** The client's `User-Agent` header, when present. */
  userAgent?: string
  /** Aborted when the client goes away or the request is cancelled. */
  signal?: AbortSignal
  /** Shared key-value store (the same one the rate limits use): memory by default, Redis or similar on several instances. */
  store: Store
  /** The handler's clock (injectable in tests). */
  clock: Clock
}

/** A validated send request (the browser's fields; the handler has already checked E.164 and the limits). */
export interface ProviderSendInput {
  /** E.164, e.g. `+14155552671`. */
  phoneNumber: string
  /** BCP-47 language for the message, e.g. `fr-FR`. */
  locale?: string
  deviceType?: DeviceType
  appVersion?: string
  isReturningUser?: boolean
  /**
   * How the code should reach the user: one of the provider's {@link OtpProvider.channels}. Absent: its default (the
   * first), sent exactly as a provider without channels sends. The endpoint passes it when the request asked for a
   * channel, or when its configuration's default is not the provider's.
   */
  channel?: OtpChannel
}

/** What a resend asks for besides the flow. */
export interface ProviderRetryInput {
  /**
   * Another channel for this resend (a switch), or the channel in use when it is not the provider's default. Absent:
   * the default, or whatever the provider remembers of the flow. A switch is a resend: an early one is `denied` without
   * sending, like any resend.
   */
  channel?: OtpChannel
}

export interface ProviderSendResult {
  authenticationUuid: string
  status: 'pending' | 'rate_limited' | 'spam_detected'
  createdAt: Date
  /** When the code stops working. The handler puts it in the flow token, so it must be set even if the provider has no such field. */
  expiresAt: Date
  /** When a resend becomes possible. */
  nextRetryAt?: Date
  /** Resends left. */
  remainingRetry?: number
  /** True when the provider reused an existing flow for this number instead of creating one. */
  resent?: boolean
  /** The channel the code went out on, when it is not the one asked for (a reused flow keeps its own). */
  channel?: OtpChannel
  /** Carried in the flow token and handed back on `check` and `retry`. */
  state?: ProviderState
}

/** One authentication as the handler knows it from the verified flow token. */
export interface ProviderFlow {
  authenticationUuid: string
  phoneNumber: string
  createdAt: Date
  expiresAt: Date
  /** The `state` returned by `send`, or by the latest `retry` that returned one. */
  state?: ProviderState
  /** The channel in use, as the endpoint recorded it in the flow token (absent in tokens from before channels). */
  channel?: OtpChannel
  /** When the next resend opens, as the endpoint last recorded it: a switch of channel before then is denied at once. */
  nextRetryAt?: Date
}

export interface ProviderCheckResult {
  status: CheckStatus
  /**
   * Checks the provider still allows on this authentication, when it says (with `invalid`). The endpoint answers the
   * smaller of this and its own budget as `remaining_attempts`.
   */
  remainingAttempts?: number
  /** New state for later calls (the handler only re-issues a flow token on retry, so this is rarely useful). */
  state?: ProviderState
}

export interface ProviderRetryResult {
  status: RetryStatus
  createdAt?: Date
  nextRetryAt?: Date
  remainingRetry?: number
  /** When set, the handler answers with a renewed `flow_token` carrying this state. */
  state?: ProviderState
}

/**
 * An OTP provider as the endpoint calls it.
 *
 * @example
 * const provider: OtpProvider = {
 *   name: 'acme',
 *   async send(input, ctx) { ... return { authenticationUuid, status: 'pending', createdAt, expiresAt } },
 *   async check(flow, code, ctx) { ... return { status: 'valid' } },
 *   async retry(flow, ctx) { ... return { status: 'approved', nextRetryAt } },
 * }
 */
export interface OtpProvider {
  readonly name: 'ding' | 'prelude' | 'twilio' | 'sandbox' | (string & {})
  /**
   * The channels it can deliver codes on (`sms`, `whatsapp`, `voice`…), its default first. The endpoint offers these,
   * or those of its own `channels` option, which must be among them.
   * @default ['sms']
   */
  readonly channels?: readonly OtpChannel[]
  /** Sends a code (Ding's `createAuthentication`). */
  send(input: ProviderSendInput, ctx: ProviderContext): Promise<ProviderSendResult>
  /** Checks the code the user typed. */
  check(flow: ProviderFlow, code: string, ctx: ProviderContext): Promise<ProviderCheckResult>
  /** Sends the code again (the user's resend), on another channel when `input.channel` says so. */
  retry(flow: ProviderFlow, ctx: ProviderContext, input?: ProviderRetryInput): Promise<ProviderRetryResult>
}

/**
 * Builds a provider from environment variables, for `createOtpHandlerFromEnv`.
 * Returns `undefined` when none of its variables is set; throws `Error` naming the missing variable when only some are.
 */
export type ProviderFromEnv = (env: Record<string, string | undefined>) => OtpProvider | undefined
