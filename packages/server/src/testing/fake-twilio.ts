/**
 * A fake of Twilio Verify V2 (`POST /v2/Services/{sid}/Verifications`, `POST /v2/Services/{sid}/VerificationCheck`) on a
 * real HTTP server, for tests of `twilioVerifyProvider` without network or account. It answers as the stored Twilio
 * documentation and OpenAPI spec describe:
 *
 * - HTTP Basic auth with the Account SID + Auth Token or an API key SID + secret (401 / 20003 otherwise).
 * - Form-encoded bodies with PascalCase fields; a JSON body is refused with 400 / 60200. Answers are snake_case JSON.
 * - A start for a number with a pending verification is a resend: same SID, same code, one more `send_code_attempts`
 *   entry. The sixth send in a lifecycle answers 429 / 60203 with `Retry-After`.
 * - A check answers `approved` (then the verification is deleted) or `pending` for a wrong code; after `maxChecks` wrong
 *   codes the next check answers 429 / 60202 and the verification is deleted. A deleted, approved or expired
 *   verification answers 404 / 20404.
 * - An unsupported `Locale` answers 404; a bad `To` or `Code` 400 / 60200.
 * - {@link FakeTwilio.reject} makes starts for a number fail with any Twilio error (60205 landline, 60410 Fraud Guard…);
 *   {@link FakeTwilio.failNext} queues any raw answer (20429, a 5xx, an HTML page…).
 *
 * Time comes from `now`, so a test moves the fake's clock and the provider's together.
 */
import { randomBytes, randomInt } from 'node:crypto'
import { type FakeRequest, type FakeResponse, listen, readRequest, writeResponse } from './fake-http'

export type { FakeRequest, FakeResponse } from './fake-http'

export interface FakeTwilioOptions {
  /** @default a fixed `AC…` test value */
  accountSid?: string
  /** @default 'test-twilio-auth-token' */
  authToken?: string
  /** @default a fixed `SK…` test value */
  apiKeySid?: string
  /** @default 'test-twilio-api-key-secret' */
  apiKeySecret?: string
  /** The one Verify Service that exists. @default a fixed `VA…` test value */
  serviceSid?: string
  /** Milliseconds since the epoch. @default Date.now */
  now?: () => number
  /** How long a verification stays pending, in seconds. @default 600 (Twilio's default) */
  validitySeconds?: number
  /** Sends allowed in one lifecycle. @default 5 */
  maxSends?: number
  /** Wrong codes allowed; the next check answers 429 / 60202. @default 5 */
  maxChecks?: number
  /** Makes the codes. @default six random digits */
  generateCode?: () => string
}

export interface FakeTwilioMessage {
  phoneNumber: string
  code: string
  verificationSid: string
  channel: string
  sentAt: Date
}

/** A Twilio error answer: `{ code, message, more_info, status }`. */
export interface TwilioErrorSpec {
  status: number
  code: number
  message?: string
  headers?: Record<string, string>
}

export interface FakeTwilio {
  /** Base URL to pass as `baseUrl`, e.g. `http://127.0.0.1:41234/v2`. */
  readonly url: string
  /** The host alone, e.g. `http://127.0.0.1:41234`, as Twilio's API description names its server (paths add `/v2`). */
  readonly origin: string
  readonly accountSid: string
  readonly authToken: string
  readonly apiKeySid: string
  readonly apiKeySecret: string
  readonly serviceSid: string
  /** Every request received, oldest first. */
  readonly requests: FakeRequest[]
  /** Every code "sent", oldest first. */
  messages(): FakeTwilioMessage[]
  /** The code of the newest message to this number. */
  latestCode(phoneNumber: string): string | undefined
  /** Makes every later start for this number fail with this error. */
  reject(phoneNumber: string, error: TwilioErrorSpec): void
  /** Answers the next request with this response instead of the normal behaviour. */
  failNext(response: FakeResponse): void
  close(): Promise<void>
}

