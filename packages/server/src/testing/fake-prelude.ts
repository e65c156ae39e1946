/**
 * A fake of Prelude's Verify API V2 (`POST /v2/verification`, `POST /v2/verification/check`) on a real HTTP server,
 * for tests of `preludeProvider` without network or account. It answers as the stored Prelude documentation describes:
 *
 * - `Authorization: Bearer <apiKey>` is required (401 `invalid_api_key` otherwise); bodies must be JSON (400 `invalid_request`).
 * - A verification is identified by its target. A create inside an open window is a resend: 200 `status: 'retry'`, same id,
 *   same code. Past `maxAttempts` sends in a window the answer is 200 `status: 'blocked'`, `reason: 'repeated_attempts'`.
 * - Blocked numbers (see {@link FakePrelude.block}) answer 200 `status: 'blocked'` with the reason: no window, no code.
 * - A check by target answers `success` (the window closes), `failure` (counted), or `expired_or_not_found` (no open
 *   window: never created, expired, converted, or past `maxChecks`).
 * - {@link FakePrelude.failNext} queues any raw answer (a 429 with `Retry-After`, a 5xx, an HTML page…).
 * - A field outside Prelude's request schema (as `@prelude.so/sdk` 0.10.0 types it) answers 400 `invalid_request`
 *   naming it. Whether the real API refuses or ignores such a field is not documented; refusing makes a drift from
 *   the schema fail every test instead of passing silently.
 *
 * Time comes from `now`, so a test moves the fake's clock and the provider's together.
 */
import { randomInt } from 'node:crypto'
import { type FakeRequest, type FakeResponse, listen, readRequest, writeResponse } from './fake-http'

export type { FakeRequest, FakeResponse } from './fake-http'

export interface FakePreludeOptions {
  /** The only API key accepted. @default 'test-prelude-api-key' */
  apiKey?: string
  /** Milliseconds since the epoch. @default Date.now */
  now?: () => number
  /** How long a verification window stays open, in seconds (a Dashboard setting at Prelude). @default 600 */
  windowSeconds?: number
  /** Sends (the first one included) allowed in one window. @default 4 */
  maxAttempts?: number
  /** Wrong codes allowed in one window; after the last one the window ends. @default 5 */
  maxChecks?: number
  /** Makes the codes. @default six random digits */
  generateCode?: () => string
}

/** One code the fake "sent". */
export interface FakePreludeMessage {
  phoneNumber: string
  code: string
  verificationId: string
  sentAt: Date
  trigger: 'initial' | 'user_retry'
}

export type PreludeBlockReason =
  | 'suspicious'
  | 'repeated_attempts'
  | 'in_block_list'
  | 'invalid_phone_number'
  | 'invalid_phone_line'
  | 'invalid_signature'
  | 'expired_signature'

export interface FakePrelude {
  /** Base URL to pass as `baseUrl`, e.g. `http://127.0.0.1:41234/v2`. */
  readonly url: string
  /** The host alone, e.g. `http://127.0.0.1:41234`: the form Prelude's SDKs read from `PRELUDE_BASE_URL` (they add `/v2`). */
  readonly origin: string
  readonly apiKey: string
  /** Every request received, oldest first. */
  readonly requests: FakeRequest[]
  /** Every code "sent", oldest first. */
  messages(): FakePreludeMessage[]
  /** The code of the newest message to this number. */
  latestCode(phoneNumber: string): string | undefined
  /** Makes every later create for this number answer 200 `blocked` with this reason. */
  block(phoneNumber: string, reason: PreludeBlockReason, riskFactors?: string[]): void
  /** Answers the next request with this response instead of the normal behaviour. */
  failNext(response: FakeResponse): void
  close(): Promise<void>
}

interface Window {
  id: string
  phoneNumber: string
  code: string
  expiresAt: number
  attempts: number
  checks: number
  open: boolean
}

const ULID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

function verificationId(): string {
  let id = 'vrf_'
  for (let index = 0; index < 26; index += 1) id += ULID_ALPHABET[randomInt(ULID_ALPHABET.length)]
  return id
}

function sixDigits(): string {
  return String(randomInt(1_000_000)).padStart(6, '0')
}

