/**
 * Prelude Verify API V2 (the successor of Ding's V1 API) behind the endpoint's contract.
 *
 * Mapping (see the Prelude reference notes, §10):
 * - send → `POST /verification` with `target`, `signals` (IP, platform, app version, user agent), `options.locale` and
 *   `metadata.correlation_id` (the authentication UUID): only fields of Prelude's request schema (its SDK's
 *   `VerificationCreateParams`); `is_returning_user` has no counterpart there and is not sent (see {@link PreludeSignals}).
 *   `success`, `retry`, `challenged`, `shadow_blocked` → `pending`; `blocked` + `repeated_attempts` → `rate_limited`;
 *   `blocked` + `invalid_phone_number` / `invalid_phone_line` → the errors of those names; any other block →
 *   `spam_detected`.
 * - check → `POST /verification/check` by target (Prelude has no check by id): `success` → `valid`, `failure` →
 *   `invalid`, `expired_or_not_found` → `expired_auth`.
 * - retry → `POST /verification` again for the same target (Prelude's own resend): `retry` → `approved`.
 * - channels (see {@link PRELUDE_CHANNELS}): without one, Prelude's default (messaging: SMS), and the request is the same
 *   as before channels; `whatsapp` → `options.preferred_channel: 'whatsapp'`, `voice` → `options.method: 'voice'`, and
 *   `sms` asked for by name (a switch back after another channel) → `options.preferred_channel: 'sms'`, on the send or
 *   resend that asks. `channel_not_enabled_in_region` for a steered request → `unsupported_channel` (unsteered,
 *   `unsupported_region`).
 * Prelude returns no expiry, resend deadline or resend count: they come from {@link PRELUDE_RESEND_POLICY}.
 */

import { type OtpChannel, OtpError, retryAfterSeconds } from '@otpflow/core'
import { apiRoot } from './base-url'
import {
  callUpstream,
  createHostedProvider,
  type DeliverOutcome,
  type DeliverRequest,
  mergePolicy,
  type ResendPolicy,
  type UpstreamResponse,
  upstreamError,
  type VerifyOutcome,
  type VerifyRequest,
} from './hosted-verification'
import type { OtpProvider, ProviderFromEnv } from './types'

export type { ResendPolicy } from './hosted-verification'

export const PRELUDE_BASE_URL = 'https://api.prelude.dev/v2'

/**
 * The anti-fraud signals we send, a subset of Prelude's (`VerificationCreateParams.Signals` in `@prelude.so/sdk`; a
 * test holds the two together). Prelude documents no "returning user" signal: `is_trusted_user` is something else (it
 * vouches that the user is genuine, and switches fraud checks off), so `is_returning_user` is left out.
 */
export interface PreludeSignals {
  ip?: string
  device_platform?: 'android' | 'ios' | 'web'
  app_version?: string
  user_agent?: string
}

/**
 * The options we send, a subset of the SDK's `VerificationCreateParams.Options`: the language, and how the code should
 * go out when it is not Prelude's default (a call with `method: 'voice'`, a messaging app with `preferred_channel`).
 */
export interface PreludeOptions {
  locale?: string
  method?: 'voice'
  preferred_channel?: 'sms' | 'whatsapp'
}

/** The body of `POST /v2/verification` as we send it, a subset of the SDK's `VerificationCreateParams`. */
export interface PreludeVerificationBody {
  target: { type: 'phone_number'; value: string }
  signals?: PreludeSignals
  options?: PreludeOptions
  metadata: { correlation_id: string }
}

/**
 * The channels Prelude delivers on, SMS (its default) first: its messaging channels include WhatsApp
 * (`preferred_channel`), and `method: 'voice'` reads the code out in a call. Each must be enabled for the account and
 * the destination; Prelude answers `channel_not_enabled_in_region` otherwise.
 */
export const PRELUDE_CHANNELS: readonly OtpChannel[] = ['sms', 'whatsapp', 'voice']

/** How a channel asked for by name steers Prelude. */
const CHANNEL_OPTIONS: Readonly<Record<string, Pick<PreludeOptions, 'method' | 'preferred_channel'>>> = {
  sms: { preferred_channel: 'sms' },
  whatsapp: { preferred_channel: 'whatsapp' },
  voice: { method: 'voice' },
}

/** The body of `POST /v2/verification/check`, as the SDK's `VerificationCheckParams`. */
export interface PreludeCheckBody {
  target: { type: 'phone_number'; value: string }
  code: string
}

const DEVICE_PLATFORMS = { IOS: 'ios', ANDROID: 'android', WEB: 'web' } as const

/**
 * The default policy, matching a Prelude verification window as configured in its Dashboard (window length, send
 * attempts and checks are Dashboard settings with no API): four sends (three resends) 30, 60 and 120 s apart,
 * ten minutes of validity, five checks. Change it with `resendPolicy` when your Dashboard says otherwise.
 */
