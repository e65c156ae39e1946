import type { Clock, OtpError } from '@otpflow/core'
import type { UseOtpFlowResult } from '@otpflow/react'
import { useState } from 'react'
import type { MessageFormat, Messages } from './messages'
import { type ErrorDescription, type PhoneVerifyStep, shownError } from './phone-verify-decisions'

export interface ShownErrorOptions {
  flow: UseOtpFlowResult
  step: PhoneVerifyStep
  /** The number typed does not validate. */
  invalidNumber: boolean
  messages: Messages
  format: MessageFormat
  clock: Clock
}

/** The error on screen, with what only the component knows: an edit since, a rejected code entered again. */
export function useShownError({ flow, step, invalidNumber, messages, format, clock }: ShownErrorOptions): {
  error: ErrorDescription | undefined
  /** The number is being edited: the flow's error about it goes away. */
  dismiss: () => void
  /** The code just rejected was entered again (the flow ignores it): say so. */
  sayCodeRepeated: (code: string) => void
} {
  const [dismissedError, setDismissedError] = useState<OtpError>()
  // The rejected code entered again: which error and code it answered, to say so while they stand.
  const [sameCode, setSameCode] = useState<{ error: OtpError | undefined; code: string }>()
  // When each error was first shown, to count its Retry-After down from there.
  const [errorsSeen] = useState(() => new WeakMap<OtpError, number>())
  const shownAt = (error: OtpError) => {
    const seen = errorsSeen.get(error) ?? clock.now()
    errorsSeen.set(error, seen)
    return seen
  }
  const local = {
    invalidNumber,
    sameCode:
      sameCode !== undefined &&
      flow.status === 'awaitingCode' &&
      flow.error === sameCode.error &&
      flow.lastRejectedCode === sameCode.code,
    dismissed: flow.error !== undefined && flow.error === dismissedError && flow.status !== 'expired',
  }
  return {
    error: shownError(flow, step, local, messages, { format, now: clock.now(), shownAt }),
    dismiss: () => {
      if (flow.error) setDismissedError(flow.error)
    },
    sayCodeRepeated: (code) => setSameCode({ error: flow.error, code }),
  }
}
