import {
  type Clock,
  systemClock,
  wireCheckRequestSchema,
  wireCreateAuthenticationRequestSchema,
  wireRetryRequestSchema,
} from '@otpflow/core'
import { isSandboxTestNumber } from '@otpflow/core/sandbox'
import { checkIpv6Prefix, clientKey } from './client-address'
import { failedChecksLeft, lockedFor } from './failed-checks'
import { countNow, hitNow, type OtpLimitsOption, resolveLimits, secondsUntil } from './limits'
import { consoleLogger, maskPhoneNumber, type OtpLogEntry, type OtpLogger } from './log'
import { countryAllowed, e164, normalizePhoneNumber } from './phone-number'
import { toProviderError } from './providers/errors'
import { isSandboxProvider } from './providers/sandbox'
import type { OtpProvider, ProviderContext, ProviderFlow, ProviderSendInput } from './providers/types'
import { createMemoryStore, type Store } from './store'
import { isStoreUnavailableError } from './store-errors'
import { type OtpSecret, secretKey, signFlowToken, signVerificationToken, verifyFlowToken } from './tokens'

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
  /** ISO 3166-1 alpha-2 codes (e.g. `['FR', 'GB']`) whose numbers may receive a code; others get 400 `unsupported_region`. @default all */
  allowedCountries?: readonly string[]
  /** One entry per request; `false` for silence. @default JSON lines on the console */
  logger?: OtpLogger | false
  /** Lifetime of the `verification_token`. @default 600 */
  tokenTtlSeconds?: number
  /** @default systemClock */
  clock?: Clock
}

/** What the connection knows and the Request does not: pass `{ ip }`, or `@hono/node-server`'s env (`{ incoming }`) as is. */
export interface OtpHandlerInfo {
  ip?: string
  /**
   * Node's request for this same Request (`@hono/node-server` passes it as `env.incoming`). Its socket gives the client
   * IP, and its headers are read as they are, without building a Fetch `Headers` object on every request.
   */
  incoming?: {
    socket?: { remoteAddress?: string }
    headers?: NodeHeaders
    /** Ended once a body parser mounted before the handler (e.g. Express's `express.json()`) has read the body. */
    readableEnded?: boolean
    /** What that body parser left: an object (`express.json()`), a string (`express.text()`) or bytes (`express.raw()`). */
    body?: unknown
  }
}

/** Node's `IncomingMessage.headers`: lower-case names, repeated headers as arrays or joined. */
type NodeHeaders = Readonly<Record<string, string | readonly string[] | undefined>>

/** Reads one request header by its lower-case name, `null` when absent (as `Headers.get`). */
type HeaderReader = (name: string) => string | null

function headerReader(request: Request, info: OtpHandlerInfo | undefined): HeaderReader {
  const raw = info?.incoming?.headers
  if (raw !== undefined && raw !== null && typeof raw === 'object') {
    return (name) => {
      const value = raw[name]
      return value === undefined ? null : typeof value === 'string' ? value : value.join(', ')
    }
  }
  const headers = request.headers
  return (name) => headers.get(name)
}

/** The parts of a Request's URL the routes need, read from its serialized form (already normalized by the URL parser). */
interface RequestTarget {
  /** `scheme://host[:port]`, as `URL.origin`. */
  origin: string
  pathname: string
  href: string
}

export function requestTarget(href: string): RequestTarget {
  const authority = href.indexOf('://') + 3
  let pathStart = href.indexOf('/', authority)
  if (pathStart === -1) pathStart = href.length
  let pathEnd = href.length
  const query = href.indexOf('?', pathStart)
  if (query !== -1) pathEnd = query
  const fragment = href.indexOf('#', pathStart)
  if (fragment !== -1 && fragment < pathEnd) pathEnd = fragment
  return { origin: href.slice(0, pathStart), pathname: href.slice(pathStart, pathEnd) || '/', href }
}

export interface OtpHandler {
  (request: Request, info?: OtpHandlerInfo): Promise<Response>
  readonly provider: OtpProvider
}

