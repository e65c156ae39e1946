/**
 * Twilio Verify V2 behind the endpoint's contract.
 *
 * Mapping (see the Twilio reference notes, §7):
 * - send → `POST /Services/{sid}/Verifications` (form-encoded `To`, `Channel`, `Locale`, `DeviceIp`). A pending
 *   verification → `pending`; 429 / 60203, 60212, 60202 → `rate_limited`; 60410 (Fraud Guard), 60413, 60238 →
 *   `spam_detected`; 400 / 60200 on `To` → `invalid_phone_number`; 60205 → `invalid_line`; 60605 (Geo Permissions: the
 *   destination country is switched off) → `unsupported_region`.
 * - check → `POST /Services/{sid}/VerificationCheck` by `VerificationSid` (never by `To`, so an old authentication cannot
 *   check a newer verification): `approved` → `valid`, `pending` → `invalid`, 429 / 60202 → `rate_limited`,
 *   404 / 20404 (approved, expired or past the check limit: Twilio deletes it) → decided from the local record.
 * - retry → a new start for the same `To`, which Twilio treats as a resend of the pending verification (same SID, same code).
 * - channels (see {@link TWILIO_CHANNELS}): `Channel` is the one asked for (`voice` → `call`), else the `channel`
 *   option, on the send or on the resend that switches (Twilio lets a resend change `Channel`). 60223 (the channel is
 *   disabled in the Service) for a channel other than the option's → `unsupported_channel`.
 * Twilio returns no expiry, resend deadline or resend count: they come from {@link TWILIO_RESEND_POLICY}.
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

export const TWILIO_VERIFY_BASE_URL = 'https://verify.twilio.com/v2'

/**
 * The form of `POST /v2/Services/{sid}/Verifications` as we send it: parameters of Twilio's
 * `VerificationListInstanceCreateOptions` (the SDK's camelCase names, capitalized on the wire; a test holds them together).
 * The device type, app version and returning-user flag have no parameter at Twilio and are not sent.
 */
export interface TwilioStartForm {
  To: string
  Channel: 'sms' | 'call' | 'whatsapp'
  Locale?: string
  DeviceIp?: string
}

/** Verify's `Channel` for each of our channels: a code read out in a call is Verify's `call` channel. */
export const TWILIO_CHANNELS = { sms: 'sms', whatsapp: 'whatsapp', voice: 'call' } as const satisfies Record<
  string,
  TwilioStartForm['Channel']
>

/** The form of `POST /v2/Services/{sid}/VerificationCheck`, parameters of the SDK's `VerificationCheckListInstanceCreateOptions`. */
export interface TwilioCheckForm {
  VerificationSid: string
  Code: string
}

/**
 * The default policy, matching Twilio Verify's documented limits: five sends per verification (four resends), here
 * 30, 60, 120 and 240 s apart, a code valid ten minutes, five checks. Change `windowSeconds` if Twilio Support changed
 * your Service's validity.
 */
export const TWILIO_RESEND_POLICY: ResendPolicy = {
  delaysSeconds: [30, 60, 120, 240],
  maxResends: 4,
  windowSeconds: 600,
  maxChecks: 5,
}

/** The language tags Verify accepts in `Locale`; an unsupported one fails the send, so others are left out. */
export const TWILIO_VERIFY_LOCALES = [
  'af',
  'ar',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'es',
  'fi',
  'fr',
  'he',
  'hi',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'ms',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sv',
  'th',
  'tl',
  'tr',
  'vi',
  'zh',
  'zh-CN',
  'zh-HK',
] as const

export type TwilioCredentials =
  | { accountSid: string; authToken: string }
  | {
      /** Not needed by Verify's URLs; accepted for symmetry with the Auth Token form. */
      accountSid?: string
      apiKeySid: string
      apiKeySecret: string
    }