/** Language tags Verify accepts in `Locale` (the stored spec's list). */
const SUPPORTED_LOCALES = new Set(
  'af ar ca cs da de el en en-GB es fi fr he hi hr hu id it ja ko ms nb nl pl pt pt-BR ro ru sv th tl tr vi zh zh-CN zh-HK'.split(
    ' ',
  ),
)
const CHANNELS = new Set(['sms', 'call', 'whatsapp', 'email', 'sna', 'auto'])
const E164 = /^\+[1-9]\d{6,14}$/

interface Verification {
  sid: string
  to: string
  channel: string
  code: string
  createdAt: number
  expiresAt: number
  attempts: { time: string; channel: string; attempt_sid: string }[]
  checks: number
  status: 'pending' | 'approved' | 'deleted'
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex')

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? 'AC00000000000000000000000000000001'
  const authToken = options.authToken ?? 'test-twilio-auth-token'
  const apiKeySid = options.apiKeySid ?? 'SK00000000000000000000000000000001'
  const apiKeySecret = options.apiKeySecret ?? 'test-twilio-api-key-secret'
  const serviceSid = options.serviceSid ?? 'VA00000000000000000000000000000001'
  const now = options.now ?? Date.now
  const validityMs = (options.validitySeconds ?? 600) * 1000
  const maxSends = options.maxSends ?? 5
  const maxChecks = options.maxChecks ?? 5
  const generateCode = options.generateCode ?? (() => String(randomInt(1_000_000)).padStart(6, '0'))

  const requests: FakeRequest[] = []
  const messages: FakeTwilioMessage[] = []
  const queued: FakeResponse[] = []
  const rejections = new Map<string, TwilioErrorSpec>()
  const bySid = new Map<string, Verification>()
  const pendingByTo = new Map<string, Verification>()

