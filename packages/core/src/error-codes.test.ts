import { describe, expect, it } from 'vitest'
import {
  ERROR_CODES,
  type ErrorGroup,
  errorGroup,
  httpStatusOf,
  isEndpointErrorCode,
  isRetryableCode,
  KNOWN_ERROR_CODES,
} from './error-codes'
import { OtpError } from './errors'

const GROUPS: readonly ErrorGroup[] = [
  'phone',
  'code',
  'wait',
  'session',
  'network',
  'timeout',
  'unavailable',
  'account',
  'request',
  'proof',
  'challenge',
  'aborted',
  'unexpected',
]

/** The answers of the app's endpoint, as its README documents them: every one needs a status. */
const ENDPOINT_ANSWERS = {
  invalid_request: 400,
  invalid_phone_number: 400,
  invalid_line: 400,
  unsupported_region: 400,
  blocked_number: 400,
  invalid_flow_token: 401,
  forbidden_origin: 403,
  spam_detected: 403,
  captcha_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unsupported_channel: 400,
  rate_limited: 429,
  server_error: 500,
  upstream_error: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
}

describe('the error code table', () => {
  it('gives every known code one of the documented groups', () => {
    expect(KNOWN_ERROR_CODES.length).toBeGreaterThan(50)
    for (const code of KNOWN_ERROR_CODES) expect(GROUPS, code).toContain(errorGroup(code))
    // Every group is used by some code, so none is a dead word.
    expect(new Set(KNOWN_ERROR_CODES.map(errorGroup))).toEqual(new Set(GROUPS))
  })

  it('puts an unknown code, or an inherited property name, in the unexpected group', () => {
    expect(errorGroup('a_code_from_next_year')).toBe('unexpected')
    expect(errorGroup('toString')).toBe('unexpected')
    expect(httpStatusOf('constructor')).toBeUndefined()
  })

  it('gives every code the endpoint answers with its HTTP status, and no other code a status', () => {
    for (const [code, status] of Object.entries(ENDPOINT_ANSWERS)) {
      expect(httpStatusOf(code), code).toBe(status)
      expect(isEndpointErrorCode(code)).toBe(true)
    }
    const withStatus = KNOWN_ERROR_CODES.filter((code) => httpStatusOf(code) !== undefined)
    expect(withStatus.sort()).toEqual(Object.keys(ENDPOINT_ANSWERS).sort())
  })

  it('answers the wait with 429, the client side with 4xx and the service side with 5xx', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      if (!('status' in info)) continue
      if (info.group === 'wait') expect(info.status, code).toBe(429)
      else if (info.group === 'unavailable' || info.group === 'timeout') expect(info.status, code).toBeGreaterThanOrEqual(500)
      else expect(info.status, code).toBeLessThan(500)
    }
  })

  it('says a code is retryable when it is a wait, the network, a timeout or a failing service', () => {
    const retryable = KNOWN_ERROR_CODES.filter(isRetryableCode).sort()
    expect(retryable).toEqual(
      [
        'internal_server_error',
        'network_error',
        'rate_limited',
        'resend_denied',
        'server_error',
        'service_unavailable',
        'timeout',
        'upstream_error',
        'upstream_timeout',
      ].sort(),
    )
    expect(isRetryableCode('invalid_phone_number')).toBe(false)
    expect(isRetryableCode('something_new')).toBe(false)
  })

  it('is what OtpError.retryable reads', () => {
    for (const code of [...KNOWN_ERROR_CODES, 'something_new']) {
      expect(new OtpError(code, 'message').retryable, code).toBe(isRetryableCode(code))
    }
  })
})