export type TwilioVerifyProviderOptions = TwilioCredentials & {
  /** The Verify Service (`VA…`). */
  serviceSid: string
  /**
   * Twilio Verify's API, or a proxy or test double in front of it. The host alone (`https://verify.twilio.com`, the
   * server Twilio's API description names) gets `/v2` added; a URL with a path is used as given, version included.
   * @default 'https://verify.twilio.com/v2'
   */
  baseUrl?: string
  /**
   * Delivery channel of every code that asks for none: the endpoint's default channel, listed first among the
   * provider's `channels` (`call` as `voice`). A send or resend may still ask for another of them.
   * @default 'sms'
   */
  channel?: 'sms' | 'call' | 'whatsapp'
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** Milliseconds before a call to Twilio gives up with `upstream_timeout`. @default 10000 */
  timeoutMs?: number
  /** Limits mirrored from Twilio Verify. @default TWILIO_RESEND_POLICY */
  resendPolicy?: Partial<ResendPolicy>
}

/** Errors that concern the number's verification and have a status in the contract. */
const NUMBER_LIMIT_CODES = new Set([60202, 60203, 60212])
const FRAUD_CODES = new Set([60410, 60413, 60238])

/** Maps a BCP-47 tag onto Verify's list (`pt-BR` stays, `fr-FR` becomes `fr`), or nothing. */
export function twilioLocale(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined
  const wanted = locale.trim().toLowerCase()
  const exact = TWILIO_VERIFY_LOCALES.find((tag) => tag.toLowerCase() === wanted)
  if (exact !== undefined) return exact
  const language = wanted.split(/[-_]/)[0]
  return TWILIO_VERIFY_LOCALES.find((tag) => tag === language)
}

interface TwilioError {
  code?: number
  message?: string
}

function readError(response: UpstreamResponse): TwilioError {
  const body = response.json
  if (typeof body !== 'object' || body === null) return {}
  const { code, message } = body as Record<string, unknown>
  return {
    ...(typeof code === 'number' ? { code } : typeof code === 'string' && /^\d+$/.test(code) ? { code: Number(code) } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  }
}

function detailOf(response: UpstreamResponse, error: TwilioError) {
  return {
    provider: 'twilio',
    status: response.status,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.message === undefined ? {} : { message: error.message }),
  }
}

/**
 * Maps a non-2xx answer onto the endpoint's error codes. Number-specific limits and fraud blocks are answered as statuses
 * by the callers. `switched`: the request asked for a channel other than the Service's usual one.
 */
