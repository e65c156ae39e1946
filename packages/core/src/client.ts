import type * as z from 'zod/mini'
import { type Clock, systemClock } from './clock'
import { OtpError } from './errors'
import {
  type AuthenticationStatusResult,
  authenticationStatusResponseSchema,
  checkResponseSchema,
  createAuthenticationResponseSchema,
  type FeedbackResult,
  feedbackResponseSchema,
  type LookupResult,
  lookupResponseSchema,
  retryAfterSeconds,
  retryResponseSchema,
} from './responses'
import {
  checkInputSchema,
  createAuthenticationInputSchema,
  e164Schema,
  endpointAuthenticationInputSchema,
  feedbackInputSchema,
  retryInputSchema,
  validate,
  wireErrorSchema,
} from './schemas'
import type {
  CaptchaChallenge,
  CheckInput,
  CheckResult,
  CreateAuthenticationInput,
  CreateAuthenticationResult,
  OtpContract,
  RequestOptions,
  ResponseMeta,
  RetryInput,
  RetryResult,
} from './types'

/** Ding's production API. */
export const DING_BASE_URL = 'https://api.ding.live/v1'

export interface OtpClientOptions {
  /**
   * Where the contract is served: Ding's API, or the app's own endpoint (e.g. `'/api/otp'` from a browser).
   * @default 'https://api.ding.live/v1'
   */
  baseUrl?: string
  /** Ding API key, sent as `x-api-key`. Server side only: never put it in a browser bundle. */
  apiKey?: string
  /** Ding customer UUID, added as `customer_uuid` to every body (and the `customer-uuid` header of `lookup`). Server side only. */
  customerUuid?: string
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Abort a request that has not answered after this many milliseconds (`OtpError('timeout')`). @default 10000 */
  timeoutMs?: number
  /** Extra headers sent with every request. */
  headers?: Record<string, string>
  /**
   * Transport retries: how many more times to send a request whose connection was refused or whose host did not resolve, i.e.
   * failures where the request provably never reached the server. Never applies to any other failure, since a replayed
   * `createAuthentication` sends a second SMS and a replayed `check` burns an attempt.
   * @default 0
   */
  transportRetries?: number
  /** Clock used for `meta.receivedAt`. @default systemClock */
  clock?: Clock
}

export interface FeedbackInput {
  phoneNumber: string
  status: 'onboarded' | 'not_onboarded'
}

export interface LookupOptions extends RequestOptions {
  /** Extra data to look up, e.g. `['cnam']` for the caller name. */
  type?: 'cnam'[]
}

/** The full client: the three contract operations plus Ding's feedback, status and lookup. */
export interface OtpClient extends OtpContract {
  /** Tells Ding whether the user finished onboarding. */
  feedback(input: FeedbackInput, options?: RequestOptions): Promise<FeedbackResult & { meta: ResponseMeta }>
  /** The authentication's signals and events, told apart by `type`. */
  getAuthenticationStatus(
    authenticationUuid: string,
    options?: RequestOptions,
  ): Promise<AuthenticationStatusResult & { meta: ResponseMeta }>
  /** Carrier, line type and country of a phone number. */
  lookup(phoneNumber: string, options?: LookupOptions): Promise<LookupResult & { meta: ResponseMeta }>
  /** @deprecated The seed document's spelling; use `createAuthentication`. */
  createAutentication(input: CreateAuthenticationInput, options?: RequestOptions): Promise<CreateAuthenticationResult>
}

/** Error codes of the refused connections that prove a request never left (Node's undici puts them on `cause`). */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

function neverSent(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NEVER_SENT.has(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/**
 * The human check a 403 `captcha_required` answer asks for, read from its `captcha: { provider, site_key }`; `undefined`
 * when the answer has none or a malformed one (the error keeps its code either way).
 */
function captchaChallengeOf(json: unknown): CaptchaChallenge | undefined {
  const captcha = json && typeof json === 'object' ? (json as { captcha?: unknown }).captcha : undefined
  if (!captcha || typeof captcha !== 'object') return undefined
  const { provider, site_key: siteKey } = captcha as { provider?: unknown; site_key?: unknown }
  if (typeof provider !== 'string' || provider === '' || typeof siteKey !== 'string' || siteKey === '') return undefined
  return { provider, siteKey }
}

function compact<T extends Record<string, unknown>>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Partial<T>
}

/** What the three contract operations need from the transport. */
interface Transport {
  request: <T extends z.ZodMiniType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body: Record<string, unknown> | undefined,
    requestOptions?: RequestOptions & { headers?: Record<string, string> },
  ) => Promise<z.output<T> & { meta: ResponseMeta }>
  /** Adds `customer_uuid` to a body when the client has one (Ding); the app's endpoint adds its own. */
  withCustomer: (body: Record<string, unknown>) => Record<string, unknown>
}

