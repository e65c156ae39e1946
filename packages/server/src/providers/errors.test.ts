import { httpStatusOf, KNOWN_ERROR_CODES, OtpError } from '@otpflow/core'
import { describe, expect, it } from 'vitest'
import { PROVIDER_ERROR_CODES, toProviderError } from './errors'

describe('toProviderError: what the endpoint answers when a provider fails', () => {
  it('answers every code a provider can throw, known or not, with a code that has an HTTP status', () => {
    for (const code of [...KNOWN_ERROR_CODES, 'something_new']) {
      const mapped = toProviderError(new OtpError(code, 'provider words'))
      expect(PROVIDER_ERROR_CODES, code).toContain(mapped.code)
      expect(httpStatusOf(mapped.code), code).toBeGreaterThanOrEqual(400)
    }
    expect(toProviderError(new TypeError('fetch failed')).code).toBe('upstream_error')
  })

  it("passes the number's own problems and rate limits through, with their delay", () => {
    for (const code of ['invalid_phone_number', 'invalid_line', 'unsupported_region', 'blocked_number', 'spam_detected']) {
      expect(toProviderError(new OtpError(code, 'words')).code).toBe(code)
    }
    // A channel the number cannot take: the user can still take another one.
    expect(toProviderError(new OtpError('unsupported_channel', 'no WhatsApp')).code).toBe('unsupported_channel')
    const limited = toProviderError(new OtpError('rate_limited', 'slow down', { retryAfter: 30 }))
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfter: 30 })
  })

  it('answers a refused account as service_unavailable, naming the cause for the log', () => {
    for (const code of ['unauthorized', 'account_invalid', 'suspended_account', 'negative_balance', 'service_unavailable']) {
      const mapped = toProviderError(new OtpError(code, 'words', { retryAfter: 5 }))
      expect(mapped.code, code).toBe('service_unavailable')
      expect(mapped.message).toBe(`Provider refused the account: ${code}: words`)
      expect(mapped.retryAfter).toBeUndefined()
    }
  })

  it('answers timeouts as upstream_timeout and anything else as upstream_error', () => {
    expect(toProviderError(new OtpError('timeout', 'No answer within 10000 ms')).code).toBe('upstream_timeout')
    expect(toProviderError(new OtpError('upstream_timeout', 'late')).code).toBe('upstream_timeout')
    for (const code of ['server_error', 'internal_server_error', 'invalid_response', 'resend_denied', 'aborted', 'bad_request']) {
      const mapped = toProviderError(new OtpError(code, 'words'))
      expect(mapped.code, code).toBe('upstream_error')
      expect(mapped.message).toBe(`Provider failed: ${code}: words`)
    }
  })
})