function failure(response: UpstreamResponse, now: number, switched = false): Error {
  const error = readError(response)
  const detail = detailOf(response, error)
  const code = error.code
  if (code === 60200 && /\bTo\b/.test(error.message ?? ''))
    return upstreamError('invalid_phone_number', 'This phone number is not valid', detail)
  if (code === 60205) return upstreamError('invalid_line', 'This type of phone line cannot receive codes', detail)
  if (code === 60605) return upstreamError('unsupported_region', 'Codes cannot be sent to this region', detail)
  // The channel is switched off in the Service: for the usual channel the operator must act, for another one the user
  // can still take the usual one.
  if (code === 60223 && switched)
    return upstreamError('unsupported_channel', 'This channel is not enabled in the Verify Service', detail)
  if (response.status === 401 || response.status === 403 || code === 20003 || code === 60223) {
    return upstreamError(
      'service_unavailable',
      `Twilio refused the request (${code ?? response.status}): check the Twilio credentials and the Verify Service settings`,
      detail,
    )
  }
  if (response.status === 404) {
    return upstreamError('service_unavailable', 'Twilio found no such Verify Service: check TWILIO_VERIFY_SERVICE_SID', detail)
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
  return upstreamError(
    'upstream_error',
    `Twilio answered HTTP ${response.status}${code === undefined ? '' : ` (${code})`}`,
    detail,
  )
}

/** Creates a provider for Twilio Verify V2. */
export function twilioVerifyProvider(options: TwilioVerifyProviderOptions): OtpProvider {
  const [username, password] =
    'apiKeySid' in options && options.apiKeySid !== undefined
      ? [options.apiKeySid, options.apiKeySecret]
      : [(options as { accountSid: string }).accountSid, (options as { authToken: string }).authToken]
  if (!username || !password)
    throw new Error('twilioVerifyProvider: an Account SID + Auth Token or an API key SID + secret is required')
  if (!options.serviceSid) throw new Error('twilioVerifyProvider: serviceSid is required')
  const baseUrl = apiRoot(options.baseUrl ?? TWILIO_VERIFY_BASE_URL, '/v2', 'twilioVerifyProvider: baseUrl')
  const servicePath = `${baseUrl}/Services/${encodeURIComponent(options.serviceSid)}`
  const authorization = `Basic ${btoa(`${username}:${password}`)}`
  const fetchImpl = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 10_000
  const channel = options.channel ?? 'sms'
  const defaultChannel: OtpChannel = channel === 'call' ? 'voice' : channel
  const channels: readonly OtpChannel[] = [
    defaultChannel,
    ...Object.keys(TWILIO_CHANNELS).filter((name) => name !== defaultChannel),
  ]
  const policy = mergePolicy(TWILIO_RESEND_POLICY, options.resendPolicy)

  const post = (path: string, fields: TwilioStartForm | TwilioCheckForm, signal: AbortSignal | undefined) => {
    const form = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value)
    return callUpstream({
      provider: 'Twilio',
      fetch: fetchImpl,
      url: `${servicePath}${path}`,
      init: {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      timeoutMs,
      signal,
    })
  }

  const deliver = async ({ phoneNumber, fields, ctx, channel: asked }: DeliverRequest): Promise<DeliverOutcome> => {
    const wire = asked === undefined ? channel : TWILIO_CHANNELS[asked as keyof typeof TWILIO_CHANNELS]
    if (wire === undefined) {
      throw new OtpError('unsupported_channel', `Twilio Verify cannot send codes by ${JSON.stringify(asked)}`, { status: 400 })
    }
    const start = (locale: string | undefined) => {
      const form: TwilioStartForm = { To: phoneNumber, Channel: wire }
      if (locale !== undefined) form.Locale = locale
      if (ctx.ip !== undefined) form.DeviceIp = ctx.ip
      return post('/Verifications', form, ctx.signal)
    }
    const locale = twilioLocale(fields.locale)
    let response = await start(locale)
    // Twilio answers 404 to a Locale it does not support, and advises sending again without one. Nothing was sent.
    if (response.status === 404 && locale !== undefined) response = await start(undefined)
    const now = ctx.clock.now()
    if (response.status < 200 || response.status >= 300) {
      const { code } = readError(response)
      if (code !== undefined && NUMBER_LIMIT_CODES.has(code)) {
        const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now)
        return { kind: 'rate_limited', ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }) }
      }
      if (code !== undefined && FRAUD_CODES.has(code)) return { kind: 'spam', reason: String(code) }
      throw failure(response, now, wire !== channel)
    }
    const body = (response.json ?? {}) as {
      sid?: unknown
      status?: unknown
      send_code_attempts?: unknown
      date_created?: unknown
    }
    if (typeof body.sid !== 'string' || body.status !== 'pending') {
      throw upstreamError('upstream_error', `Twilio answered an unexpected verification (status "${String(body.status)}")`, {
        provider: 'twilio',
        status: response.status,
      })
    }
    const sends =
      Array.isArray(body.send_code_attempts) && body.send_code_attempts.length > 0 ? body.send_code_attempts.length : 1
    const createdAt = typeof body.date_created === 'string' ? Date.parse(body.date_created) : Number.NaN
    return { kind: 'sent', id: body.sid, resend: sends > 1, sends, ...(Number.isNaN(createdAt) ? {} : { createdAt }) }
  }

  const verify = async ({ id, code, ctx }: VerifyRequest): Promise<VerifyOutcome> => {
    // Twilio refuses codes outside 4 to 10 characters with 400 / 60200: such a code is simply wrong.
    if (code.length < 4 || code.length > 10) return 'invalid'
    if (id === '') return 'expired'
    const form: TwilioCheckForm = { VerificationSid: id, Code: code }
    const response = await post('/VerificationCheck', form, ctx.signal)
    if (response.status < 200 || response.status >= 300) {
      const error = readError(response)
      if (error.code === 60202) return 'rate_limited'
      // Deleted: approved, expired or past the check limit. The local record already answered the first and the last.
      if (response.status === 404) return 'expired'
      if (error.code === 60200) return 'invalid'
      throw failure(response, ctx.clock.now())
    }
    const status = (response.json as { status?: unknown } | undefined)?.status
    switch (status) {
      case 'approved':
        return 'valid'
      case 'pending':
        return 'invalid'
      case 'canceled':
      case 'expired':
      case 'deleted':
      case 'failed':
        return 'expired'
      case 'max_attempts_reached':
        return 'rate_limited'
      default:
        if (typeof status !== 'string')
          throw upstreamError('upstream_error', 'Twilio answered without a status', {
            provider: 'twilio',
            status: response.status,
          })
        return 'unknown'
    }
  }

  return createHostedProvider({
    name: 'twilio',
    channels,
    policy,
    deliver,
    verify,
  })
}