const E164 = /^\+[1-9]\d{6,14}$/

/** A request schema: `true` for a leaf, a nested schema for an object, `'map'` for an object with free keys. */
type Schema = { readonly [field: string]: true | 'map' | Schema }

const TARGET: Schema = { type: true, value: true }

/** `VerificationCreateParams` of `@prelude.so/sdk` 0.10.0. */
const CREATE_SCHEMA: Schema = {
  target: TARGET,
  dispatch_id: true,
  metadata: { correlation_id: true },
  options: {
    app_realm: { platform: true, value: true },
    callback_url: true,
    code_size: true,
    custom_code: true,
    integration: true,
    locale: true,
    method: true,
    preferred_channel: true,
    sender_id: true,
    template_id: true,
    variables: 'map',
  },
  signals: {
    app_version: true,
    device_id: true,
    device_model: true,
    device_platform: true,
    ip: true,
    is_trusted_user: true,
    ja4_fingerprint: true,
    os_version: true,
    user_agent: true,
  },
}

/** `VerificationCheckParams` of `@prelude.so/sdk` 0.10.0. */
const CHECK_SCHEMA: Schema = { target: TARGET, code: true }

/** The first field of `value` the schema does not know, as a dotted path. */
function unknownField(value: Record<string, unknown>, schema: Schema, prefix = ''): string | undefined {
  for (const [field, child] of Object.entries(value)) {
    const known = schema[field]
    if (known === undefined) return `${prefix}${field}`
    if (typeof known === 'object' && typeof child === 'object' && child !== null && !Array.isArray(child)) {
      const nested = unknownField(child as Record<string, unknown>, known, `${prefix}${field}.`)
      if (nested !== undefined) return nested
    }
  }
  return undefined
}

