import { isRetryableCode, type OtpErrorCode } from './error-codes'
import type { CaptchaChallenge } from './types'

export type { KnownOtpErrorCode, OtpErrorCode } from './error-codes'
export { KNOWN_ERROR_CODES } from './error-codes'

export interface OtpErrorOptions {
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number
  /** Link to the provider's documentation of this error (Ding's `doc_url`). */
  docUrl?: string
  /** Seconds to wait before trying again (from `Retry-After`), on `rate_limited`. */
  retryAfter?: number
  /** The field that failed validation, on `invalid_request`. */
  field?: string
  /** The human check the endpoint asks for, on `captcha_required`. */
  captcha?: CaptchaChallenge
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
  /**
   * On `captcha_required`: the widget the endpoint asks for (vendor and site key). Show it, then send again with its
   * token (`captchaToken`); `useOtpFlow`'s `captcha` option does this for you.
   */
  readonly captcha: CaptchaChallenge | undefined

  constructor(code: OtpErrorCode, message: string, options: OtpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
    this.docUrl = options.docUrl
    this.retryAfter = options.retryAfter
    this.field = options.field
    this.captcha = options.captcha
  }

  /**
   * Whether trying the same operation again later can succeed: the code's group (see `ERROR_CODES`) is a wait, the
   * network, a timeout or a failing service.
   */
  get retryable(): boolean {
    return isRetryableCode(this.code)
  }

  toJSON(): {
    code: OtpErrorCode
    message: string
    status?: number
    docUrl?: string
    retryAfter?: number
    field?: string
    captcha?: CaptchaChallenge
  } {
    return {
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.docUrl === undefined ? {} : { docUrl: this.docUrl }),
      ...(this.retryAfter === undefined ? {} : { retryAfter: this.retryAfter }),
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.captcha === undefined ? {} : { captcha: this.captcha }),
    }
  }
}

export function isOtpError(value: unknown): value is OtpError {
  return value instanceof OtpError
}
