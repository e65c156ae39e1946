'use client'
export { type OtpFlowContextValue, OtpFlowProvider, type OtpFlowProviderProps, useOtpFlowContext } from './otp-flow-provider'
export type { ResendOptions, SendOptions } from './resend-options'
export { type UseCountdownOptions, useCountdown } from './use-countdown'
export {
  type CaptchaOption,
  type CaptchaRenderProps,
  type UseOtpFlowActions,
  type UseOtpFlowOptions,
  type UseOtpFlowResult,
  type UseOtpFlowResultOf,
  useOtpFlow,
  type VerifiedDetails,
} from './use-otp-flow'