export const PRELUDE_RESEND_POLICY: ResendPolicy = {
  delaysSeconds: [30, 60, 120],
  maxResends: 3,
  windowSeconds: 600,
  maxChecks: 5,
}

export interface PreludeProviderOptions {
  /** A Prelude V2 API key (Dashboard › Settings › API Keys). Sent as `Authorization: Bearer …`. */
  apiKey: string
  /**
   * Prelude's API, or a proxy or test double in front of it. The host alone (`https://api.prelude.dev`, as Prelude's
   * SDKs read `PRELUDE_BASE_URL`) gets `/v2` added; a URL with a path is used as given, version included.
   * @default 'https://api.prelude.dev/v2'
   */
  baseUrl?: string
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** Milliseconds before a call to Prelude gives up with `upstream_timeout`. @default 10000 */
  timeoutMs?: number
  /** Limits mirrored from your Prelude Dashboard. @default PRELUDE_RESEND_POLICY */
  resendPolicy?: Partial<ResendPolicy>
}

const BLOCK_REASONS_AS_ERRORS: Record<string, { code: 'invalid_phone_number' | 'invalid_line'; message: string }> = {
  invalid_phone_number: { code: 'invalid_phone_number', message: 'This phone number is not valid' },
  invalid_phone_line: { code: 'invalid_line', message: 'This type of phone line cannot receive codes' },
}

const CREDENTIAL_CODES = new Set([
  'invalid_api_key',
  'invalid_api_token',
  'invalid_bearer_token',
  'missing_api_token',
  'insufficient_balance',
  'suspended_account',
])

interface PreludeError {
  code?: string
  message?: string
  request_id?: string
}

function readError(response: UpstreamResponse): PreludeError {
  const body = response.json
  if (typeof body !== 'object' || body === null) return {}
  const { code, message, request_id } = body as Record<string, unknown>
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof request_id === 'string' ? { request_id } : {}),
  }
}

/**
 * Maps a non-2xx answer onto the endpoint's error codes. Number-specific limits are answered as statuses by the callers.
 * `steered`: the request asked for a channel other than Prelude's default, which the number's region may not have.
 */
function failure(response: UpstreamResponse, now: number, steered = false): Error {
  const error = readError(response)
  const detail = {
    provider: 'prelude',
    status: response.status,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.message === undefined ? {} : { message: error.message }),
    ...(error.request_id === undefined ? {} : { requestId: error.request_id }),
  }
  const code = error.code ?? ''
  if (code === 'invalid_phone_number') return upstreamError('invalid_phone_number', 'This phone number is not valid', detail)
  if (code === 'invalid_line_type') return upstreamError('invalid_line', 'This type of phone line cannot receive codes', detail)
  if (code === 'channel_not_enabled_in_region' && steered) {
    return upstreamError('unsupported_channel', 'Codes cannot be sent this way to this region', detail)
  }
  if (code === 'unsupported_country' || code === 'channel_not_enabled_in_region') {
    return upstreamError('unsupported_region', 'Codes cannot be sent to this region', detail)
  }
  if (response.status === 401 || response.status === 403 || CREDENTIAL_CODES.has(code)) {
    return upstreamError(
      'service_unavailable',
      `Prelude refused the request (${code || response.status}): check PRELUDE_API_KEY and the account`,
      detail,
    )
  }
  if (response.status === 429) {
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now)
    return upstreamError(
      'rate_limited',
      'Too many requests, try again later',
      detail,
      retryAfter === undefined ? {} : { retryAfter },
    )
  }
  return upstreamError('upstream_error', `Prelude answered HTTP ${response.status}${code ? ` (${code})` : ''}`, detail)
}

