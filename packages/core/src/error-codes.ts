/**
 * Every error code otpflow knows, in one table: what kind of trouble it is (its group) and, for the codes the app's
 * endpoint (`@otpflow/server`) answers with, the HTTP status it answers them with. `OtpError.retryable`, the
 * endpoint's answers and its mapping of provider errors read this table; a UI reads the group to pick a message
 * and a way out. A new code is one row here (plus its words in each language of the UI that shows it).
 *
 * This module imports nothing, so the flow machine and a UI can read it without the HTTP client.
 */

/**
 * What kind of trouble a code is, by what can be done about it:
 *
 * | group | meaning | what helps |
 * |---|---|---|
 * | `phone` | this number cannot get a code (invalid, a landline, a region not served, blocked, flagged as fraud) | another number |
 * | `code` | the code typed is wrong, or can no longer be checked | another code, or a new one |
 * | `wait` | a limit was reached; `retryAfter` (or the resend deadline) says for how long | waiting |
 * | `session` | the verification is lost on the server (unknown authentication, a flow token that no longer passes) | starting again from the number |
 * | `network` | the request got no answer (offline, connection refused) | trying again |
 * | `timeout` | the answer did not come in time (from the endpoint, or the provider behind it) | trying again |
 * | `unavailable` | the service failed (5xx, provider down, the store out of reach) | trying again later |
 * | `account` | the provider refuses the operator's account (key, suspension, balance, spending limit) | the operator |
 * | `request` | the service refused the request itself (a malformed body, a route or setting that does not exist) | fixing the app |
 * | `proof` | a `verification_token` is refused (`verifyPhoneToken`) | verifying again |
 * | `challenge` | the endpoint asks for a human check (a captcha) before it sends a code; the answer names the widget | completing the check, then the same request with its token |
 * | `aborted` | the caller cancelled the request | nothing |
 * | `unexpected` | an answer that could not be understood, and any code not in this table | trying again, then support |
 */
export type ErrorGroup =
  | 'phone'
  | 'code'
  | 'wait'
  | 'session'
  | 'network'
  | 'timeout'
  | 'unavailable'
  | 'account'
  | 'request'
  | 'proof'
  | 'challenge'
  | 'aborted'
  | 'unexpected'

/** Groups where trying the same operation again later can succeed. */
const RETRYABLE_GROUPS: ReadonlySet<ErrorGroup> = new Set<ErrorGroup>(['wait', 'network', 'timeout', 'unavailable'])

export interface ErrorCodeInfo {
  readonly group: ErrorGroup
  /** The HTTP status the app's endpoint answers this code with; absent for codes it never answers with. */
  readonly status?: number
}

/**
 * The codes: Ding's `ErrorResponse` codes, the endpoint's own, the flow's, the client's transport codes and
 * `verifyPhoneToken`'s. The set of codes an `OtpError` carries stays open: an unknown code is kept as it is, in the
 * `unexpected` group.
 */
