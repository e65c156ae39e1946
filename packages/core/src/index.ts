export type { EndpointClientOptions, FeedbackInput, LookupOptions, OtpClient, OtpClientOptions } from './client'
export { createEndpointClient, createOtpClient, DING_BASE_URL } from './client'
export { type Clock, systemClock } from './clock'
export type { EndpointErrorCode, ErrorCodeInfo, ErrorGroup, KnownOtpErrorCode, OtpErrorCode } from './error-codes'
export {
  ERROR_CODES,
  errorGroup,
  httpStatusOf,
  isEndpointErrorCode,
  isRetryableCode,
  KNOWN_ERROR_CODES,
} from './error-codes'
export type { OtpErrorOptions } from './errors'
export { isOtpError, OtpError } from './errors'
export * from './flow'
export type {
  AuthenticationEvent,
  AuthenticationStatusResult,
  FeedbackResult,
  LookupResult,
  UnknownAuthenticationEvent,
} from './responses'
export { retryAfterSeconds } from './responses'
export type { InputIssue, WireCheckRequest, WireCreateAuthenticationRequest, WireRetryRequest } from './schemas'
export {
  checkInputSchema,
  createAuthenticationInputSchema,
  e164Schema,
  invalidInputError,
  parseTimestamp,
  retryInputSchema,
  wireCheckRequestSchema,
  wireCreateAuthenticationRequestSchema,
  wireErrorSchema,
  wireRetryRequestSchema,
} from './schemas'
export type * from './types'
export { AUTHENTICATION_STATUSES, CAPTCHA_PROVIDERS, CHECK_STATUSES, OTP_CHANNELS, RETRY_STATUSES } from './types'
export { type VerifiedPhoneClaims, verifiedPhoneSchema } from './verified-phone'
