import { type EndpointErrorCode, ERROR_CODES, httpStatusOf, OtpError } from '@otpflow/core'
import { isStoreUnavailableError } from '../store-errors'
import type { Answer } from './answer'

export type { EndpointErrorCode } from '@otpflow/core'

/** HTTP status of every error code the endpoint answers with, as core's `ERROR_CODES` gives it. */
export const ERROR_HTTP_STATUS = Object.fromEntries(
  Object.entries(ERROR_CODES).flatMap(([code, info]) => ('status' in info ? [[code, info.status]] : [])),
) as { readonly [Code in EndpointErrorCode]: (typeof ERROR_CODES)[Code]['status'] }

/** Messages written by the endpoint itself, so nothing from a provider or a stack reaches the client. */
const MESSAGES: Record<EndpointErrorCode, string> = {
  invalid_request: 'The request is not valid',
  invalid_phone_number: 'This phone number is not valid',
  invalid_line: 'This type of phone line cannot receive codes',
  unsupported_region: 'Phone numbers from this region are not supported',
  blocked_number: 'This phone number is blocked',
  invalid_flow_token: 'The flow token is missing, invalid or for another authentication',
  forbidden_origin: 'Requests from this origin are not allowed',
  spam_detected: 'This attempt was flagged as fraudulent',
  captcha_required: 'Complete the human check to get a code',
  not_found: 'No such route',
  method_not_allowed: 'Method not allowed',
  payload_too_large: 'The body is too large',
  unsupported_media_type: 'The body must be application/json',
  unsupported_channel: 'This channel is not offered for this number',
  rate_limited: 'Too many requests, try again later',
  server_error: 'Something went wrong on our side',
  upstream_error: 'The verification service answered with an error',
  service_unavailable: 'The verification service is unavailable',
  upstream_timeout: 'The verification service did not answer in time',
}

/** A 429 from a provider may come without a delay; a client still needs one to wait. */
const DEFAULT_RETRY_AFTER_SECONDS = 60

export interface HttpErrorOptions {
  /** Sent to the client instead of the code's own message. */
  message?: string
  /** The body field at fault, sent as `field`. */
  field?: string
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number
  /** More response headers (e.g. `Allow`). */
  headers?: Record<string, string>
  /** For the log only, never sent: what a provider said, what went wrong inside. */
  detail?: string
  /** More fields of the JSON body, beside `code` and `message` (e.g. the widget of a `captcha_required`). */
  body?: Record<string, unknown>
  /** The log line's level, when the status alone would not say it (a fraud refusal is a warning, even as a 400). */
  logLevel?: 'info' | 'warn' | 'error'
  cause?: unknown
}

/**
 * Thrown anywhere in a request to answer with an error: `{ code, message, field? }` with the code's HTTP status.
 *
 * @example
 * if (!allowed) throw new HttpError('forbidden_origin')
 */
export class HttpError extends OtpError {
  declare readonly code: EndpointErrorCode
  declare readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly detail: string | undefined
  readonly extraBody: Readonly<Record<string, unknown>> | undefined
  readonly logLevel: 'info' | 'warn' | 'error' | undefined

  constructor(code: EndpointErrorCode, options: HttpErrorOptions = {}) {
    super(code, options.message ?? MESSAGES[code], {
      status: httpStatusOf(code),
      ...(options.retryAfter === undefined ? {} : { retryAfter: options.retryAfter }),
      ...(options.field === undefined ? {} : { field: options.field }),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    })
    this.headers = options.headers ?? {}
    this.detail = options.detail
    this.extraBody = options.body
    this.logLevel = options.logLevel
  }

  /**
   * The answer for anything a request threw: an `HttpError` as it is; a store that cannot count as 503 (fail closed:
   * a limit the store cannot read is not a limit that passed; a full memory store says when a place frees up); anything
   * else as 500, its text in the log only.
   */
  static from(error: unknown): HttpError {
    if (error instanceof HttpError) return error
    if (isStoreUnavailableError(error)) {
      return new HttpError('service_unavailable', {
        ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
        detail: error.message,
      })
    }
    return new HttpError('server_error', { detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
  }

  answer(): Answer {
    const headers: Record<string, string> = { ...this.headers }
    if (this.code === 'rate_limited') headers['retry-after'] = String(this.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS)
    else if (this.retryAfter !== undefined) headers['retry-after'] = String(this.retryAfter)
    if (this.code === 'method_not_allowed') headers.allow ??= 'POST'
    const body =
      this.field === undefined
        ? { code: this.code, message: this.message }
        : { code: this.code, message: this.message, field: this.field }
    return {
      status: this.status,
      outcome: this.code,
      headers,
      body: this.extraBody === undefined ? body : { ...body, ...this.extraBody },
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.logLevel === undefined ? {} : { logLevel: this.logLevel }),
    }
  }
}
