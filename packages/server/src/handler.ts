import { type Clock, systemClock } from '@otpflow/core'
import { checkIpv6Prefix } from './client-address'
import { failOpenStores } from './fail-open-store'
import type { OtpAlertHandler } from './fraud/alerts'
import { resolveBudgets, type SendBudgets } from './fraud/budgets'
import type { CaptchaPolicy, CaptchaVerifier } from './fraud/captcha'
import { type ConversionGuardOption, resolveConversionGuard } from './fraud/conversion-guard'
import { type NumberType, resolveAllowedNumberTypes } from './fraud/number-facts'
import { type Answer, toResponse } from './http/answer'
import { createContext, type EndpointConfig } from './http/context'
import { HttpError } from './http/http-error'
import { corsHeaders, proxyHopsOf } from './http/origin'
import { requestLogEntry } from './http/request-log'
import { type OtpLimitsOption, resolveLimits } from './limits'
import { consoleLogger, type OtpLogger } from './log'
import { fromNodeRequest, type NodeIncomingMessage } from './node'
import { isSandboxProvider } from './providers/sandbox'
import type { OtpProvider } from './providers/types'
import { type OtpChannelsOption, resolveChannels } from './routes/channels'
import { route } from './routes/router'
import { createMemoryStore, type Store } from './store'
import { type OtpSecret, secretKey } from './tokens'

export type { EndpointErrorCode } from './http/http-error'
export { ERROR_HTTP_STATUS } from './http/http-error'
export { MAX_BODY_BYTES } from './http/request-body'

export interface OtpHandlerOptions {
  /** Who sends the codes: `dingProvider(…)`, `sandboxProvider()`, or any {@link OtpProvider}. */
  provider: OtpProvider
  /** Signs the flow and verification tokens (HMAC-SHA256): at least 32 bytes, kept on the server. */
  secret: OtpSecret
  /** Where the routes live. @default '/api/otp' */
  basePath?: string
  /**
   * Origins allowed to POST besides the endpoint's own (e.g. `['https://app.example.com']`); they also get CORS headers.
   * @default [] (same origin only)
   */
  allowedOrigins?: readonly string[]
  /**
   * Behind a reverse proxy: `true` trusts one proxy (the last `X-Forwarded-For` entry is the client, and
   * `X-Forwarded-Host`/`-Proto` give the public origin); a number trusts that many proxies. Without it, forwarding
   * headers are ignored, because any client can send them.
   * @default false
   */
  trustProxy?: boolean | number
  /** Abuse limits; see {@link OtpLimits} for each default. */
  limits?: OtpLimitsOption
  /**
   * The per-IP limits count an IPv6 client by its network of this many bits: a host gets a whole /64 and can take a new
   * address in it for every request. IPv4 clients (also IPv4-mapped ones, `::ffff:a.b.c.d`) count by address.
   * @default 64
   */
  ipv6Prefix?: number
  /** Where the limits count. @default createMemoryStore() (one process; use a shared store on several instances) */
  store?: Store
  /**
   * What a send does when `store` cannot be reached (a Redis outage): `'closed'` refuses it with 503
   * `service_unavailable` and sends nothing, since a limit that cannot be counted is not a limit that passed. `'open'`
   * lets sends through, counted in this process's memory meanwhile (so each instance counts on its own, and the
   * sandbox's flows started then are this instance's alone), each logged as a warning; the shared store is tried again
   * every few seconds and used again once it answers. Checks and resends always refuse with 503 while the state they
   * read is out of reach.
   * @default 'closed'
   */
  storeFailure?: 'closed' | 'open'
  /** ISO 3166-1 alpha-2 codes (e.g. `['FR', 'GB']`) whose numbers may receive a code; others get 400 `unsupported_region`. @default all */
  allowedCountries?: readonly string[]
  /**
   * The channels a code may go out on (`sms`, `whatsapp`, `voice`), the default first, each to every country or to some
   * (`{ channel: 'voice', countries: ['GB', 'IE'] }`): a send or resend may ask for any channel on offer for its number
   * (`channel`), every answer lists them (`available_channels`), and another is refused with 400 `unsupported_channel`.
   * Each must be one of the provider's `channels`; the endpoint refuses to start otherwise.
   * @default the provider's channels (SMS first), to every country
   */
  channels?: OtpChannelsOption
  /** One entry per request; `false` for silence. @default JSON lines on the console */
  logger?: OtpLogger | false
  /** Lifetime of the `verification_token`. @default 600 */
  tokenTtlSeconds?: number
  /** @default systemClock */
  clock?: Clock
  /**
   * The types of line that may receive a code (libphonenumber-js's full metadata); any other is refused with 400
   * `invalid_line` before anything is counted or sent. `'all'` turns the screening off. The sandbox's test numbers
   * always pass.
   * @default ['MOBILE', 'FIXED_LINE_OR_MOBILE', 'UNKNOWN'], and 'FIXED_LINE' for a send by call (`channel: 'voice'`,
   * when the provider can call and the endpoint offers it)
   */
  allowedNumberTypes?: readonly NumberType[] | 'all'
  /**
   * Holds sends to a number block or a country that gets many codes and enters few: 429 `rate_limited` (or a human
   * check when `captcha` is set). Counted on `store`. `false` turns it off.
   * @default { windowSeconds: 3600, slots: 4, block: { minSends: 10, minVerifiedRatio: 0.2 }, country: { minSends: 40, minVerifiedRatio: 0.2 } }
   */
  conversionGuard?: ConversionGuardOption
  /**
   * Caps on the codes sent, whoever asks: past one, sends answer 503 `service_unavailable` until its window ends, and
   * `onAlert` hears which one and by how much. Off by default: a cap anyone can spend locks real users out too.
   */
  budgets?: SendBudgets
  /** Hears the fraud defences trip (the conversion guard, a spent budget); each is also on the request's log line. */
  onAlert?: OtpAlertHandler
  /**
   * A human check (`turnstileVerifier`, `hcaptchaVerifier`, `recaptchaVerifier`, or your own): a send that needs one
   * and has no valid `captcha_token` answers 403 `captcha_required` with the widget to show.
   */
  captcha?: CaptchaVerifier
  /**
   * When a send needs the human check: `'always'`, or `'when-risky'`: the conversion guard holds the number's block or
   * country, the client has spent half its per-IP limit, or the number's country is not in `usualCountries`.
   * @default 'when-risky'
   */
  captchaPolicy?: CaptchaPolicy
  /** ISO codes of the countries the app's users are in: with `captcha`, a number from elsewhere needs the human check. @default unset */
  usualCountries?: readonly string[]
}

