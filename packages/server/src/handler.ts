import { type Clock, systemClock } from '@otpflow/core'
import { checkIpv6Prefix } from './client-address'
import { failOpenStores } from './fail-open-store'
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
  /** One entry per request; `false` for silence. @default JSON lines on the console */
  logger?: OtpLogger | false
  /** Lifetime of the `verification_token`. @default 600 */
  tokenTtlSeconds?: number
  /** @default systemClock */
  clock?: Clock
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
    tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
    basePath: `/${(options.basePath ?? '/api/otp').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, ''),
    allowedOrigins: new Set(options.allowedOrigins ?? []),
    proxyHops: proxyHopsOf(options.trustProxy),
    log: options.logger === false ? undefined : (options.logger ?? consoleLogger),
  }
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