function createTransport(options: OtpClientOptions, defaultBaseUrl: string): Transport {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 10_000
  const clock = options.clock ?? systemClock
  const transportRetries = Math.max(0, options.transportRetries ?? 0)

  async function request<T extends z.ZodMiniType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body: Record<string, unknown> | undefined,
    requestOptions: RequestOptions & { headers?: Record<string, string> } = {},
  ): Promise<z.output<T> & { meta: ResponseMeta }> {
    const { signal } = requestOptions
    if (signal?.aborted) throw new OtpError('aborted', 'The request was aborted before it was sent')
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...requestOptions.headers }
    if (body) headers['content-type'] = 'application/json'
    if (options.apiKey) headers['x-api-key'] = options.apiKey
    const fetchImpl = options.fetch ?? globalThis.fetch
    const url = `${baseUrl}${path}`

    let response: Response
    for (let attempt = 0; ; attempt += 1) {
      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, timeoutMs)
      const onAbort = () => controller.abort()
      signal?.addEventListener('abort', onAbort, { once: true })
      try {
        response = await fetchImpl(url, {
          method,
          headers,
          body: body ? JSON.stringify(body) : undefined,
          signal: controller.signal,
        })
        break
      } catch (error) {
        if (timedOut) throw new OtpError('timeout', `No answer within ${timeoutMs} ms`, { cause: error })
        if (signal?.aborted) throw new OtpError('aborted', 'The request was aborted', { cause: error })
        if (attempt < transportRetries && neverSent(error)) continue
        throw new OtpError('network_error', 'The server could not be reached', { cause: error })
      } finally {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
    }

    const receivedAtMs = clock.now()
    const dateHeader = response.headers.get('date')
    const serverDateMs = dateHeader ? Date.parse(dateHeader) : Number.NaN
    const meta: ResponseMeta = {
      receivedAt: new Date(receivedAtMs),
      ...(Number.isNaN(serverDateMs) ? {} : { serverDate: new Date(serverDateMs) }),
    }

    let text: string
    try {
      text = await response.text()
    } catch (error) {
      if (signal?.aborted) throw new OtpError('aborted', 'The request was aborted', { cause: error })
      throw new OtpError('network_error', 'The answer was cut off', { status: response.status, cause: error })
    }
    let json: unknown
    let jsonOk = false
    try {
      json = JSON.parse(text)
      jsonOk = true
    } catch {
      jsonOk = false
    }

    if (!response.ok) throw errorFromResponse(response, jsonOk ? json : undefined, receivedAtMs)
    if (!jsonOk) {
      throw new OtpError('invalid_response', `Expected JSON, got ${text.length === 0 ? 'an empty body' : 'something else'}`, {
        status: response.status,
      })
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new OtpError(
        'invalid_response',
        `Unexpected answer: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim(),
        {
          status: response.status,
          cause: parsed.error,
        },
      )
    }
    return { ...(parsed.data as object), meta } as z.output<T> & { meta: ResponseMeta }
  }

  function errorFromResponse(response: Response, json: unknown, now: number): OtpError {
    const body = wireErrorSchema.safeParse(json)
    const wire = body.success ? body.data : {}
    const status = response.status
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now)
    const captcha = captchaChallengeOf(json)
    const extra = { status, docUrl: wire.doc_url, retryAfter, ...(captcha ? { captcha } : {}) }
    if (wire.code) return new OtpError(wire.code, wire.message ?? wire.code, extra)
    if (status === 401 || status === 403) return new OtpError('unauthorized', wire.message ?? 'Unauthorized', extra)
    if (status === 429) return new OtpError('rate_limited', wire.message ?? 'Too many requests', extra)
    if (status >= 500) return new OtpError('server_error', wire.message ?? `Server error (${status})`, extra)
    if (json === undefined) return new OtpError('invalid_response', `HTTP ${status} without a JSON error body`, extra)
    return new OtpError('bad_request', wire.message ?? `Request rejected (${status})`, extra)
  }

  const withCustomer = (body: Record<string, unknown>): Record<string, unknown> =>
    options.customerUuid ? { customer_uuid: options.customerUuid, ...body } : body

  return { request, withCustomer }
}

/** The snake_case fields that both bodies of `createAuthentication` have: what the app's endpoint reads from a browser. */
const endpointFields = (valid: {
  phoneNumber: string
  deviceType?: string | undefined
  appVersion?: string | undefined
  isReturningUser?: boolean | undefined
  locale?: string | undefined
  channel?: string | undefined
}) => ({
  phone_number: valid.phoneNumber,
  device_type: valid.deviceType,
  app_version: valid.appVersion,
  is_returning_user: valid.isReturningUser,
  locale: valid.locale,
  channel: valid.channel,
})

/** The snake_case body of `createAuthentication` for Ding: every field of the input. */
function dingAuthenticationBody(input: CreateAuthenticationInput): Record<string, unknown> {
  const valid = validate(createAuthenticationInputSchema, input)
  return {
    ...endpointFields(valid),
    ip: valid.ip,
    device_id: valid.deviceId,
    callback_url: valid.callbackUrl,
    app_realm: valid.appRealm,
    os_version: valid.osVersion,
    device_model: valid.deviceModel,
    template_id: valid.templateId,
    correlation_id: valid.correlationId,
    sender_id: valid.senderId,
  }
}

/**
 * The body of `createAuthentication` for the app's endpoint: the fields it reads from a browser. It sets the IP and
 * the Ding-only fields itself, so they are neither checked nor sent here.
 */
function endpointAuthenticationBody(input: CreateAuthenticationInput): Record<string, unknown> {
  const valid = validate(endpointAuthenticationInputSchema, input)
  return { ...endpointFields(valid), captcha_token: valid.captchaToken }
}

/** `createAuthentication`, `check` and `retry` over a transport, with the body of `createAuthentication` it sends. */
function contractMethods(
  { request, withCustomer }: Transport,
  authenticationBody: (input: CreateAuthenticationInput) => Record<string, unknown>,
): OtpContract {
  const createAuthentication: OtpClient['createAuthentication'] = (input, requestOptions) => {
    try {
      const body = compact(authenticationBody(input))
      return request('POST', '/authentication', createAuthenticationResponseSchema, withCustomer(body), requestOptions)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  return {
    createAuthentication,
    check(input: CheckInput, requestOptions?: RequestOptions): Promise<CheckResult> {
      try {
        const valid = validate(checkInputSchema, input)
        const body = compact({
          authentication_uuid: valid.authenticationUuid,
          check_code: valid.checkCode,
          flow_token: valid.flowToken,
        })
        return request('POST', '/check', checkResponseSchema, withCustomer(body), requestOptions)
      } catch (error) {
        return Promise.reject(error)
      }
    },

    retry(input: RetryInput, requestOptions?: RequestOptions): Promise<RetryResult> {
      try {
        const valid = validate(retryInputSchema, input)
        const body = compact({
          authentication_uuid: valid.authenticationUuid,
          flow_token: valid.flowToken,
          channel: valid.channel,
        })
        return request('POST', '/retry', retryResponseSchema, withCustomer(body), requestOptions)
      } catch (error) {
        return Promise.reject(error)
      }
    },
  }
}

/** Options of {@link createEndpointClient}: no key and no customer UUID, since it runs in the browser. */
export type EndpointClientOptions = Omit<OtpClientOptions, 'apiKey' | 'customerUuid'>

/**
 * A client for the app's own endpoint (`@otpflow/server`): the three contract operations and nothing else, with no
 * place for a secret. It is what `<OtpFlowProvider endpoint>` and `<PhoneVerify endpoint>` use, and the smallest
 * client to ship to a browser.
 *
 * @example
 * const otp = createEndpointClient() // baseUrl '/api/otp'
 * const sent = await otp.createAuthentication({ phoneNumber: '+14155552671' })
 */
export function createEndpointClient(options: EndpointClientOptions = {}): OtpContract {
  return contractMethods(createTransport(options, '/api/otp'), endpointAuthenticationBody)
}

/**
 * Creates a typed client for the OTP contract.
 *
 * Server side it talks to Ding with the API key; in a browser it talks to the app's endpoint with no secret.
 *
 * @example
 * // server
 * const ding = createOtpClient({ apiKey: process.env.DING_API_KEY, customerUuid: process.env.DING_CUSTOMER_UUID })
 * // browser
 * const otp = createOtpClient({ baseUrl: '/api/otp' })
 * const sent = await otp.createAuthentication({ phoneNumber: '+14155552671' })
 */
export function createOtpClient(options: OtpClientOptions = {}): OtpClient {
  const transport = createTransport(options, DING_BASE_URL)
  const { request, withCustomer } = transport
  const contract = contractMethods(transport, dingAuthenticationBody)
  const client: OtpClient = {
    ...contract,
    createAutentication: contract.createAuthentication,

    feedback(input, requestOptions) {
      try {
        const valid = validate(feedbackInputSchema, input)
        return request(
          'POST',
          '/authentication/feedback',
          feedbackResponseSchema,
          withCustomer({ phone_number: valid.phoneNumber, status: valid.status }),
          requestOptions,
        )
      } catch (error) {
        return Promise.reject(error)
      }
    },

    getAuthenticationStatus(authenticationUuid, requestOptions) {
      if (typeof authenticationUuid !== 'string' || authenticationUuid.trim() === '') {
        return Promise.reject(
          new OtpError('invalid_request', 'Invalid authenticationUuid: must not be empty', { field: 'authenticationUuid' }),
        )
      }
      return request(
        'GET',
        `/authentication/${encodeURIComponent(authenticationUuid)}`,
        authenticationStatusResponseSchema,
        undefined,
        requestOptions,
      )
    },

    lookup(phoneNumber, lookupOptions = {}) {
      try {
        const valid = validate(e164Schema, phoneNumber)
        const query = (lookupOptions.type ?? []).map((type) => `type=${encodeURIComponent(type)}`).join('&')
        const headers = options.customerUuid ? { 'customer-uuid': options.customerUuid } : undefined
        return request(
          'GET',
          `/lookup/${encodeURIComponent(valid)}${query ? `?${query}` : ''}`,
          lookupResponseSchema,
          undefined,
          {
            signal: lookupOptions.signal,
            headers,
          },
        )
      } catch (error) {
        return Promise.reject(error)
      }
    },
  }
  return client
}