  const accepted = new Set([
    `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    `Basic ${Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64')}`,
  ])

  const error = ({ status, code, message, headers }: TwilioErrorSpec): FakeResponse => ({
    status,
    body: { code, message: message ?? `Error ${code}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    ...(headers === undefined ? {} : { headers }),
  })

  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

  const live = (verification: Verification | undefined): Verification | undefined => {
    if (verification === undefined || verification.status !== 'pending') return undefined
    if (now() >= verification.expiresAt) {
      verification.status = 'deleted'
      pendingByTo.delete(verification.to)
      return undefined
    }
    return verification
  }

  const resource = (verification: Verification, status: string) => ({
    sid: verification.sid,
    service_sid: serviceSid,
    account_sid: accountSid,
    to: verification.to,
    channel: verification.channel,
    status,
    valid: status === 'approved',
    lookup: {},
    amount: null,
    payee: null,
    send_code_attempts: verification.attempts,
    date_created: iso(verification.createdAt),
    date_updated: iso(now()),
    sna: null,
    url: `https://verify.twilio.com/v2/Services/${serviceSid}/Verifications/${verification.sid}`,
  })

  const send = (verification: Verification, channel: string) => {
    verification.attempts.push({ time: iso(now()), channel, attempt_sid: `VL${hex(16)}` })
    messages.push({
      phoneNumber: verification.to,
      code: verification.code,
      verificationSid: verification.sid,
      channel,
      sentAt: new Date(now()),
    })
  }

  const start = (body: Record<string, unknown>): FakeResponse => {
    const to = body.To
    const channel = body.Channel
    if (typeof to !== 'string' || !E164.test(to)) {
      return error({ status: 400, code: 60200, message: `Invalid parameter \`To\`: ${String(to)}` })
    }
    if (typeof channel !== 'string' || !CHANNELS.has(channel)) {
      return error({ status: 400, code: 60200, message: `Invalid parameter \`Channel\`: ${String(channel)}` })
    }
    if (typeof body.Locale === 'string' && !SUPPORTED_LOCALES.has(body.Locale)) {
      return error({ status: 404, code: 20404, message: 'The requested resource was not found' })
    }
    const rejection = rejections.get(to)
    if (rejection !== undefined) return error(rejection)
    const existing = live(pendingByTo.get(to))
    if (existing !== undefined) {
      if (existing.attempts.length >= maxSends) {
        const retryAfter = Math.ceil((existing.expiresAt - now()) / 1000)
        return error({
          status: 429,
          code: 60203,
          message: 'Max send attempts reached',
          headers: { 'retry-after': String(retryAfter) },
        })
      }
      existing.channel = channel
      send(existing, channel)
      return { status: 201, body: resource(existing, 'pending') }
    }
    const verification: Verification = {
      sid: `VE${hex(16)}`,
      to,
      channel,
      code: generateCode(),
      createdAt: now(),
      expiresAt: now() + validityMs,
      attempts: [],
      checks: 0,
      status: 'pending',
    }
    bySid.set(verification.sid, verification)
    pendingByTo.set(to, verification)
    send(verification, channel)
    return { status: 201, body: resource(verification, 'pending') }
  }

  const check = (body: Record<string, unknown>): FakeResponse => {
    const code = body.Code
    if (typeof code !== 'string' || code.length < 4 || code.length > 10) {
      return error({ status: 400, code: 60200, message: 'Invalid parameter: Code' })
    }
    let verification: Verification | undefined
    if (typeof body.VerificationSid === 'string') verification = live(bySid.get(body.VerificationSid))
    else if (typeof body.To === 'string') verification = live(pendingByTo.get(body.To))
    else return error({ status: 400, code: 60200, message: 'Either a To or VerificationSid must be specified' })
    if (verification === undefined) return error({ status: 404, code: 20404, message: 'The requested resource was not found' })
    if (verification.checks >= maxChecks) {
      verification.status = 'deleted'
      pendingByTo.delete(verification.to)
      return error({ status: 429, code: 60202, message: 'Max check attempts reached' })
    }
    if (code === verification.code) {
      verification.status = 'approved'
      pendingByTo.delete(verification.to)
      return { status: 200, body: resource(verification, 'approved') }
    }
    verification.checks += 1
    return { status: 200, body: resource(verification, 'pending') }
  }

  const route = (request: FakeRequest): FakeResponse => {
    const queuedAnswer = queued.shift()
    if (queuedAnswer !== undefined) return queuedAnswer
    if (!accepted.has(request.headers.authorization ?? '')) {
      return error({ status: 401, code: 20003, message: 'Authenticate' })
    }
    if (request.method !== 'POST') return error({ status: 405, code: 20004, message: 'Method not allowed' })
    const match = /^\/v2\/Services\/([^/]+)\/(Verifications|VerificationCheck)$/.exec(request.path)
    if (match === null || match[1] !== serviceSid)
      return error({ status: 404, code: 20404, message: 'The requested resource was not found' })
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || request.body === undefined) {
      return error({ status: 400, code: 60200, message: 'Invalid parameter' })
    }
    return match[2] === 'Verifications' ? start(request.body) : check(request.body)
  }

  const server = await listen((incoming, response) => {
    readRequest(incoming).then(
      (request) => {
        requests.push(request)
        writeResponse(response, route(request))
      },
      () => writeResponse(response, error({ status: 400, code: 60200, message: 'Unreadable body' })),
    )
  })

  return {
    url: `http://127.0.0.1:${server.port}/v2`,
    origin: `http://127.0.0.1:${server.port}`,
    accountSid,
    authToken,
    apiKeySid,
    apiKeySecret,
    serviceSid,
    requests,
    messages: () => [...messages],
    latestCode(phoneNumber) {
      for (let index = messages.length - 1; index >= 0; index -= 1) {
        const message = messages[index]
        if (message?.phoneNumber === phoneNumber) return message.code
      }
      return undefined
    },
    reject(phoneNumber, spec) {
      rejections.set(phoneNumber, spec)
    },
    failNext(response) {
      queued.push(response)
    },
    close: server.close,
  }
}