/** What the connection knows and the `Request` does not. */
export interface OtpHandlerInfo {
  /** The client's IP address, as the connection gives it. */
  ip?: string
  /**
   * Node's request for this same `Request`, as `@hono/node-server` passes it (`env.incoming`).
   * @deprecated Mount with `toNodeHandler(handler)`, which reads it.
   */
  incoming?: NodeIncomingMessage
}

export interface OtpHandler {
  (request: Request, info?: OtpHandlerInfo): Promise<Response>
  readonly provider: OtpProvider
}

/** The options with their defaults, read once. */
function endpointConfig(options: OtpHandlerOptions): EndpointConfig {
  const { provider } = options
  const clock = options.clock ?? systemClock
  const store = options.store ?? createMemoryStore({ clock })
  if (options.storeFailure !== undefined && options.storeFailure !== 'closed' && options.storeFailure !== 'open')
    throw new Error(`storeFailure must be 'closed' or 'open', not ${JSON.stringify(options.storeFailure)}`)
  return {
    provider,
    sandbox: isSandboxProvider(provider) ? provider : undefined,
    key: secretKey(options.secret),
    clock,
    store,
    failOpen: options.storeFailure === 'open' ? failOpenStores(store, createMemoryStore({ clock })) : undefined,
    limits: resolveLimits(options.limits),
    ipv6Prefix: checkIpv6Prefix(options.ipv6Prefix),
    allowedCountries: options.allowedCountries && new Set(options.allowedCountries.map((code) => code.toUpperCase())),
    channels: resolveChannels(provider, options.channels),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
    basePath: `/${(options.basePath ?? '/api/otp').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, ''),
    allowedOrigins: new Set(options.allowedOrigins ?? []),
    proxyHops: proxyHopsOf(options.trustProxy),
    log: options.logger === false ? undefined : (options.logger ?? consoleLogger),
    fraud: {
      allowedNumberTypes: resolveAllowedNumberTypes(options.allowedNumberTypes),
      guard: resolveConversionGuard(options.conversionGuard),
      budgets: resolveBudgets(options.budgets),
      captcha:
        options.captcha === undefined ? undefined : { verifier: options.captcha, policy: captchaPolicyOf(options.captchaPolicy) },
      usualCountries: options.usualCountries && new Set(options.usualCountries.map((code) => code.toUpperCase())),
      onAlert: options.onAlert,
    },
  }
}

function captchaPolicyOf(policy: CaptchaPolicy | undefined): CaptchaPolicy {
  if (policy === undefined || policy === 'when-risky' || policy === 'always') return policy ?? 'when-risky'
  throw new Error(`captchaPolicy must be 'always' or 'when-risky', not ${JSON.stringify(policy)}`)
}

/**
 * Creates the OTP endpoint: a Fetch-standard `(Request) => Promise<Response>` serving
 * `POST {basePath}/authentication`, `/check`, `/retry` (and `GET {basePath}/sandbox/outbox` with the sandbox).
 * On Node servers, mount it with `toNodeHandler(handler)`.
 *
 * @example
 * const handler = createOtpHandler({ provider: sandboxProvider(), secret: process.env.OTP_SECRET! })
 * // Next.js app/api/otp/[...path]/route.ts
 * export const POST = (request: Request) => handler(request)
 */
export function createOtpHandler(options: OtpHandlerOptions): OtpHandler {
  const config = endpointConfig(options)

  const handle = async (request: Request, connectionIp: string | undefined): Promise<Response> => {
    const ctx = createContext(config, request, connectionIp)
    let answer: Answer
    try {
      answer = await route(ctx)
    } catch (error) {
      answer = HttpError.from(error).answer()
    }
    const response = toResponse(answer, corsHeaders(request.headers.get('origin'), config))
    config.log?.(requestLogEntry(ctx, answer))
    return response
  }

  const handler = (request: Request, info?: OtpHandlerInfo): Promise<Response> => {
    const incoming = info?.incoming
    if (incoming === undefined) return handle(request, info?.ip)
    return handle(fromNodeRequest(request, incoming), info?.ip ?? incoming.socket?.remoteAddress)
  }
  return Object.assign(handler, { provider: options.provider })
}
