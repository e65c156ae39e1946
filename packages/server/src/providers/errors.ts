import { errorGroup, isOtpError, OtpError, type OtpErrorOptions } from '@otpflow/core'

/** Codes the endpoint answers with after a provider call fails; see the table in `./types.ts`. */
export const PROVIDER_ERROR_CODES = [
  'invalid_phone_number',
  'invalid_line',
  'unsupported_region',
  'blocked_number',
  'unsupported_channel',
  'spam_detected',
  'rate_limited',
  'service_unavailable',
  'upstream_timeout',
  'upstream_error',
] as const

export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number]

/**
 * Maps whatever a provider threw onto one of {@link PROVIDER_ERROR_CODES} by its code's group in core's `ERROR_CODES`,
 * keeping the original as `cause` (for the log): the number's own problems and rate limits pass through (the client
 * may show them); the provider refusing the operator's account, or saying it is unavailable, is `service_unavailable`
 * (the operator must act, the user can only wait); a timeout is `upstream_timeout`; anything else `upstream_error`.
 * Accepts the errors `createOtpClient` throws (Ding's codes and the transport codes), so a provider built on it can let them through.
 */
export function toProviderError(error: unknown): OtpError & { code: ProviderErrorCode } {
  const mapped = (code: ProviderErrorCode, message: string, options: OtpErrorOptions) =>
    new OtpError(code, message, options) as OtpError & { code: ProviderErrorCode }
  if (!isOtpError(error)) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return mapped('upstream_error', `Provider failed: ${detail}`, { cause: error })
  }
  const group = errorGroup(error.code)
  const options = { status: error.status, cause: error }
  // The channel asked for does not reach this number: another channel, or a plain resend, still can.
  const channelRefused = error.code === 'unsupported_channel'
  if ((group === 'phone' || group === 'wait' || channelRefused) && isProviderErrorCode(error.code)) {
    return mapped(error.code, error.message, { ...options, retryAfter: error.retryAfter })
  }
  if (group === 'account' || error.code === 'service_unavailable') {
    return mapped('service_unavailable', `Provider refused the account: ${error.code}: ${error.message}`, options)
  }
  if (group === 'timeout') return mapped('upstream_timeout', error.message, options)
  return mapped('upstream_error', `Provider failed: ${error.code}: ${error.message}`, options)
}

const isProviderErrorCode = (code: string): code is ProviderErrorCode =>
  (PROVIDER_ERROR_CODES as readonly string[]).includes(code)
