import type { OtpChannel } from '@otpflow/core'
import type { UseOtpFlowResult } from '@otpflow/react'
import { useRef } from 'react'
import type { PartRefs, VerifyActions } from './phone-verify-context'
import { type PhoneVerifyStep, sendPending } from './phone-verify-decisions'
import type { NumberEntry } from './use-number-entry'

export interface VerifyActionsOptions {
  flow: UseOtpFlowResult
  step: PhoneVerifyStep
  disabled: boolean
  number: NumberEntry
  code: string
  setCode: (code: string) => void
  refs: PartRefs
  sayCodeRepeated: (code: string) => void
}

/** What the buttons and fields of `<PhoneVerify>` do, on top of the flow's own actions. */
export function useVerifyActions({
  flow,
  step,
  disabled,
  number,
  code,
  setCode,
  refs,
  sayCodeRepeated,
}: VerifyActionsOptions): VerifyActions {
  // What "Try again" on the code step repeats: the last check, or the last resend.
  const lastCodeAction = useRef<'check' | 'resend'>('check')
  // The channel the last resend asked for, so that "Try again" repeats a switch rather than a plain resend.
  const lastChannel = useRef<OtpChannel | undefined>(undefined)
  const focusCode = () => refs.code.current?.focus()

  const send = () => {
    if (sendPending(flow) || disabled) return
    if (flow.status === 'blocked') flow.changeNumber()
    number.submit(flow.send, () => refs.phone.current?.focus())
  }
  const checkCode = (value: string) => {
    lastCodeAction.current = 'check'
    if (flow.status === 'awaitingCode' && value === flow.lastRejectedCode) {
      // The flow does not check a rejected code twice; say so and clear the field as after the first time.
      sayCodeRepeated(value)
      setCode('')
      focusCode()
      return
    }
    flow.checkCode(value)
  }
  const resend = (channel?: OtpChannel) => {
    lastCodeAction.current = 'resend'
    lastChannel.current = channel
    flow.resend(channel === undefined ? undefined : { channel })
  }
  const changeNumber = () => {
    flow.changeNumber()
    // Already on the number step (blocked): no transition moves the focus there.
    if (step === 'phone') refs.phone.current?.focus()
  }
  const sendNewCode = () => {
    if (flow.status === 'blocked') flow.send(flow.phoneNumber)
    else resend()
  }
  return {
    send,
    checkCode,
    resend: () => resend(),
    switchChannel: (channel) => resend(channel),
    changeNumber,
    sendNewCode,
    verifyAgain: () => {
      if (flow.status === 'verified') flow.send(flow.phoneNumber)
    },
    // The action button goes away while its request runs: the focus first moves to the control that stays and says
    // the request is on its way ("Sending…", the read-only code field), never to the page.
    takeWayOut: (action) => {
      if (action === 'changeNumber') changeNumber()
      else if (action === 'sendNewCode') sendNewCode()
      else if (step === 'phone') {
        refs.sendButton.current?.focus()
        send()
      } else if (lastCodeAction.current === 'resend') {
        refs.resendButton.current?.focus()
        resend(lastChannel.current)
      } else {
        focusCode()
        checkCode(code)
      }
    },
  }
}