export const ERROR_CODES = {
  // the number
  invalid_phone_number: { group: 'phone', status: 400 },
  invalid_line: { group: 'phone', status: 400 },
  unsupported_region: { group: 'phone', status: 400 },
  blocked_number: { group: 'phone', status: 400 },
  spam_detected: { group: 'phone', status: 403 },
  // the code
  invalid_code: { group: 'code' },
  impossible_code: { group: 'code' },
  expired: { group: 'code' },
  without_attempt: { group: 'code' },
  already_validated: { group: 'code' },
  // limits
  rate_limited: { group: 'wait', status: 429 },
  resend_denied: { group: 'wait' },
  // the verification is gone
  invalid_flow_token: { group: 'session', status: 401 },
  invalid_auth_uuid: { group: 'session' },
  no_associated_auth_found: { group: 'session' },
  // transport and service
  network_error: { group: 'network' },
  timeout: { group: 'timeout' },
  upstream_timeout: { group: 'timeout', status: 504 },
  server_error: { group: 'unavailable', status: 500 },
  internal_server_error: { group: 'unavailable' },
  upstream_error: { group: 'unavailable', status: 502 },
  service_unavailable: { group: 'unavailable', status: 503 },
  // the operator's account at the provider
  unauthorized: { group: 'account' },
  account_invalid: { group: 'account' },
  suspended_account: { group: 'account' },
  negative_balance: { group: 'account' },
  spending_limit_exceeded: { group: 'account' },
  // the request itself
  invalid_request: { group: 'request', status: 400 },
  forbidden_origin: { group: 'request', status: 403 },
  not_found: { group: 'request', status: 404 },
  method_not_allowed: { group: 'request', status: 405 },
  payload_too_large: { group: 'request', status: 413 },
  unsupported_media_type: { group: 'request', status: 415 },
  // A `channel` the endpoint does not offer for this number (its provider cannot, its configuration does not, or the
  // number's country is not among the channel's); the message names the ones it offers.
  unsupported_channel: { group: 'request', status: 400 },
  bad_request: { group: 'request' },
  app_realm_require_device_type: { group: 'request' },
  duplicated_feedback_status: { group: 'request' },
  invalid_app_realm: { group: 'request' },
  invalid_app_version: { group: 'request' },
  invalid_device_id: { group: 'request' },
  invalid_device_model: { group: 'request' },
  invalid_feedback_status: { group: 'request' },
  invalid_os_version: { group: 'request' },
  invalid_sender_id: { group: 'request' },
  invalid_template_id: { group: 'request' },
  unauthorized_sender_id: { group: 'request' },
  unsupported_app_realm_device_type: { group: 'request' },
  // the proof (verifyPhoneToken)
  invalid_token: { group: 'proof' },
  expired_token: { group: 'proof' },
  sandbox_token: { group: 'proof' },
  // Spent by an earlier `verifyPhoneToken(…, { store })`. No status: the endpoint never answers it (the app's own
  // handler does; 409 Conflict fits, since the proof itself is genuine and current).
  token_used: { group: 'proof' },
  // A send the endpoint will make only after a human check (a captcha), or whose check failed or expired. The answer
  // carries `captcha: { provider, site_key }`, the widget to show; the same send with its `captcha_token` goes through.
  // Not retryable as it stands: the same request without a token gets the same answer.
  captcha_required: { group: 'challenge', status: 403 },
  // the rest
  aborted: { group: 'aborted' },
  invalid_response: { group: 'unexpected' },
  unknown_status: { group: 'unexpected' },
  unexpected_error: { group: 'unexpected' },
} as const satisfies Record<string, ErrorCodeInfo>

export type KnownOtpErrorCode = keyof typeof ERROR_CODES

/** A known code, or any other string the API sends (kept, never dropped). */
export type OtpErrorCode = KnownOtpErrorCode | (string & {})

/** Every known code, in the table's order. */
export const KNOWN_ERROR_CODES = Object.keys(ERROR_CODES) as readonly KnownOtpErrorCode[]

/** The codes the endpoint answers with, each with its HTTP status. */
export type EndpointErrorCode = {
  [Code in KnownOtpErrorCode]: (typeof ERROR_CODES)[Code] extends { status: number } ? Code : never
}[KnownOtpErrorCode]

const info = (code: string): ErrorCodeInfo | undefined =>
  Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code as KnownOtpErrorCode] : undefined

/**
 * The group of a code; `unexpected` for a code not in {@link ERROR_CODES}.
 *
 * @example
 * if (errorGroup(error.code) === 'phone') showUnderThePhoneField(error)
 */
export function errorGroup(code: OtpErrorCode): ErrorGroup {
  return info(code)?.group ?? 'unexpected'
}

/** Whether trying the same operation again later can succeed: a wait, the network, a timeout, a failing service. */
export function isRetryableCode(code: OtpErrorCode): boolean {
  return RETRYABLE_GROUPS.has(errorGroup(code))
}

/** The HTTP status the endpoint answers a code with, `undefined` for a code it never answers with. */
export function httpStatusOf(code: EndpointErrorCode): number
export function httpStatusOf(code: OtpErrorCode): number | undefined
export function httpStatusOf(code: OtpErrorCode): number | undefined {
  return info(code)?.status
}

/** Whether the endpoint answers with this code (it has an HTTP status in {@link ERROR_CODES}). */
export function isEndpointErrorCode(code: OtpErrorCode): code is EndpointErrorCode {
  return info(code)?.status !== undefined
}
