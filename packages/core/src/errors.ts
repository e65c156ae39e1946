/**
 * Error codes an {@link OtpError} can carry.
 *
 * The contract's own codes (from the API's `ErrorResponse.code`), the endpoint's codes, and the client's
 * transport codes. The set is open: a code never seen before is kept as it is.
 */
export const KNOWN_ERROR_CODES = [
  // Ding's ErrorResponse codes
  'account_invalid',
  'app_realm_require_device_type',
  'bad_request',
  'blocked_number',
  'duplicated_feedback_status',
  'impossible_code',
  'internal_server_error',
  'invalid_app_realm',
  'invalid_app_version',
  'invalid_auth_uuid',
  'invalid_device_id',
  'invalid_device_model',
  'invalid_feedback_status',
  'invalid_line',
  'invalid_os_version',
  'invalid_phone_number',
  'invalid_sender_id',
  'invalid_template_id',
  'negative_balance',
  'no_associated_auth_found',
  'spending_limit_exceeded',
  'suspended_account',
  'unauthorized_sender_id',
  'unsupported_app_realm_device_type',
  'unsupported_region',
  // the app's endpoint (@otpflow/server)
  'invalid_flow_token',
  'forbidden_origin',
  'method_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'spam_detected',
  'service_unavailable',
  'upstream_timeout',
  'upstream_error',
  'invalid_token',
  'expired_token',
  'sandbox_token',
  // the flow (@otpflow/core/flow and useOtpFlow)
  'invalid_code',
  'expired',
  'resend_denied',
  'without_attempt',
  'already_validated',
  'unknown_status',
  'unexpected_error',
  // transport and client
  'unauthorized',
  'rate_limited',
  'server_error',
  'network_error',
  'timeout',
  'aborted',
  'invalid_response',
  'invalid_request',
] as const

export type KnownOtpErrorCode = (typeof KNOWN_ERROR_CODES)[number]
/** A known code, or any other string the API sends (kept, never dropped). */
export type OtpErrorCode = KnownOtpErrorCode | (string & {})

export interface OtpErrorOptions {
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number
  /** Link to the provider's documentation of this error (Ding's `doc_url`). */
  docUrl?: string
  /** Seconds to wait before trying again (from `Retry-After`), on `rate_limited`. */
  retryAfter?: number
  /** The field that failed validation, on `invalid_request`. */
  field?: string
  cause?: unknown
}

/**
 * The one error type of otpflow. Tell errors apart by `code`.
 *
 * @example
 * try { await client.check({ authenticationUuid, checkCode }) }
 * catch (error) { if (isOtpError(error) && error.code === 'timeout') retryLater() }
 */
export class OtpError extends Error {
  override readonly name = 'OtpError'
  readonly code: OtpErrorCode
  readonly status: number | undefined
  readonly docUrl: string | undefined
  readonly retryAfter: number | undefined
  readonly field: string | undefined

  constructor(code: OtpErrorCode, message: string, options: OtpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
    this.docUrl = options.docUrl
    this.retryAfter = options.retryAfter
    this.field = options.field
  }

  /** Whether trying the same operation again later can succeed (network trouble, timeouts, 5xx, rate limits). */
  get retryable(): boolean {
    return (
      this.code === 'network_error' ||
      this.code === 'timeout' ||
      this.code === 'server_error' ||
      this.code === 'upstream_timeout' ||
      this.code === 'upstream_error' ||
      this.code === 'service_unavailable' ||
      this.code === 'rate_limited'
    )
  }

  toJSON(): { code: OtpErrorCode; message: string; status?: number; docUrl?: string; retryAfter?: number; field?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.docUrl === undefined ? {} : { docUrl: this.docUrl }),
      ...(this.retryAfter === undefined ? {} : { retryAfter: this.retryAfter }),
      ...(this.field === undefined ? {} : { field: this.field }),
    }
  }
}

export function isOtpError(value: unknown): value is OtpError {
  return value instanceof OtpError
}
