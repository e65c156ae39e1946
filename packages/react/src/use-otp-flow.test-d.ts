import type { CaptchaChallenge, OtpChannel, OtpError } from '@otpflow/core'
import type { FlowStatus, ResendStatus } from '@otpflow/core/flow'
import { describe, expectTypeOf, it } from 'vitest'
import type { SendOptions } from './resend-options'
import type { UseOtpFlowResult, UseOtpFlowResultOf } from './use-otp-flow'

declare const flow: UseOtpFlowResult

describe('UseOtpFlowResult', () => {
  it('is told apart by status', () => {
    expectTypeOf(flow.status).toEqualTypeOf<FlowStatus>()
  })

  it('offers every data key before narrowing, possibly undefined', () => {
    expectTypeOf(flow.resendAvailableAt).toEqualTypeOf<Date | undefined>()
    expectTypeOf(flow.error).toEqualTypeOf<OtpError | undefined>()
    expectTypeOf(flow.phoneNumber).toEqualTypeOf<string | undefined>()
    expectTypeOf(flow.verificationToken).toEqualTypeOf<string | undefined>()
    // @ts-expect-error: a deadline may be missing until the status says otherwise
    flow.resendAvailableAt.getTime()
  })

  it('knows the deadlines while awaiting the code', () => {
    if (flow.status === 'awaitingCode') {
      expectTypeOf(flow.resendAvailableAt).toEqualTypeOf<Date>()
      expectTypeOf(flow.expiresAt).toEqualTypeOf<Date | undefined>()
      expectTypeOf(flow.phoneNumber).toEqualTypeOf<string>()
      expectTypeOf(flow.resendStatus).toEqualTypeOf<ResendStatus>()
      expectTypeOf(flow.attemptsLeft).toEqualTypeOf<number | undefined>()
      expectTypeOf(flow.remainingResends).toEqualTypeOf<number | undefined>()
      expectTypeOf(flow.error).toEqualTypeOf<OtpError | undefined>()
      expectTypeOf(flow.lastRejectedCode).toEqualTypeOf<string | undefined>()
      expectTypeOf(flow.verificationToken).toEqualTypeOf<undefined>()
    }
  })

  it('knows the widget asked for during a human check', () => {
    expectTypeOf(flow.challenge).toEqualTypeOf<CaptchaChallenge | undefined>()
    if (flow.status === 'humanCheck') {
      expectTypeOf(flow.challenge).toEqualTypeOf<CaptchaChallenge>()
      expectTypeOf(flow.phoneNumber).toEqualTypeOf<string>()
      expectTypeOf(flow.error).toEqualTypeOf<OtpError | undefined>()
      expectTypeOf(flow.passHumanCheck).toEqualTypeOf<(token: string) => void>()
    }
  })

  it('says the channel in use and the channels on offer, and resends on another one', () => {
    expectTypeOf(flow.channel).toEqualTypeOf<OtpChannel | undefined>()
    if (flow.status === 'awaitingCode') {
      expectTypeOf(flow.availableChannels).toEqualTypeOf<readonly OtpChannel[] | undefined>()
    }
    flow.resend()
    flow.resend({ channel: 'voice' })
    // Still bound straight to a button: the click event is no options object, and none is read from it.
    const onClick: (event: MouseEvent) => void = flow.resend
    expectTypeOf(onClick).toBeFunction()
    // @ts-expect-error: a channel is a name, not a number
    flow.resend({ channel: 1 })
  })

  it('knows the code while checking', () => {
    if (flow.status === 'checking') {
      expectTypeOf(flow.code).toEqualTypeOf<string>()
      expectTypeOf(flow.resendAvailableAt).toEqualTypeOf<Date>()
    }
  })

  it('tells a send from a resend', () => {
    if (flow.status === 'sending') {
      expectTypeOf(flow.reason).toEqualTypeOf<'send' | 'resend'>()
      expectTypeOf(flow.phoneNumber).toEqualTypeOf<string>()
      if (flow.reason === 'resend') expectTypeOf(flow.authenticationUuid).toEqualTypeOf<string>()
      else expectTypeOf(flow.authenticationUuid).toEqualTypeOf<undefined>()
    }
  })

  it('carries the token once verified', () => {
    if (flow.status === 'verified') {
      expectTypeOf(flow.verificationToken).toEqualTypeOf<string | undefined>()
      expectTypeOf(flow.verificationExpiresAt).toEqualTypeOf<Date | undefined>()
      expectTypeOf(flow.phoneNumber).toEqualTypeOf<string>()
      expectTypeOf(flow.error).toEqualTypeOf<undefined>()
    }
  })

  it('always has an error in the ends that need one', () => {
    if (flow.status === 'expired' || flow.status === 'error' || flow.status === 'blocked') {
      expectTypeOf(flow.error).toEqualTypeOf<OtpError>()
      expectTypeOf(flow.phoneNumber).toEqualTypeOf<string>()
    }
    if (flow.status === 'blocked') {
      expectTypeOf(flow.until).toEqualTypeOf<Date | undefined>()
      expectTypeOf(flow.cause).toEqualTypeOf<'send' | 'check'>()
    }
  })

  it('may lack a number when idle', () => {
    if (flow.status === 'idle') {
      expectTypeOf(flow.phoneNumber).toEqualTypeOf<string | undefined>()
      expectTypeOf(flow.resendAvailableAt).toEqualTypeOf<undefined>()
      expectTypeOf(flow.verificationExpired).toEqualTypeOf<boolean | undefined>()
    }
  })

  it('has the actions in every state', () => {
    expectTypeOf(flow.send).toEqualTypeOf<(phoneNumber: string, options?: SendOptions) => void>()
    expectTypeOf(flow.checkCode).toEqualTypeOf<(code: string) => void>()
    // The deprecated name of checkCode, kept for one minor version.
    expectTypeOf(flow.submitCode).toEqualTypeOf<(code: string) => void>()
    expectTypeOf<UseOtpFlowResultOf<'verified'>['reset']>().toEqualTypeOf<() => void>()
    expectTypeOf<UseOtpFlowResultOf<'idle'>['changeNumber']>().toEqualTypeOf<() => void>()
  })
})