/** Starts the fake on 127.0.0.1 with a free port. Close it in `afterEach`/`afterAll`. */
export async function startFakePrelude(options: FakePreludeOptions = {}): Promise<FakePrelude> {
  const apiKey = options.apiKey ?? 'test-prelude-api-key'
  const now = options.now ?? Date.now
  const windowMs = (options.windowSeconds ?? 600) * 1000
  const maxAttempts = options.maxAttempts ?? 4
  const maxChecks = options.maxChecks ?? 5
  const generateCode = options.generateCode ?? sixDigits

  const requests: FakeRequest[] = []
  const messages: FakePreludeMessage[] = []
  const queued: FakeResponse[] = []
  const blocks = new Map<string, { reason: PreludeBlockReason; riskFactors: string[] }>()
  const windows = new Map<string, Window>()

  const error = (status: number, code: string, message: string, param?: string): FakeResponse => ({
    status,
    body: { code, message, ...(param === undefined ? {} : { param }), type: 'bad_request', request_id: `req_${randomInt(1e9)}` },
  })

  const openWindow = (phoneNumber: string): Window | undefined => {
    const window = windows.get(phoneNumber)
    if (window === undefined || !window.open || now() >= window.expiresAt) return undefined
    return window
  }

  const readTarget = (body: Record<string, unknown>): string | FakeResponse => {
    const target = body.target as { type?: unknown; value?: unknown } | undefined
    if (target === undefined || target.type !== 'phone_number' || typeof target.value !== 'string') {
      return error(400, 'invalid_request', 'target is required', 'target')
    }
    if (!E164.test(target.value))
      return error(400, 'invalid_phone_number', 'The phone number is not a valid E.164 number', 'target.value')
    return target.value
  }

  const refuseUnknown = (body: Record<string, unknown>, schema: Schema): FakeResponse | undefined => {
    const field = unknownField(body, schema)
    return field === undefined ? undefined : error(400, 'invalid_request', `Unknown field: ${field}`, field)
  }

  const create = (body: Record<string, unknown>): FakeResponse => {
    const refused = refuseUnknown(body, CREATE_SCHEMA)
    if (refused !== undefined) return refused
    const phoneNumber = readTarget(body)
    if (typeof phoneNumber !== 'string') return phoneNumber
    const requestId = `req_${randomInt(1e9)}`
    const metadata = body.metadata as { correlation_id?: string } | undefined
    const echo = metadata?.correlation_id === undefined ? {} : { metadata: { correlation_id: metadata.correlation_id } }
    const block = blocks.get(phoneNumber)
    if (block !== undefined) {
      return {
        status: 200,
        body: {
          id: verificationId(),
          status: 'blocked',
          method: 'message',
          reason: block.reason,
          risk_factors: block.riskFactors,
          request_id: requestId,
          ...echo,
        },
      }
    }
    const existing = openWindow(phoneNumber)
    if (existing !== undefined) {
      if (existing.attempts >= maxAttempts) {
        return {
          status: 200,
          body: {
            id: existing.id,
            status: 'blocked',
            method: 'message',
            reason: 'repeated_attempts',
            risk_factors: ['repeated_attempts'],
            request_id: requestId,
            ...echo,
          },
        }
      }
      existing.attempts += 1
      messages.push({
        phoneNumber,
        code: existing.code,
        verificationId: existing.id,
        sentAt: new Date(now()),
        trigger: 'user_retry',
      })
      return {
        status: 200,
        body: { id: existing.id, status: 'retry', method: 'message', channels: ['sms'], request_id: requestId, ...echo },
      }
    }
    const window: Window = {
      id: verificationId(),
      phoneNumber,
      code: generateCode(),
      expiresAt: now() + windowMs,
      attempts: 1,
      checks: 0,
      open: true,
    }
    windows.set(phoneNumber, window)
    messages.push({ phoneNumber, code: window.code, verificationId: window.id, sentAt: new Date(now()), trigger: 'initial' })
    return {
      status: 200,
      body: { id: window.id, status: 'success', method: 'message', channels: ['sms'], request_id: requestId, ...echo },
    }
  }

  const check = (body: Record<string, unknown>): FakeResponse => {
    const refused = refuseUnknown(body, CHECK_SCHEMA)
    if (refused !== undefined) return refused
    const phoneNumber = readTarget(body)
    if (typeof phoneNumber !== 'string') return phoneNumber
    if (typeof body.code !== 'string' || body.code.length === 0) return error(400, 'invalid_request', 'code is required', 'code')
    const requestId = `req_${randomInt(1e9)}`
    const window = openWindow(phoneNumber)
    if (window === undefined) return { status: 200, body: { status: 'expired_or_not_found', request_id: requestId } }
    if (body.code === window.code) {
      window.open = false
      return { status: 200, body: { id: window.id, status: 'success', request_id: requestId } }
    }
    window.checks += 1
    if (window.checks >= maxChecks) window.open = false
    return { status: 200, body: { id: window.id, status: 'failure', request_id: requestId } }
  }

  const route = (request: FakeRequest): FakeResponse => {
    const queuedAnswer = queued.shift()
    if (queuedAnswer !== undefined) return queuedAnswer
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return error(401, 'invalid_api_key', request.headers.authorization === undefined ? 'Missing API key' : 'Invalid API key')
    }
    if (request.method !== 'POST') return error(405, 'invalid_request', 'Method not allowed')
    if (!(request.headers['content-type'] ?? '').startsWith('application/json') || request.body === undefined) {
      return error(400, 'invalid_request', 'The body must be JSON')
    }
    if (request.path === '/v2/verification') return create(request.body)
    if (request.path === '/v2/verification/check') return check(request.body)
    return error(404, 'not_found', 'Not found')
  }

  const server = await listen((incoming, response) => {
    readRequest(incoming).then(
      (request) => {
        requests.push(request)
        writeResponse(response, route(request))
      },
      () => writeResponse(response, { status: 400, body: { code: 'invalid_request', message: 'Unreadable body' } }),
    )
  })

  return {
    url: `http://127.0.0.1:${server.port}/v2`,
    origin: `http://127.0.0.1:${server.port}`,
    apiKey,
    requests,
    messages: () => [...messages],
    latestCode(phoneNumber) {
      for (let index = messages.length - 1; index >= 0; index -= 1) {
        const message = messages[index]
        if (message?.phoneNumber === phoneNumber) return message.code
      }
      return undefined
    },
    block(phoneNumber, reason, riskFactors = []) {
      blocks.set(phoneNumber, { reason, riskFactors })
    },
    failNext(response) {
      queued.push(response)
    },
    close: server.close,
  }
}
