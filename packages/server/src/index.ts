// The shape of verifyPhoneToken's answer, as a zod schema, for an app that passes the verified number on.
export { type VerifiedPhoneClaims, verifiedPhoneSchema } from '@otpflow/core'
export type { ConversionGuardAlert, OtpAlert, OtpAlertHandler, SendBudgetAlert } from './fraud/alerts'
export type { SendBudgets } from './fraud/budgets'
export type {
  CaptchaCheck,
  CaptchaPolicy,
  CaptchaProviderName,
  CaptchaVerdict,
  CaptchaVerifier,
  RecaptchaVerifierOptions,
  SiteverifyOptions,
} from './fraud/captcha'
export { CaptchaUnavailableError, hcaptchaVerifier, recaptchaVerifier, turnstileVerifier } from './fraud/captcha'
export type { ConversionGuardOption, ConversionGuardOptions, ConversionRule } from './fraud/conversion-guard'
export { DEFAULT_CONVERSION_GUARD } from './fraud/conversion-guard'
export type { NumberType } from './fraud/number-facts'
export { DEFAULT_ALLOWED_NUMBER_TYPES, NUMBER_TYPES } from './fraud/number-facts'
export type { OtpEnv, OtpHandlerFromEnv, OtpHandlerFromEnvOverrides } from './from-env'
export { createOtpHandlerFromEnv } from './from-env'
export type { EndpointErrorCode, OtpHandler, OtpHandlerInfo, OtpHandlerOptions } from './handler'
export { createOtpHandler, ERROR_HTTP_STATUS, MAX_BODY_BYTES } from './handler'
export type { OtpLimits, OtpLimitsOption, RateLimit } from './limits'
export { DEFAULT_LIMITS } from './limits'
export type { OtpLogEntry, OtpLogger } from './log'
export { consoleLogger, type JsonLinesLoggerOptions, jsonLinesLogger, maskPhoneNumber } from './log'
export type { NodeBindings, NodeIncomingMessage } from './node'
export { toNodeHandler } from './node'
export type { DingProviderOptions } from './providers/ding'
export { dingProvider, dingProviderFromEnv } from './providers/ding'
export type { ProviderErrorCode } from './providers/errors'
export { PROVIDER_ERROR_CODES, toProviderError } from './providers/errors'
export type { PreludeProviderOptions, ResendPolicy } from './providers/prelude'
export { PRELUDE_RESEND_POLICY, preludeProvider, preludeProviderFromEnv } from './providers/prelude'
export { PROVIDERS_FROM_ENV } from './providers/registry'
export type { SandboxProvider } from './providers/sandbox'
export { isSandboxProvider, sandboxProvider } from './providers/sandbox'
export type { TwilioCredentials, TwilioVerifyProviderOptions } from './providers/twilio'
export { TWILIO_RESEND_POLICY, twilioProviderFromEnv, twilioVerifyProvider } from './providers/twilio'
export type {
  OtpProvider,
  ProviderCheckResult,
  ProviderContext,
  ProviderFlow,
  ProviderFromEnv,
  ProviderRetryResult,
  ProviderSendInput,
  ProviderSendResult,
  ProviderState,
} from './providers/types'
export type { MemoryStoreOptions, Store, StoreCounter } from './store'
export { createMemoryStore, StoreFullError } from './store'
export { isStoreUnavailableError, StoreUnavailableError } from './store-errors'
export type { OtpSecret, VerifiedPhone, VerifyPhoneTokenOptions } from './tokens'
export { verifyPhoneToken } from './tokens'
