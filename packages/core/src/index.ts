export type { EndpointClientOptions, FeedbackInput, LookupOptions, OtpClient, OtpClientOptions } from './client'
export { createEndpointClient, createOtpClient, DING_BASE_URL } from './client'
export { type Clock, systemClock } from './clock'
export type { KnownOtpErrorCode, OtpErrorCode, OtpErrorOptions } from './errors'
export { isOtpError, KNOWN_ERROR_CODES, OtpError } from './errors'
export * from './flow'
export type {
  AuthenticationEvent,
  AuthenticationStatusResult,
  FeedbackResult,
  LookupResult,
  UnknownAuthenticationEvent,
} from './responses'
export type { WireCheckRequest, WireCreateAuthenticationRequest, WireRetryRequest } from './schemas'
export {
  checkInputSchema,
  createAuthenticationInputSchema,
  e164Schema,
  parseTimestamp,
  retryInputSchema,
  wireCheckRequestSchema,
  wireCreateAuthenticationRequestSchema,
  wireErrorSchema,
  wireRetryRequestSchema,
} from './schemas'
export type * from './types'
export { AUTHENTICATION_STATUSES, CHECK_STATUSES, RETRY_STATUSES } from './types'