/** Request bodies larger than this are refused (413): the three bodies fit in a few hundred bytes. */
export const MAX_BODY_BYTES = 4096

const DEFAULT_RETRY_AFTER_SECONDS = 60

/** HTTP status of every error code the endpoint answers with: the one place that decides it. */
export const ERROR_HTTP_STATUS = {
  invalid_request: 400,
  invalid_phone_number: 400,
  invalid_line: 400,
  unsupported_region: 400,
  blocked_number: 400,
  invalid_flow_token: 401,
  forbidden_origin: 403,
  spam_detected: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  server_error: 500,
  upstream_error: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
} as const satisfies Record<string, number>

export type EndpointErrorCode = keyof typeof ERROR_HTTP_STATUS

/** Messages written by the endpoint itself, so nothing from a provider or a stack reaches the client. */
const ERROR_MESSAGES: Record<EndpointErrorCode, string> = {
  invalid_request: 'The request is not valid',
  invalid_phone_number: 'This phone number is not valid',
  invalid_line: 'This type of phone line cannot receive codes',
  unsupported_region: 'Phone numbers from this region are not supported',
  blocked_number: 'This phone number is blocked',
  invalid_flow_token: 'The flow token is missing, invalid or for another authentication',
  forbidden_origin: 'Requests from this origin are not allowed',
  spam_detected: 'This attempt was flagged as fraudulent',
  not_found: 'No such route',
  method_not_allowed: 'Method not allowed',
  payload_too_large: `The body is larger than ${MAX_BODY_BYTES} bytes`,
  unsupported_media_type: 'The body must be application/json',
  rate_limited: 'Too many requests, try again later',
  server_error: 'Something went wrong on our side',
  upstream_error: 'The verification service answered with an error',
  service_unavailable: 'The verification service is unavailable',
  upstream_timeout: 'The verification service did not answer in time',
}

type Route = 'send' | 'check' | 'retry' | 'outbox'

const ROUTES: Record<string, Route> = {
  '/authentication': 'send',
  '/check': 'check',
  '/retry': 'retry',
  '/sandbox/outbox': 'outbox',
}

/** Thrown inside the handler to answer with an error; `detail` goes to the log only. */
class EndpointError extends Error {
  constructor(
    readonly code: EndpointErrorCode,
    readonly options: { message?: string; field?: string; retryAfter?: number; detail?: string } = {},
  ) {
    super(options.message ?? ERROR_MESSAGES[code])
  }
}

interface Outcome {
  status: number
  body: unknown
  outcome: string
  headers?: Record<string, string>
  detail?: string
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')

/**
 * `Date#toISOString`, written out for the years 1000 to 9999 (the native one for any other, or for an invalid date):
 * a send answers with three dates, and this takes half the time.
 */
export function iso(date: Date | undefined): string | undefined {
  if (date === undefined) return undefined
  const year = date.getUTCFullYear()
  if (!(year >= 1000 && year <= 9999)) return date.toISOString()
  return `${year}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}Z`
}

/** The part of a zod schema the handler uses (core's wire schemas). */
interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } }
}

function validate<T>(schema: Schema<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
  // A check or retry whose only fault is its flow token is refused like a forged one: 401, not a malformed body.
  if (issues.length > 0 && issues.every((i) => i.path[0] === 'flow_token')) throw new EndpointError('invalid_flow_token')
  const issue = issues[0]
  const field = issue?.path.map(String).join('.') || undefined
  const message = issue?.message ?? 'rejected'
  throw new EndpointError('invalid_request', {
    message: field ? `Invalid ${field}: ${message}` : `Invalid body: ${message}`,
    ...(field ? { field } : {}),
  })
}

const utf8 = new TextDecoder()

/** Reads the body as a stream, stopping past {@link MAX_BODY_BYTES}, for bodies of unknown length (chunked). */
async function readBodyStream(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined)
      throw new EndpointError('payload_too_large')
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * The body a Node body parser mounted before the handler has already read, when it has: the request's own stream is
 * then empty. `undefined` when the stream is still there to read.
 */