/**
 * Reads `TWILIO_VERIFY_SERVICE_SID` with `TWILIO_ACCOUNT_SID` + `TWILIO_AUTH_TOKEN`, or with `TWILIO_API_KEY_SID` +
 * `TWILIO_API_KEY_SECRET` (Twilio's advice for production), and `TWILIO_BASE_URL` (optional, for a proxy or a test double:
 * the host, or the host with `/v2`). Twilio's own SDK has no such variable (it reads `TWILIO_EDGE` and `TWILIO_REGION`,
 * which this provider does not).
 * Returns `undefined` when none is set; throws naming the missing variable when only some are.
 */
export const twilioProviderFromEnv: ProviderFromEnv = (env) => {
  const read = (name: string) => env[name]?.trim() || undefined
  const accountSid = read('TWILIO_ACCOUNT_SID')
  const authToken = read('TWILIO_AUTH_TOKEN')
  const apiKeySid = read('TWILIO_API_KEY_SID')
  const apiKeySecret = read('TWILIO_API_KEY_SECRET')
  const serviceSid = read('TWILIO_VERIFY_SERVICE_SID')
  const baseUrl = read('TWILIO_BASE_URL')
  if ([accountSid, authToken, apiKeySid, apiKeySecret, serviceSid, baseUrl].every((value) => value === undefined))
    return undefined
  const missing = (name: string) => new Error(`Twilio is half-configured: ${name} is missing`)
  let credentials: TwilioCredentials
  if (apiKeySid !== undefined || apiKeySecret !== undefined) {
    if (apiKeySid === undefined) throw missing('TWILIO_API_KEY_SID')
    if (apiKeySecret === undefined) throw missing('TWILIO_API_KEY_SECRET')
    credentials = { apiKeySid, apiKeySecret, ...(accountSid === undefined ? {} : { accountSid }) }
  } else {
    if (accountSid === undefined) throw missing('TWILIO_ACCOUNT_SID')
    if (authToken === undefined) throw missing('TWILIO_AUTH_TOKEN (or TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET)')
    credentials = { accountSid, authToken }
  }
  if (serviceSid === undefined) throw missing('TWILIO_VERIFY_SERVICE_SID')
  return twilioVerifyProvider({
    ...credentials,
    serviceSid,
    ...(baseUrl === undefined ? {} : { baseUrl: apiRoot(baseUrl, '/v2', 'TWILIO_BASE_URL') }),
  })
}
