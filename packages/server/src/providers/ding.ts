import { type Clock, createOtpClient, OtpError, systemClock } from '@otpflow/core'
import { apiRoot } from './base-url'
import type { OtpProvider, ProviderFromEnv } from './types'

export interface DingProviderOptions {
  /** Ding API key (`x-api-key`). */
  apiKey: string
  /** Ding customer UUID, added to every request body. */
  customerUuid: string
  /**
   * Ding's API, or a proxy or test double in front of it. The host alone (`https://api.ding.live`) gets `/v1` added;
   * a URL with a path is used as given, version included.
   * @default 'https://api.ding.live/v1'
   */
  baseUrl?: string
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** A call with no answer after this long fails with `upstream_timeout` (504). @default 10000 */
  timeoutMs?: number
  /**
   * Ding's send answer has no resend deadline; the endpoint announces this one (Ding's retry answers carry the real ones).
   * @default 30
   */
  resendAfterSeconds?: number
  /** Lifetime assumed when Ding's answer has no `expires_at`. @default 600 */
  fallbackTtlSeconds?: number
  /** @default systemClock */
  clock?: Clock
}

/** Ding documents `ip` as IPv4: send it only in that form (IPv4-mapped IPv6 unwrapped). */
function ipv4(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined
  const unwrapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(unwrapped) ? unwrapped : undefined
}

/**
 * Ding's OTP API (V1) as a provider, over `createOtpClient` with the key and customer UUID. The endpoint adds the
 * client's IP; the browser never sees either secret.
 *
 * @example
 * const provider = dingProvider({ apiKey: process.env.DING_API_KEY!, customerUuid: process.env.DING_CUSTOMER_UUID! })
 */
export function dingProvider(options: DingProviderOptions): OtpProvider {
  const clock = options.clock ?? systemClock
  const resendAfterMs = (options.resendAfterSeconds ?? 30) * 1000
  const fallbackTtlMs = (options.fallbackTtlSeconds ?? 600) * 1000
  const client = createOtpClient({
    apiKey: options.apiKey,
    customerUuid: options.customerUuid,
    ...(options.baseUrl === undefined ? {} : { baseUrl: apiRoot(options.baseUrl, '/v1', 'dingProvider: baseUrl') }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    timeoutMs: options.timeoutMs ?? 10_000,
    clock,
  })

  return {
    name: 'ding',
    // Ding's send takes no channel: it picks SMS or a messaging app itself, and places no calls. So the endpoint offers
    // SMS alone, and refuses a switch with unsupported_channel before Ding is called.
    channels: ['sms'],
    async send(input, ctx) {
      const ip = ipv4(ctx.ip)
      const sent = await client.createAuthentication(
        {
          phoneNumber: input.phoneNumber,
          ...(input.locale === undefined ? {} : { locale: input.locale }),
          ...(input.deviceType === undefined ? {} : { deviceType: input.deviceType }),
          ...(input.appVersion === undefined ? {} : { appVersion: input.appVersion }),
          ...(input.isReturningUser === undefined ? {} : { isReturningUser: input.isReturningUser }),
          ...(ip === undefined ? {} : { ip }),
        },
        { signal: ctx.signal },
      )
      if (sent.status === 'unknown' || sent.authenticationUuid === '') {
        throw new OtpError('upstream_error', `Ding answered an unknown send status: ${JSON.stringify(sent.rawStatus)}`)
      }
      const createdAt = sent.createdAt ?? new Date(clock.now())
      return {
        authenticationUuid: sent.authenticationUuid,
        status: sent.status,
        createdAt,
        expiresAt: sent.expiresAt ?? new Date(createdAt.getTime() + fallbackTtlMs),
        ...(sent.status === 'pending' ? { nextRetryAt: new Date(createdAt.getTime() + resendAfterMs) } : {}),
      }
    },
    async check(flow, code, ctx) {
      const checked = await client.check({ authenticationUuid: flow.authenticationUuid, checkCode: code }, { signal: ctx.signal })
      return { status: checked.status }
    },
    async retry(flow, ctx) {
      const retried = await client.retry({ authenticationUuid: flow.authenticationUuid }, { signal: ctx.signal })
      return {
        status: retried.status,
        ...(retried.createdAt === undefined ? {} : { createdAt: retried.createdAt }),
        ...(retried.nextRetryAt === undefined ? {} : { nextRetryAt: retried.nextRetryAt }),
        ...(retried.remainingRetry === undefined ? {} : { remainingRetry: retried.remainingRetry }),
      }
    },
  }
}

/**
 * `DING_API_KEY` + `DING_CUSTOMER_UUID` (and optional `DING_BASE_URL`: the host, or the host with `/v1`) → Ding.
 * Neither set → `undefined`; only one set → throws, naming the missing one.
 */
export const dingProviderFromEnv: ProviderFromEnv = (env) => {
  const apiKey = env.DING_API_KEY?.trim() || undefined
  const customerUuid = env.DING_CUSTOMER_UUID?.trim() || undefined
  if (apiKey === undefined && customerUuid === undefined) return undefined
  if (apiKey === undefined)
    throw new Error('DING_API_KEY is missing: DING_CUSTOMER_UUID is set, and Ding needs both (or neither, for the sandbox)')
  if (customerUuid === undefined)
    throw new Error('DING_CUSTOMER_UUID is missing: DING_API_KEY is set, and Ding needs both (or neither, for the sandbox)')
  const baseUrl = env.DING_BASE_URL?.trim() || undefined
  return dingProvider({
    apiKey,
    customerUuid,
    ...(baseUrl === undefined ? {} : { baseUrl: apiRoot(baseUrl, '/v1', 'DING_BASE_URL') }),
  })
}
