import { isOtpError, OtpError } from '@otpflow/core'

/** Codes the endpoint answers with after a provider call fails; see the table in `./types.ts`. */
export const PROVIDER_ERROR_CODES = [
  'invalid_phone_number',
  'invalid_line',
  'unsupported_region',
  'blocked_number',
  'spam_detected',
  'rate_limited',
  'service_unavailable',
  'upstream_timeout',
  'upstream_error',
] as const

export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number]

/** The number itself is the problem: the client may show these. */
const PASSED_THROUGH = new Set<string>([
  'invalid_phone_number',
  'invalid_line',
  'unsupported_region',
  'blocked_number',
  'spam_detected',
  'rate_limited',
])

/** The account is the problem (bad key, suspended, no money): the operator must act, the user can only wait. */
const ACCOUNT_CODES = new Set<string>([
  'unauthorized',
  'account_invalid',
  'suspended_account',
  'negative_balance',
  'spending_limit_exceeded',
  'service_unavailable',
])

const TIMEOUT_CODES = new Set<string>(['timeout', 'upstream_timeout'])

/**
 * Maps whatever a provider threw onto one of {@link PROVIDER_ERROR_CODES}, keeping the original as `cause` (for the log).
 * Accepts the errors `createOtpClient` throws (Ding's codes and the transport codes), so a provider built on it can let them through.
 */
export function toProviderError(error: unknown): OtpError & { code: ProviderErrorCode } {
  if (isOtpError(error)) {
    if (PASSED_THROUGH.has(error.code)) {
      return new OtpError(error.code, error.message, {
        status: error.status,
        retryAfter: error.retryAfter,
        cause: error,
      }) as OtpError & {
        code: ProviderErrorCode
      }
    }
    if (ACCOUNT_CODES.has(error.code)) {
      return new OtpError('service_unavailable', `Provider refused the account: ${error.code}: ${error.message}`, {
        status: error.status,
        cause: error,
      }) as OtpError & { code: 'service_unavailable' }
    }
    if (TIMEOUT_CODES.has(error.code)) {
      return new OtpError('upstream_timeout', error.message, { status: error.status, cause: error }) as OtpError & {
        code: 'upstream_timeout'
      }
    }
    return new OtpError('upstream_error', `Provider failed: ${error.code}: ${error.message}`, {
      status: error.status,
      cause: error,
    }) as OtpError & {
      code: 'upstream_error'
    }
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return new OtpError('upstream_error', `Provider failed: ${detail}`, { cause: error }) as OtpError & { code: 'upstream_error' }
}