function parsedBefore(info: OtpHandlerInfo | undefined): unknown {
  const incoming = info?.incoming
  if (incoming?.readableEnded !== true) return undefined
  const body = incoming.body
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return utf8.decode(body)
  if (typeof body === 'object' && body !== null) return body
  throw new EndpointError('server_error', {
    detail: 'The request body was read before the handler, and nothing it could use was left (a body parser mounted before it?)',
  })
}

async function readBody(request: Request, header: HeaderReader, info: OtpHandlerInfo | undefined): Promise<unknown> {
  const mediaType = (header('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') throw new EndpointError('unsupported_media_type')
  const declaredHeader = header('content-length')
  const declared = Number(declaredHeader ?? '0')
  if (declared > MAX_BODY_BYTES) throw new EndpointError('payload_too_large')
  const before = parsedBefore(info)
  let text: string
  if (typeof before === 'object') return asJsonObject(before)
  if (typeof before === 'string') text = before
  else if (declaredHeader !== null && /^\d+$/.test(declaredHeader)) {
    // A declared length is what the HTTP server already holds the body to, so it is read in one go: on Node servers
    // (e.g. @hono/node-server) this skips building a web stream over the socket for a body of a few hundred bytes.
    // The size is still checked on what actually arrived.
    text = await request.text()
    if (text.length > MAX_BODY_BYTES) throw new EndpointError('payload_too_large')
  } else {
    text = request.body === null ? '' : utf8.decode(await readBodyStream(request.body))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new EndpointError('invalid_request', { message: 'The body is not valid JSON' })
  }
  return asJsonObject(parsed)
}

function asJsonObject(parsed: unknown): object {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EndpointError('invalid_request', { message: 'The body must be a JSON object' })
  }
  return parsed
}

/**
 * Checks left on an authentication after a wrong code: the smallest of what is known (the endpoint's budget for the
 * authentication, the provider's own count, the wrong codes the number has left), or `undefined` when nothing is.
 */
function remainingAttempts(...known: (number | undefined)[]): number | undefined {
  let least: number | undefined
  for (const value of known) if (value !== undefined && (least === undefined || value < least)) least = value
  return least === undefined ? undefined : Math.max(0, least)
}

/** Refuses with 429 when a limit answered a delay; `undefined` (within the limit) passes. */
function refuseOver(retryAfter: number | undefined): void {
  if (retryAfter !== undefined) throw new EndpointError('rate_limited', { retryAfter })
}

function lastForwarded(header: string | null, hops: number): string | undefined {
  if (header === null) return undefined
  const entries = header
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  return entries[entries.length - hops]
}

/**
 * Creates the OTP endpoint: a Fetch-standard `(Request) => Promise<Response>` serving
 * `POST {basePath}/authentication`, `/check`, `/retry` (and `GET {basePath}/sandbox/outbox` with the sandbox).
 *
 * @example
 * const handler = createOtpHandler({ provider: sandboxProvider(), secret: process.env.OTP_SECRET! })
 * // Next.js app/api/otp/[...path]/route.ts
 * export const POST = (request: Request) => handler(request)
 */