/** Creates a provider for Prelude Verify V2. */
export function preludeProvider(options: PreludeProviderOptions): OtpProvider {
  if (!options.apiKey) throw new Error('preludeProvider: apiKey is required')
  const baseUrl = apiRoot(options.baseUrl ?? PRELUDE_BASE_URL, '/v2', 'preludeProvider: baseUrl')
  const fetchImpl = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 10_000
  const policy = mergePolicy(PRELUDE_RESEND_POLICY, options.resendPolicy)

  const post = (path: string, body: PreludeVerificationBody | PreludeCheckBody, signal: AbortSignal | undefined) =>
    callUpstream({
      provider: 'Prelude',
      fetch: fetchImpl,
      url: `${baseUrl}${path}`,
      init: {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      },
      timeoutMs,
      signal,
    })

  const deliver = async ({ phoneNumber, fields, authenticationUuid, ctx, channel }: DeliverRequest): Promise<DeliverOutcome> => {
    const steering = channel === undefined ? undefined : CHANNEL_OPTIONS[channel]
    if (channel !== undefined && steering === undefined) {
      throw new OtpError('unsupported_channel', `Prelude cannot send codes by ${JSON.stringify(channel)}`, { status: 400 })
    }
    const options: PreludeOptions = { ...(fields.locale === undefined ? {} : { locale: fields.locale }), ...steering }
    const signals: PreludeSignals = {}
    if (ctx.ip !== undefined) signals.ip = ctx.ip
    if (fields.deviceType !== undefined) signals.device_platform = DEVICE_PLATFORMS[fields.deviceType]
    if (fields.appVersion !== undefined) signals.app_version = fields.appVersion
    if (ctx.userAgent !== undefined) signals.user_agent = ctx.userAgent
    // `fields.isReturningUser` stays here: Prelude's schema has no such signal (see PreludeSignals).
    const request: PreludeVerificationBody = {
      target: { type: 'phone_number', value: phoneNumber },
      ...(Object.keys(signals).length === 0 ? {} : { signals }),
      ...(Object.keys(options).length === 0 ? {} : { options }),
      metadata: { correlation_id: authenticationUuid },
    }
    const response = await post('/verification', request, ctx.signal)
    const now = ctx.clock.now()
    if (response.status < 200 || response.status >= 300) {
      const { code } = readError(response)
      if (code === 'too_many_attempts') {
        const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now)
        return { kind: 'rate_limited', ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }) }
      }
      throw failure(response, now, steering !== undefined)
    }
    const body = (response.json ?? {}) as {
      id?: unknown
      status?: unknown
      reason?: unknown
      risk_factors?: unknown
      request_id?: unknown
    }
    const status = typeof body.status === 'string' ? body.status : ''
    const id = typeof body.id === 'string' ? body.id : ''
    if (status === 'blocked') {
      const reason = typeof body.reason === 'string' ? body.reason : 'unknown'
      if (reason === 'repeated_attempts') return { kind: 'rate_limited' }
      const asError = BLOCK_REASONS_AS_ERRORS[reason]
      if (asError !== undefined) {
        throw upstreamError(asError.code, asError.message, { provider: 'prelude', status: 200, code: `blocked:${reason}` })
      }
      return { kind: 'spam', reason }
    }
    if (status === 'success' || status === 'retry' || status === 'challenged' || status === 'shadow_blocked') {
      if (id === '')
        throw upstreamError('upstream_error', 'Prelude answered without a verification id', { provider: 'prelude', status: 200 })
      return { kind: 'sent', id, resend: status === 'retry' }
    }
    throw upstreamError('upstream_error', `Prelude answered an unknown status "${status}"`, {
      provider: 'prelude',
      status: response.status,
    })
  }

  const verify = async ({ phoneNumber, code, ctx }: VerifyRequest): Promise<VerifyOutcome> => {
    const body: PreludeCheckBody = { target: { type: 'phone_number', value: phoneNumber }, code }
    const response = await post('/verification/check', body, ctx.signal)
    if (response.status < 200 || response.status >= 300) {
      const error = readError(response)
      if (error.code === 'too_many_checks') return 'rate_limited'
      if (error.code === 'impossible_code') return 'invalid'
      throw failure(response, ctx.clock.now())
    }
    const status = (response.json as { status?: unknown } | undefined)?.status
    switch (status) {
      case 'success':
        return 'valid'
      case 'failure':
      case 'transaction_missing':
      case 'transaction_mismatch':
        return 'invalid'
      case 'expired_or_not_found':
      case 'expired':
        return 'expired'
      default:
        if (typeof status !== 'string')
          throw upstreamError('upstream_error', 'Prelude answered without a status', {
            provider: 'prelude',
            status: response.status,
          })
        return 'unknown'
    }
  }

  return createHostedProvider({ name: 'prelude', channels: PRELUDE_CHANNELS, policy, deliver, verify })
}

/**
 * Reads `PRELUDE_API_KEY` (required) and `PRELUDE_BASE_URL` (optional, for a proxy or a test double: the host, as
 * Prelude's SDKs read the same variable, or the host with `/v2`).
 * Returns `undefined` when neither is set; throws naming the missing variable when only the base URL is.
 */
export const preludeProviderFromEnv: ProviderFromEnv = (env) => {
  const apiKey = env.PRELUDE_API_KEY?.trim() || undefined
  const baseUrl = env.PRELUDE_BASE_URL?.trim() || undefined
  if (apiKey === undefined && baseUrl === undefined) return undefined
  if (apiKey === undefined) throw new Error('Prelude is half-configured: PRELUDE_BASE_URL is set but PRELUDE_API_KEY is missing')
  return preludeProvider({ apiKey, ...(baseUrl === undefined ? {} : { baseUrl: apiRoot(baseUrl, '/v2', 'PRELUDE_BASE_URL') }) })
}