export function createOtpHandler(options: OtpHandlerOptions): OtpHandler {
  const { provider } = options
  const key = secretKey(options.secret)
  const basePath = `/${(options.basePath ?? '/api/otp').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '')
  const allowedOrigins = new Set(options.allowedOrigins ?? [])
  const proxyHops =
    options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? Math.max(0, Math.floor(options.trustProxy)) : 0
  const limits = resolveLimits(options.limits)
  const ipv6Prefix = checkIpv6Prefix(options.ipv6Prefix)
  const store = options.store ?? createMemoryStore({ clock: options.clock ?? systemClock })
  const allowedCountries = options.allowedCountries
    ? new Set(options.allowedCountries.map((code) => code.toUpperCase()))
    : undefined
  const log = options.logger === false ? undefined : (options.logger ?? consoleLogger)
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 600
  const clock = options.clock ?? systemClock
  const sandbox = isSandboxProvider(provider) ? provider.sandbox : undefined

  const clientIp = (header: HeaderReader, info: OtpHandlerInfo | undefined): string | undefined => {
    if (proxyHops > 0) {
      const forwarded = lastForwarded(header('x-forwarded-for'), proxyHops)
      if (forwarded !== undefined) return forwarded
    }
    return info?.ip ?? info?.incoming?.socket?.remoteAddress
  }

  const publicOrigin = (header: HeaderReader, target: RequestTarget): string => {
    if (proxyHops > 0) {
      const host = lastForwarded(header('x-forwarded-host'), 1)
      const proto = lastForwarded(header('x-forwarded-proto'), 1)
      if (host !== undefined) return `${proto ?? target.origin.slice(0, target.origin.indexOf(':'))}://${host}`
    }
    return target.origin
  }

  /** Same origin, or listed. A request with no `Origin` is not from a browser page on another site (browsers send it on cross-site POSTs). */
  const originCheck = (header: HeaderReader, origin: string | null, target: RequestTarget): 'same' | 'allowed' | 'forbidden' => {
    if (origin === null) {
      const site = header('sec-fetch-site')
      return site === null || site === 'same-origin' || site === 'none' ? 'same' : 'forbidden'
    }
    if (origin === publicOrigin(header, target)) return 'same'
    return allowedOrigins.has(origin) ? 'allowed' : 'forbidden'
  }

  const providerContext = (request: Request, header: HeaderReader, info: OtpHandlerInfo | undefined): ProviderContext => {
    const ctx: ProviderContext = {
      store,
      clock,
      // Read when a provider asks for it: on Node servers (e.g. @hono/node-server) the first read of `request.signal`
      // builds an AbortController (already aborted if the client has gone), which a provider that never waits on the
      // network does not need on every request.
      get signal() {
        return request.signal
      },
    }
    const ip = clientIp(header, info)
    if (ip !== undefined) ctx.ip = ip
    const userAgent = header('user-agent')
    if (userAgent !== null) ctx.userAgent = userAgent
    return ctx
  }

  /** The flow a check or retry is about, from its verified flow token; the log line gets its masked number. */
  const flowFromBody = (body: { authentication_uuid: string; flow_token: string }, entry: Partial<OtpLogEntry>): ProviderFlow => {
    const flow = verifyFlowToken(body.flow_token, provider.name, key, clock)
    if (flow === undefined || flow.authenticationUuid !== body.authentication_uuid) throw new EndpointError('invalid_flow_token')
    entry.phoneNumber = maskPhoneNumber(flow.phoneNumber)
    return flow
  }

  const callProvider = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      // The provider's records live on the same store: out of reach (or full), it refuses the request as the limits do.
      if (isStoreUnavailableError(error)) throw error
      const mapped = toProviderError(error)
      throw new EndpointError(mapped.code, {
        ...(mapped.retryAfter === undefined ? {} : { retryAfter: mapped.retryAfter }),
        detail: mapped.message,
      })
    }
  }

  /**
   * The key the per-client limits count an SMS to `phoneNumber` under, or `undefined` when they do not apply: the IP is
   * unknown, or the number is one of the sandbox's test numbers (they reach no phone, and someone trying each of them
   * should not run out of codes for their own number).
   */
  const smsClient = (phoneNumber: string, ip: string | undefined): string | undefined =>
    ip === undefined || (sandbox !== undefined && isSandboxTestNumber(phoneNumber)) ? undefined : clientKey(ip, ipv6Prefix)

  /**
   * Counts one SMS (a send, or a resend when `fresh` is false) and refuses with 429 at the first limit over, in this
   * order: the client, then the number's failed-check lock, then the client's share of the number, then the number.
   * A request refused by an earlier limit touches no later counter, so a client over its limit creates no per-number key
   * however many numbers it tries (memory stays bounded), and spends nobody else's budget for that number.
   * `hitNow` answers without a promise on the memory store; any other store's answer is awaited, in the same order.
   */
  const countSms = async (phoneNumber: string, ip: string | undefined, now: number, fresh: boolean): Promise<void> => {
    const client = smsClient(phoneNumber, ip)
    if (client !== undefined) {
      let byClient = hitNow(store, `otp:send:ip:${client}`, limits.sendsPerIp, now)
      if (typeof byClient === 'object') byClient = await byClient
      refuseOver(byClient)
    }
    let locked = lockedFor(store, phoneNumber, limits.failedChecksPerPhoneNumber, now)
    if (typeof locked === 'object') locked = await locked
    refuseOver(locked)
    if (!fresh) return
    if (client !== undefined) {
      let share = hitNow(store, `otp:send:phone-ip:${phoneNumber}:${client}`, limits.sendsPerPhoneNumberPerIp, now)
      if (typeof share === 'object') share = await share
      refuseOver(share)
    }
    let byPhone = hitNow(store, `otp:send:phone:${phoneNumber}`, limits.sendsPerPhoneNumber, now)
    if (typeof byPhone === 'object') byPhone = await byPhone
    refuseOver(byPhone)
  }

  const send = async (body: unknown, ctx: ProviderContext, entry: Partial<OtpLogEntry>): Promise<Outcome> => {
    const input = validate(wireCreateAuthenticationRequestSchema, body)
    const parsed = normalizePhoneNumber(input.phone_number)
    if (parsed === undefined) throw new EndpointError('invalid_phone_number', { field: 'phone_number' })
    // From here on, only this form: limit keys, the provider, the flow token and the proof all see the same number.
    const phoneNumber = parsed.number
    entry.phoneNumber = maskPhoneNumber(phoneNumber)
    if (allowedCountries !== undefined) {
      if (!countryAllowed(parsed, allowedCountries)) throw new EndpointError('unsupported_region')
    }
    const now = clock.now()
    await countSms(phoneNumber, ctx.ip, now, true)

    const providerInput: ProviderSendInput = { phoneNumber }
    if (input.locale !== undefined) providerInput.locale = input.locale
    if (input.device_type !== undefined) providerInput.deviceType = input.device_type
    if (input.app_version !== undefined) providerInput.appVersion = input.app_version
    if (input.is_returning_user !== undefined) providerInput.isReturningUser = input.is_returning_user
    const sent = await callProvider(() => provider.send(providerInput, ctx))
    const flowToken = signFlowToken(
      {
        authenticationUuid: sent.authenticationUuid,
        phoneNumber,
        createdAt: sent.createdAt,
        expiresAt: sent.expiresAt,
        ...(sent.state === undefined ? {} : { state: sent.state }),
      },
      provider.name,
      key,
      clock,
    )
    return {
      status: 200,
      outcome: sent.status,
      body: {
        authentication_uuid: sent.authenticationUuid,
        status: sent.status,
        created_at: iso(sent.createdAt),
        expires_at: iso(sent.expiresAt),
        next_retry_at: iso(sent.nextRetryAt),
        remaining_retry: sent.remainingRetry,
        // The provider answered a second send for this number with its open verification: no new flow started.
        ...(sent.resent ? { resent: true } : {}),
        flow_token: flowToken,
      },
    }
  }

  /** Once a flow has expired, check and retry answer `expired_auth` without calling the provider. */
  const expiredAnswer = (flow: ProviderFlow, now: number): Outcome | undefined =>
    now >= flow.expiresAt.getTime()
      ? { status: 200, outcome: 'expired_auth', body: { authentication_uuid: flow.authenticationUuid, status: 'expired_auth' } }
      : undefined

  const check = async (body: unknown, ctx: ProviderContext, entry: Partial<OtpLogEntry>): Promise<Outcome> => {
    const input = validate(wireCheckRequestSchema, body)
    const flow = flowFromBody(input, entry)
    const now = clock.now()
    const expired = expiredAnswer(flow, now)
    if (expired) return expired
    let locked = lockedFor(store, flow.phoneNumber, limits.failedChecksPerPhoneNumber, now)
    if (typeof locked === 'object') locked = await locked
    refuseOver(locked)
    const budget = limits.checksPerAuthentication
    let checks = countNow(store, `otp:check:${flow.authenticationUuid}`, budget)
    if (typeof checks === 'object') checks = await checks
    if (checks !== undefined && checks.count > budget.max)
      throw new EndpointError('rate_limited', { retryAfter: secondsUntil(checks.resetAt, now) })

    const checked = await callProvider(() => provider.check(flow, input.check_code, ctx))
    const answer: Record<string, unknown> = { authentication_uuid: flow.authenticationUuid, status: checked.status }
    if (checked.status === 'valid') {
      const proof = signVerificationToken(
        { phoneNumber: flow.phoneNumber, authenticationUuid: flow.authenticationUuid, provider: provider.name },
        key,
        clock,
        tokenTtlSeconds,
      )
      answer.verification_token = proof.token
      answer.verification_expires_at = iso(proof.expiresAt)
    } else if (checked.status === 'invalid') {
      const failuresLeft = await failedChecksLeft(store, flow.phoneNumber, limits.failedChecksPerPhoneNumber, now)
      const left = remainingAttempts(
        checks === undefined ? undefined : budget.max - checks.count,
        checked.remainingAttempts,
        failuresLeft,
      )
      if (left !== undefined) answer.remaining_attempts = left
    }
    return { status: 200, outcome: checked.status, body: answer }
  }

  const retry = async (body: unknown, ctx: ProviderContext, entry: Partial<OtpLogEntry>): Promise<Outcome> => {
    const input = validate(wireRetryRequestSchema, body)
    const flow = flowFromBody(input, entry)
    const now = clock.now()
    const expired = expiredAnswer(flow, now)
    if (expired) return expired
    await countSms(flow.phoneNumber, ctx.ip, now, false)

    const retried = await callProvider(() => provider.retry(flow, ctx))
    const flowToken =
      retried.state === undefined ? undefined : signFlowToken({ ...flow, state: retried.state }, provider.name, key, clock)
    return {
      status: 200,
      outcome: retried.status,
      body: {
        authentication_uuid: flow.authenticationUuid,
        status: retried.status,
        created_at: iso(retried.createdAt),
        next_retry_at: iso(retried.nextRetryAt),
        remaining_retry: retried.remainingRetry,
        flow_token: flowToken,
      },
    }
  }

  const outbox = (url: URL): Outcome => {
    const asked = url.searchParams.get('phone_number') ?? undefined
    // The sandbox holds numbers as the send normalized them; `+4407700900123` asks for `+447700900123`'s codes.
    const phoneNumber = asked === undefined ? undefined : (e164(asked) ?? asked)
    const messages = (sandbox?.outbox.messages() ?? [])
      .filter((message) => phoneNumber === undefined || message.phoneNumber === phoneNumber)
      .map((message) => ({
        phone_number: message.phoneNumber,
        code: message.code,
        sent_at: iso(message.sentAt),
        authentication_uuid: message.authenticationUuid,
      }))
    return { status: 200, outcome: 'outbox', body: { messages } }
  }

  const routePrefix = `${basePath}/`

  const route = async (
    request: Request,
    header: HeaderReader,
    origin: string | null,
    info: OtpHandlerInfo | undefined,
    entry: Partial<OtpLogEntry>,
  ): Promise<Outcome> => {
    const target = requestTarget(request.url)
    const path = target.pathname.startsWith(routePrefix) ? target.pathname.slice(basePath.length) : undefined
    const name = path === undefined ? undefined : ROUTES[path]
    if (name === undefined || (name === 'outbox' && sandbox === undefined)) throw new EndpointError('not_found')
    entry.route = name

    if (name === 'outbox') {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw new EndpointError('method_not_allowed', { detail: 'GET' })
      return outbox(new URL(target.href))
    }
    const allowed = request.method === 'POST' || request.method === 'OPTIONS' ? originCheck(header, origin, target) : 'same'
    if (request.method === 'OPTIONS' && allowed === 'allowed') {
      return {
        status: 204,
        outcome: 'preflight',
        body: undefined,
        headers: {
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        },
      }
    }
    if (request.method !== 'POST') throw new EndpointError('method_not_allowed')
    if (allowed === 'forbidden') throw new EndpointError('forbidden_origin')

    const body = await readBody(request, header, info)
    const ctx = providerContext(request, header, info)
    // `return await`: an async function returning a promise as is takes two more microtask turns to settle.
    switch (name) {
      case 'send':
        return await send(body, ctx, entry)
      case 'check':
        return await check(body, ctx, entry)
      case 'retry':
        return await retry(body, ctx, entry)
      default:
        return name satisfies never
    }
  }

  const handler = async (request: Request, info?: OtpHandlerInfo): Promise<Response> => {
    const started = performance.now()
    const entry: Partial<OtpLogEntry> = { route: 'unknown', method: request.method, provider: provider.name }
    const header = headerReader(request, info)
    const origin = header('origin')
    let outcome: Outcome
    try {
      outcome = await route(request, header, origin, info, entry)
    } catch (error) {
      const failure =
        error instanceof EndpointError
          ? error
          : isStoreUnavailableError(error)
            ? // Fail closed: a limit the store cannot count is not a limit that passed. A full memory store says when a
              // place frees up; it never forgets a live counter to make one (see MemoryStoreOptions).
              new EndpointError('service_unavailable', {
                ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
                detail: error.message,
              })
            : new EndpointError('server_error', {
                detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
              })
      const status = ERROR_HTTP_STATUS[failure.code]
      const headers: Record<string, string> = {}
      // A provider's 429 may come without a delay; a client still needs one to wait.
      if (failure.code === 'rate_limited')
        headers['retry-after'] = String(failure.options.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS)
      else if (failure.options.retryAfter !== undefined) headers['retry-after'] = String(failure.options.retryAfter)
      if (failure.code === 'method_not_allowed') headers.allow = failure.options.detail ?? 'POST'
      outcome = {
        status,
        outcome: failure.code,
        headers,
        body: {
          code: failure.code,
          message: failure.message,
          ...(failure.options.field === undefined ? {} : { field: failure.options.field }),
        },
        ...(failure.options.detail === undefined || failure.code === 'method_not_allowed'
          ? {}
          : { detail: failure.options.detail }),
      }
    }
    // One plain header object: Node adapters such as @hono/node-server write it as is, without a Headers object.
    const responseHeaders: Record<string, string> =
      outcome.status === 204 ? {} : { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
    if (origin !== null && allowedOrigins.has(origin)) {
      responseHeaders['access-control-allow-origin'] = origin
      responseHeaders.vary = 'Origin'
    }
    if (outcome.headers !== undefined) Object.assign(responseHeaders, outcome.headers)
    const response = new Response(outcome.status === 204 ? null : JSON.stringify(outcome.body), {
      status: outcome.status,
      headers: responseHeaders,
    })
    if (log !== undefined) {
      const line: OtpLogEntry = {
        level: outcome.status >= 500 ? 'error' : outcome.status === 429 || outcome.status === 403 ? 'warn' : 'info',
        route: entry.route ?? 'unknown',
        method: request.method,
        status: outcome.status,
        outcome: outcome.outcome,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        provider: provider.name,
      }
      if (entry.phoneNumber !== undefined) line.phoneNumber = entry.phoneNumber
      if (outcome.detail !== undefined) line.detail = outcome.detail
      log(line)
    }
    return response
  }

  return Object.assign(handler, { provider })
}
